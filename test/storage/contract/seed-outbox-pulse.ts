import type { Kysely } from 'kysely';
import { openDatabase } from '../../../src/storage/database';
import { sqliteKysely } from '../../../src/storage/sqlite-kysely';
import type { Database } from '../../../src/storage/tables';
import type { EngineName } from '../../helpers/engines';
import { freshDb } from '../../helpers/db';
import { freshPostgres } from '../../helpers/postgres';

/**
 * Two independent handles on one fresh database, as two app instances would hold: on PostgreSQL two
 * connection pools (test/helpers/postgres.ts `connect()`), on SQLite two connections to the same file.
 * (better-sqlite3 blocks its thread while it waits for a lock, so SQLite handles in one process may interleave
 * statements but not open transactions: the SQLite legs of the tests take turns where a transaction is involved.)
 */
export interface TwoInstances {
  a: Kysely<Database>;
  b: Kysely<Database>;
  /** The SQLite file (for the forensic attack), absent on PostgreSQL. */
  file?: string;
  /** PGlite has one connection that every handle queues for: only a real server shows two sessions at once. */
  concurrent: boolean;
  close(): Promise<void>;
}

export async function twoInstances(engine: EngineName): Promise<TwoInstances> {
  if (engine === 'postgres') {
    const pg = await freshPostgres();
    return { a: pg.db, b: pg.connect(), concurrent: pg.where === 'server', close: () => pg.close() };
  }
  const first = freshDb();
  const second = openDatabase(first.file);
  return {
    a: sqliteKysely(first.db),
    b: sqliteKysely(second),
    file: first.file,
    concurrent: false,
    close: async () => {
      second.close();
      first.cleanup();
    },
  };
}

export async function person(db: Kysely<Database>, id: string, manager?: string): Promise<void> {
  await db.insertInto('people').values({ id, name: id.toLowerCase(), manager_id: manager ?? null, created_at: 0, updated_at: 0 }).execute();
}
