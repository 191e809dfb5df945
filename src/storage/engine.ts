import { CompiledQuery, PostgresAdapter, type Compilable, type Kysely, type QueryResult } from 'kysely';
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
 * A statement built once and run many times with new values, for the request path (every Slack request
 * passes the replay memory): skips rebuilding and recompiling the Kysely query on each call. The values are
 * bound by position, in the order the builder placed them, which is why the template is built from the same
 * builder with stand-in values.
 */
export function prepared<R>(db: Executor, template: Compilable<R>): (values: readonly unknown[]) => Promise<QueryResult<R>> {
  const text = template.compile().sql;
  return (values) => db.executeQuery<R>(CompiledQuery.raw(text, [...values]));
}
