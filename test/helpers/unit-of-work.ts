import type { UnitOfWork } from '../../src/domain/ports';
import type { Db } from '../../src/storage/database';
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { createUnitOfWork } from '../../src/storage/unit-of-work';

/**
 * A unit of work over the test database binding these repositories, as compose.ts builds them until the Kysely
 * repositories land: the better-sqlite3 repositories run on the connection the transaction holds.
 */
export function unitOfWork<R>(db: Db, repos: R): UnitOfWork<R> {
  return createUnitOfWork(sqliteKysely(db), () => repos);
}
