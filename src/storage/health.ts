import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { engineOf, type Executor } from './engine';
import { readMigrations } from './migrate';
import { POSTGRES_MIGRATIONS_DIR } from './migrate-postgres';

export interface DatabaseHealth {
  ok: boolean;
  /** Plain words for an operator when not ok; never data from the database. */
  reason?: string;
}

export interface DatabaseHealthOptions {
  /** SQLite: the database file (':memory:' or none skips the free-space check). Not used on PostgreSQL. */
  file?: string;
  /** PRAGMA quick_check reads every page, so it runs at most this often; other probes run on every check. */
  integrityEveryMs?: number;
  /** Below this much free space on the database's file system the check fails before SQLite does. */
  minFreeBytes?: number;
  now?: () => number;
  /** PostgreSQL: the schema version this code expects (default: the number of files in migrations/postgres/). */
  expectedVersion?: number;
}

const TEN_MINUTES = 10 * 60 * 1000;
const MIN_FREE_BYTES = 64 * 1024 * 1024;

type Probe = () => Promise<DatabaseHealth>;

/**
 * What /healthz asks storage. SQLite: is the file sound (quick_check, cached), can it be written right now,
 * and is there room on the disk. PostgreSQL: does the server answer (`select 1`), is it a primary that takes
 * writes (not a standby after a failover), and is the schema at this code's migration version (an instance
 * left on an older or newer Leadwell than the database is not serving correctly). Disk space and page
 * integrity are the server's and its operator's concern there.
 */
export function createDatabaseHealth(db: Executor, options: DatabaseHealthOptions = {}): () => Promise<DatabaseHealth> {
  const probes = engineOf(db) === 'postgres' ? postgresProbes(db, options) : sqliteProbes(db, options);
  return async () => {
    for (const probe of probes) {
      const result = await probe();
      if (!result.ok) return result;
    }
    return { ok: true };
  };
}

function postgresProbes(db: Executor, options: DatabaseHealthOptions): Probe[] {
  const expected = options.expectedVersion ?? readMigrations(POSTGRES_MIGRATIONS_DIR).length;
  const reachable: Probe = () => attempt('connection check', async () => {
    await sql`select 1`.execute(db);
    return undefined;
  });
  const primary: Probe = () => attempt('write probe', async () => {
    const { rows } = await sql<{ standby: boolean }>`SELECT pg_is_in_recovery() AS standby`.execute(db);
    return rows[0]?.standby ? 'database is read-only: this PostgreSQL is a standby (point DATABASE_URL at the primary)' : undefined;
  });
  const schema: Probe = () => attempt('schema version check', async () => {
    const { rows } = await sql<{ v: number | null }>`SELECT MAX(version) AS v FROM schema_migrations`.execute(db);
    const version = Number(rows[0]?.v ?? 0);
    if (version === expected) return undefined;
    return version < expected
      ? `database schema is at version ${version}, older than this Leadwell's ${expected}: restart an instance to migrate it`
      : `database schema is at version ${version}, newer than this Leadwell's ${expected}: this instance runs an older Leadwell`;
  });
  return [reachable, primary, schema];
}

function sqliteProbes(db: Executor, options: DatabaseHealthOptions): Probe[] {
  const now = options.now ?? Date.now;
  const every = options.integrityEveryMs ?? TEN_MINUTES;
  const minFree = options.minFreeBytes ?? MIN_FREE_BYTES;
  let integrity: { at: number; result: DatabaseHealth } | undefined;

  const checkIntegrity: Probe = async () => {
    if (integrity && now() - integrity.at < every) return integrity.result;
    const result = await attempt('integrity check', async () => {
      const { rows } = await sql<{ quick_check: string }>`PRAGMA quick_check(3)`.execute(db);
      const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
      return problems.length === 0 ? undefined : `database integrity check failed: ${problems.join('; ').slice(0, 300)}`;
    });
    integrity = { at: now(), result };
    return result;
  };

  // A page-sized insert in a transaction that is rolled back: a read-only file, a lock held elsewhere or a file
  // at its size limit fail here. It holds Kysely's one connection throughout, so no other query lands inside;
  // not a Kysely transaction, because SQLITE_FULL has already rolled back and a second ROLLBACK's error would
  // hide the one that names the condition.
  const checkWritable: Probe = () => attempt('write probe', () =>
    db.connection().execute(async (c) => {
      const { rows } = await sql<{ page_size: number }>`PRAGMA page_size`.execute(c);
      await sql`BEGIN IMMEDIATE`.execute(c);
      try {
        await sql`INSERT INTO health_probes (pad) VALUES (zeroblob(${rows[0]?.page_size ?? 4096}))`.execute(c);
      } finally {
        await sql`ROLLBACK`.execute(c).catch(() => undefined);
      }
      return undefined;
    }),
  );

  const checkFreeSpace: Probe = () => {
    const file = options.file;
    if (!file || file === ':memory:') return Promise.resolve({ ok: true });
    return attempt('free space check', () => {
      const s = fs.statfsSync(path.dirname(path.resolve(file)));
      const free = s.bavail * s.bsize;
      return Promise.resolve(free < minFree ? `disk nearly full: ${Math.floor(free / (1024 * 1024))} MB free where the database lives` : undefined);
    });
  };

  return [checkWritable, checkFreeSpace, checkIntegrity];
}

async function attempt(what: string, probe: () => Promise<string | undefined>): Promise<DatabaseHealth> {
  try {
    const problem = await probe();
    return problem ? { ok: false, reason: problem } : { ok: true };
  } catch (err) {
    // The engine's message names the condition ("database or disk is full", "attempt to write a readonly database").
    return { ok: false, reason: `database ${what} failed: ${(err as Error).message}` };
  }
}
