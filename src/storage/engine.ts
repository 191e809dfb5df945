import { createHash } from 'node:crypto';
import { CompiledQuery, PostgresAdapter, sql, type Compilable, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type { Database } from './tables';

export type EngineKind = 'sqlite' | 'postgres';

/**
 * What every repository factory takes: the database or a transaction on it (a Kysely `Transaction` is a
 * `Kysely`), so one factory serves both inside and outside a unit of work.
 */
export type Executor = Kysely<Database>;

/** Which engine an executor talks to, for the few statements the two dialects spell differently. */
export function engineOf(db: Executor): EngineKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Kysely reports affected rows as a bigint, under a different name per statement; repositories want a count. */
export function affected(result: { numInsertedOrUpdatedRows?: bigint } | { numUpdatedRows: bigint } | { numDeletedRows: bigint } | undefined): number {
  if (!result) return 0;
  if ('numInsertedOrUpdatedRows' in result) return Number(result.numInsertedOrUpdatedRows ?? 0n);
  if ('numUpdatedRows' in result) return Number(result.numUpdatedRows);
  return 'numDeletedRows' in result ? Number(result.numDeletedRows) : 0;
}

/**
 * A bound value SQLite's planner cannot read: `(SELECT ?)` there, the plain parameter on PostgreSQL. When planning a
 * statement reads one of its bound values (SQLite 3.54 does for a LIMIT, for an equality it weighs in a plan it does
 * not pick, for the terms of an OR), SQLite marks the statement to be parsed and planned again on every run: a
 * statement prepared once is then compiled per call anyway, inside the native call. Measured on the request path:
 * the group's claim ~40 µs a run against ~4 µs, the group read ~24 µs against ~6. A sub-select of a parameter is run
 * once per run and still seeks the index. Constants the builder would bind (`status = 'planned'`, `waits = 0`) are
 * written as literals (`sql.lit`) for the same reason. test/storage/sqlite-planned-once.test.ts guards the
 * statements that need it.
 */
export function opaque<T>(db: Executor, value: T): RawBuilder<T> {
  return engineOf(db) === 'sqlite' ? sql<T>`(SELECT ${value})` : sql<T>`${value}`;
}

/**
 * A statement built once and run many times with new values, for the request path (every Slack request
 * passes the replay memory): skips rebuilding and recompiling the Kysely query on each call. The values are
 * bound by position, in the order the builder placed them, which is why the template is built from the same
 * builder with stand-in values.
 */
export function prepared<R>(db: Executor, template: Compilable<R>, o: { serverSide?: boolean } = {}): (values: readonly unknown[]) => Promise<QueryResult<R>> {
  const text = template.compile().sql;
  if (o.serverSide && engineOf(db) === 'postgres') serverSideName(text);
  return (values) => db.executeQuery<R>(CompiledQuery.raw(text, [...values]));
}

/** The option that marks a statement built once to be prepared on the PostgreSQL server (serverSideName). */
export const SERVER_SIDE = { serverSide: true } as const;

/** Statement text → its server-side name (see serverSideName): the same text gets the same name in every pool. */
const SERVER_SIDE_NAMES = new Map<string, string>();

/**
 * Marks a statement's text to be prepared on the PostgreSQL server, per connection, under a name derived from the
 * text: each connection then parses and plans it once (and, after a few runs, keeps a generic plan) instead of on
 * every call. Worth it for a statement whose planning costs more than its run (the prep card's facts: ~1.3 ms of
 * planning, ~0.3 ms of execution). Only for statements whose result columns are listed, never `SELECT *` at the
 * top: a prepared `SELECT *` fails with "cached plan must not change result type" once a migration adds a column.
 * The pool applies it (postgres.ts) unless DATABASE_PREPARED_STATEMENTS=off.
 */
export function serverSideName(text: string): string {
  let name = SERVER_SIDE_NAMES.get(text);
  if (name === undefined) {
    name = `lw_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    SERVER_SIDE_NAMES.set(text, name);
  }
  return name;
}

/** The server-side name of a statement marked by serverSideName, undefined for every other statement. */
export function serverSideNameOf(text: string): string | undefined {
  return SERVER_SIDE_NAMES.get(text);
}
