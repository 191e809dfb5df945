import { PostgresAdapter, type Kysely } from 'kysely';
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
