import type { Kysely } from 'kysely';
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import type { Database } from '../../src/storage/tables';
import { freshDb } from './db';
import { freshPostgres } from './postgres';

/**
 * The storage contract harness: one test body, run against every engine. SQLite is a fresh file from
 * migrations/ (as freshDb), PostgreSQL a fresh database from migrations/postgres/ (PGlite, or the server in
 * TEST_DATABASE_URL).
 */
export type EngineName = 'sqlite' | 'postgres';
export const ENGINES: readonly EngineName[] = ['sqlite', 'postgres'];

export interface TestEngine {
  readonly engine: EngineName;
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}

export async function freshEngine(engine: EngineName): Promise<TestEngine> {
  if (engine === 'postgres') {
    const pg = await freshPostgres();
    return { engine, db: pg.db, close: () => pg.close() };
  }
  const sqlite = freshDb();
  return {
    engine,
    db: sqliteKysely(sqlite.db),
    close: async () => sqlite.cleanup(),
  };
}

/**
 * describe.each over the engines with a fresh database per test: `ctx.db` inside a test is that test's.
 */
export function describeEachEngine(title: string, body: (ctx: { readonly engine: EngineName; readonly db: Kysely<Database> }) => void): void {
  describe.each(ENGINES)(`${title} [%s]`, (engine) => {
    let current: TestEngine | undefined;
    beforeEach(async () => {
      current = await freshEngine(engine);
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });
    body({
      engine,
      get db() {
        if (!current) throw new Error('ctx.db is only available inside a test');
        return current.db;
      },
    });
  });
}
