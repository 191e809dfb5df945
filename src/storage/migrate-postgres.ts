import path from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import { StorageError } from './errors';
import { MIGRATIONS_DIR, readMigrations, type Migration } from './migrate';

export const POSTGRES_MIGRATIONS_DIR = path.join(MIGRATIONS_DIR, 'postgres');

/**
 * The advisory lock every Leadwell instance takes before touching the schema. Transaction-scoped
 * (pg_advisory_xact_lock): it is released by the commit or rollback of each migration, even if the
 * process dies, so a crashed instance never leaves the others waiting.
 */
export const MIGRATION_LOCK_KEY = 7_215_402_118_301;

interface Applied {
  version: number;
  name: string;
  checksum: string;
}

export interface PostgresMigrationResult {
  /** The schema version the database is at now. */
  version: number;
  /** How many migrations this call applied (0 when another instance did the work). */
  applied: number;
}

/**
 * Applies pending migrations with the same rules as the SQLite runner (numbered, checksummed, refusing a
 * database newer than the code or an edited file), one transaction per migration. Each transaction first
 * takes the migration lock and re-reads the state, so instances starting together apply each file once:
 * the ones that wait find it done.
 */
export async function migratePostgres<DB>(db: Kysely<DB>, dir: string = POSTGRES_MIGRATIONS_DIR): Promise<PostgresMigrationResult> {
  const migrations = readMigrations(dir);
  let applied = 0;
  for (;;) {
    const step = await db.transaction().execute((trx) => applyNext(trx, migrations));
    if (step === 'up-to-date') return { version: migrations.length, applied };
    applied += 1;
  }
}

async function applyNext<DB>(trx: Transaction<DB>, migrations: readonly Migration[]): Promise<'applied' | 'up-to-date'> {
  await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY}::bigint)`.execute(trx);
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL
  )`.execute(trx);
  const { rows } = await sql<Applied>`SELECT version, name, checksum FROM schema_migrations ORDER BY version`.execute(trx);
  verifyApplied(rows, migrations);
  const next = migrations[rows.length];
  if (!next) return 'up-to-date';
  // No parameters: sent as one simple-protocol query, so a file may hold many statements.
  await sql.raw(next.sql).execute(trx);
  await sql`INSERT INTO schema_migrations (version, name, checksum, applied_at)
    VALUES (${next.version}, ${next.name}, ${next.checksum}, ${Date.now()})`.execute(trx);
  return 'applied';
}

function verifyApplied(rows: readonly Applied[], migrations: readonly Migration[]): void {
  const newest = rows.at(-1)?.version ?? 0;
  if (newest > migrations.length) {
    throw new StorageError(
      'storage_newer_than_code',
      `the database is at schema version ${newest} but this Leadwell only knows ${migrations.length}; run a newer Leadwell or restore a backup`,
    );
  }
  rows.forEach((row, i) => {
    const m = migrations[row.version - 1];
    if (row.version !== i + 1 || !m || m.checksum !== row.checksum) {
      throw new StorageError(
        'storage_migrations_inconsistent',
        `migration ${String(row.version).padStart(4, '0')}_${row.name}.sql was changed after it was applied; migrations are forward-only, add a new one instead`,
      );
    }
  });
}
