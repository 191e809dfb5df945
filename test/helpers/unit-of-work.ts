import type { UnitOfWork } from '../../src/domain/ports';
import type { Db } from '../../src/storage/database';
import type { Executor } from '../../src/storage/engine';
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { createUnitOfWork } from '../../src/storage/unit-of-work';

/**
 * A unit of work over the test database, binding repositories to its transaction as compose.ts does. They must be
 * made from `trx`: a repository on the root connection would wait for the transaction that is waiting for it.
 */
export function unitOfWork<R>(db: Db, bind: (trx: Executor) => R): UnitOfWork<R> {
  return createUnitOfWork(sqliteKysely(db), bind);
}
