import { sql, type RawBuilder } from 'kysely';
import { engineOf, type Executor } from './engine';

/**
 * Rows built into JSON by the database, for one statement that reads several things at once (App Home's circle,
 * the prep card's facts). SQLite's json_object / json_group_array and PostgreSQL's json_build_object / json_agg
 * carry text and integers unchanged; an aggregate over no rows is '[]' on SQLite and NULL on PostgreSQL, and
 * parsedJson reads both as no rows.
 */
export function jsonSql(db: Executor) {
  const pg = engineOf(db) === 'postgres';
  /** `{ key: column, … }`; keys and columns are the code's own names, never input. */
  const object = (pairs: ReadonlyArray<readonly [string, string]>) =>
    sql.raw(`${pg ? 'json_build_object' : 'json_object'}(${pairs.map(([k, col]) => `'${k}', ${col}`).join(', ')})`);
  const agg = sql.raw(pg ? 'json_agg' : 'json_group_array');
  return {
    object,
    agg,
    /**
     * The rows of `from` (a sub-query, aliased x) as one JSON array of objects keyed by `columns`, in `order` (a
     * derived table's order does not survive the aggregate on either engine's promise: the same keys again).
     */
    rows: (from: RawBuilder<unknown> | { compile: unknown }, columns: readonly string[], order: string): RawBuilder<unknown> =>
      sql`(SELECT ${agg}(${object(columns.map((c) => [c, `x.${c}`] as const))} ORDER BY ${sql.raw(order)}) FROM ${from as RawBuilder<unknown>} x)`,
  };
}

/** A JSON value as read: PostgreSQL's driver parses `json` itself, SQLite hands back the text; NULL is undefined. */
export const parsedJson = <T>(v: unknown): T | undefined => (v === null || v === undefined ? undefined : ((typeof v === 'string' ? JSON.parse(v) : v) as T));
