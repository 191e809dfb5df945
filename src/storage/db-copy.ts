import Database from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from './database';
import { StorageError } from './errors';
import { MIGRATIONS_DIR, readMigrations } from './migrate';
import { migratePostgres } from './migrate-postgres';
import { TABLES, type Database as Schema, type TableInfo } from './tables';

/**
 * `npm run db:copy`: every row of a SQLite installation into an empty PostgreSQL database, keeping ids and
 * timestamps. One read snapshot of the source, one transaction on the target (all or nothing), rows in
 * primary-key order (so the pulse tables land in random-key order, never answer order), row counts
 * verified per table before the commit, identity sequences moved past the copied ids.
 */

export interface TableCount {
  table: string;
  rows: number;
}

export interface CopyResult {
  applied: boolean;
  tables: TableCount[];
}

const BATCH_ROWS = 500; // 500 rows × ≤ 21 columns stays far below PostgreSQL's 65,535 parameters

/** The source, read-only: db:copy never migrates or writes the installation it copies from. */
export function openSqliteSource(file: string): Db {
  try {
    return new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new StorageError('storage_copy_refused', `--from: cannot open the SQLite database "${file}": ${(err as Error).message}`);
  }
}

export async function copySqliteToPostgres(source: Db, target: Kysely<Schema>, options: { apply: boolean }): Promise<CopyResult> {
  checkSourceVersion(source);
  source.exec('BEGIN'); // one consistent snapshot while the copy runs, even if the app is still writing
  try {
    const tables = TABLES.map((t) => ({ table: t.name, rows: countSqlite(source, t.name) }));
    if (!options.apply) {
      await refuseNonEmpty(target, await existingTables(target));
      return { applied: false, tables };
    }
    await migratePostgres(target);
    await target.transaction().execute(async (trx) => {
      await refuseNonEmpty(trx, TABLES.map((t) => t.name));
      for (const t of TABLES) await copyTable(source, trx, t);
      await verifyCounts(trx, tables);
      for (const t of TABLES) if ('identity' in t) await resetIdentity(trx, t.name);
    });
    return { applied: true, tables };
  } finally {
    source.exec('COMMIT');
  }
}

function checkSourceVersion(source: Db): void {
  const version = source.pragma('user_version', { simple: true }) as number;
  const known = readMigrations(MIGRATIONS_DIR).length;
  if (version !== known) {
    throw new StorageError(
      'storage_copy_refused',
      `--from: the SQLite database is at schema version ${version}, this Leadwell's is ${known}; ` +
        (version < known ? 'start this Leadwell once on it (it upgrades in place), stop it, then copy' : 'copy with the newer Leadwell that wrote it'),
    );
  }
}

function countSqlite(source: Db, table: string): number {
  return (source.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

async function existingTables(target: Kysely<Schema>): Promise<string[]> {
  const found: string[] = [];
  for (const t of TABLES) {
    const { rows } = await sql<{ t: string | null }>`SELECT to_regclass(${t.name})::text AS t`.execute(target);
    if (rows[0]?.t) found.push(t.name);
  }
  return found;
}

async function refuseNonEmpty(target: Kysely<Schema> | Transaction<Schema>, tables: readonly string[]): Promise<void> {
  const filled: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(target);
    if ((rows[0]?.n ?? 0) > 0) filled.push(`${table}: ${rows[0]?.n} rows`);
  }
  if (filled.length > 0) {
    throw new StorageError(
      'storage_copy_refused',
      `--to: the target database already holds data (${filled.join(', ')}); db:copy only fills an empty database, so nothing was written`,
    );
  }
}

async function copyTable(source: Db, trx: Transaction<Schema>, table: TableInfo): Promise<void> {
  const order = table.key.map((k) => `"${k}"`).join(', ');
  const managers: Array<[string, string]> = [];
  let batch: Record<string, unknown>[] = [];
  for (const row of source.prepare(`SELECT * FROM "${table.name}" ORDER BY ${order}`).iterate() as Iterable<Record<string, unknown>>) {
    // people.manager_id points into people: inserted empty first, set once everyone exists.
    if (table.name === 'people' && row.manager_id !== null) {
      managers.push([row.id as string, row.manager_id as string]);
      batch.push({ ...row, manager_id: null });
    } else batch.push(row);
    if (batch.length === BATCH_ROWS) {
      await insertRows(trx, table.name, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await insertRows(trx, table.name, batch);
  for (let i = 0; i < managers.length; i += BATCH_ROWS) {
    const pairs = managers.slice(i, i + BATCH_ROWS).map(([id, managerId]) => sql`(${id}, ${managerId})`);
    await sql`UPDATE people SET manager_id = v.manager_id FROM (VALUES ${sql.join(pairs)}) AS v(id, manager_id) WHERE people.id = v.id`.execute(trx);
  }
}

async function insertRows(trx: Transaction<Schema>, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  const columns = Object.keys(rows[0] ?? {});
  const values = rows.map((row) => sql`(${sql.join(columns.map((c) => row[c]))})`);
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) VALUES ${sql.join(values)}`.execute(trx);
}

async function verifyCounts(trx: Transaction<Schema>, expected: readonly TableCount[]): Promise<void> {
  for (const { table, rows } of expected) {
    const { rows: got } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(trx);
    if (got[0]?.n !== rows) {
      throw new StorageError('storage_copy_refused', `${table}: copied ${got[0]?.n ?? 0} rows but the source has ${rows}; nothing was written`);
    }
  }
}

/** New rows after the copy must not collide with copied ids: the sequence starts past the largest one. */
async function resetIdentity(trx: Transaction<Schema>, table: string): Promise<void> {
  await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), COALESCE((SELECT MAX(id) FROM ${sql.table(table)}), 0) + 1, false)`.execute(trx);
}
