import { Kysely, SqliteDialect } from 'kysely';
import type { Db } from './database';
import type { Database } from './tables';

/**
 * Kysely over an already opened (and migrated) better-sqlite3 connection: the same connection the
 * synchronous repositories use today, so both can live side by side while they move over.
 */
export function sqliteKysely(db: Db): Kysely<Database> {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: db }) });
}
