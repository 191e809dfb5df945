import type { Executor } from './engine';

/**
 * Runs `work` in one transaction. Inside a unit of work the executor already is one, and a nested BEGIN would
 * fail (and would not be atomic with the rest of the unit anyway), so the work joins it instead.
 */
export function inTransaction<T>(db: Executor, work: (ex: Executor) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
