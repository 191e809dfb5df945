import type { Kysely } from 'kysely';
import { Pool } from 'pg';
import { migratePostgres, POSTGRES_MIGRATIONS_DIR } from '../../src/storage/migrate-postgres';
import { createPostgresPool, postgresKysely } from '../../src/storage/postgres';
import type { Database } from '../../src/storage/tables';
import { Pglite } from './pglite';

/**
 * A fresh, empty PostgreSQL database per call, migrated by the real runner from migrations/postgres/.
 * `npm test`: PGlite in this process (one per jest worker, kept across its test files: Pglite.shared; one schema per
 * database).
 * TEST_DATABASE_URL set (CI, `npm run test:pg`): a real server, one throwaway database per call, dropped
 * on close.
 */
export interface TestPostgres {
  readonly db: Kysely<Database>;
  readonly where: 'pglite' | 'server';
  /** The database's URL on a real server (absent on PGlite). */
  readonly url?: string;
  /** Another, independent handle on the same database (a second app instance). */
  connect(): Kysely<Database>;
  close(): Promise<void>;
}

const serverUrl = process.env.TEST_DATABASE_URL;
let pglite: Promise<Pglite> | undefined;
let admin: Pool | undefined;
let counter = 0;
/** Databases not closed yet, and whether the file's tests are over: the shared handles close after both. */
let open = 0;
let finished = false;

async function closeShared(): Promise<void> {
  if (!finished || open > 0) return;
  const [p, a] = [pglite, admin];
  pglite = undefined;
  admin = undefined;
  await (await p)?.close();
  await a?.end();
}

// A suite's own afterAll (a harness stopping the app) may run after this one: the last close ends them then.
// Outside jest (the fuzz and chaos CLIs load the harness) there is no afterAll: the process's end closes them.
if (typeof afterAll === 'function') {
  afterAll(async () => {
    finished = true;
    await closeShared();
  });
}

/**
 * Starts the file's PGlite ahead of its tests (test/helpers/jest-setup.ts does, with a long timeout): compiling
 * PostgreSQL's WASM and its initdb take seconds, far more on a loaded machine, and must not eat into the
 * 20 s budget of whichever test or hook happens to come first.
 */
export async function warmPostgres(): Promise<void> {
  if (serverUrl) return;
  pglite ??= Pglite.shared();
  await pglite;
}

export async function freshPostgres(options: { migrate?: boolean; migrationsDir?: string } = {}): Promise<TestPostgres> {
  counter += 1;
  const name = `leadwell_t_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
  const raw = serverUrl ? await serverDatabase(serverUrl, name) : await pgliteSchema(name);
  open += 1;
  let closed = false;
  const pg: TestPostgres = {
    ...raw,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await raw.close();
      } finally {
        open -= 1;
        await closeShared();
      }
    },
  };
  if (options.migrate !== false) {
    try {
      await migratePostgres(pg.db, options.migrationsDir ?? POSTGRES_MIGRATIONS_DIR);
    } catch (err) {
      await pg.close();
      throw err;
    }
  }
  return pg;
}

async function pgliteSchema(schema: string): Promise<TestPostgres> {
  pglite ??= Pglite.shared();
  const pg = await pglite;
  await pg.run(`CREATE SCHEMA "${schema}"`);
  const handles = [pg.kysely(schema)];
  return {
    db: handles[0]!,
    where: 'pglite',
    connect() {
      const another = pg.kysely(schema);
      handles.push(another);
      return another;
    },
    async close() {
      for (const h of handles) await h.destroy();
      await pg.run(`DROP SCHEMA "${schema}" CASCADE`);
    },
  };
}

async function serverDatabase(base: string, name: string): Promise<TestPostgres> {
  admin ??= new Pool({ connectionString: base, max: 2 });
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const open = () => postgresKysely(createPostgresPool(url.toString(), { maxConnections: 4 }));
  const handles = [open()];
  const pool = admin;
  return {
    db: handles[0]!,
    where: 'server',
    url: url.toString(),
    connect() {
      const another = open();
      handles.push(another);
      return another;
    },
    async close() {
      for (const h of handles) await h.destroy();
      await pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
