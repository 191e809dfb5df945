import type { Executor } from './engine';

/**
 * Runs `work` in one transaction: its own when `db` is the database, the caller's when `db` is already a
 * unit of work's transaction (Kysely cannot nest one in another; the outer one decides commit and rollback).
 */
export function atomic<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
