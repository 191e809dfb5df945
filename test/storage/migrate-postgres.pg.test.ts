import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { StorageError } from '../../src/storage/errors';
import { MIGRATIONS_DIR, readMigrations } from '../../src/storage/migrate';
import { migratePostgres, POSTGRES_MIGRATIONS_DIR } from '../../src/storage/migrate-postgres';
import { freshPostgres, type TestPostgres } from '../helpers/postgres';

const EXPECTED = readMigrations(POSTGRES_MIGRATIONS_DIR).length;

function copyMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-pgmig-'));
  for (const f of fs.readdirSync(POSTGRES_MIGRATIONS_DIR)) fs.copyFileSync(path.join(POSTGRES_MIGRATIONS_DIR, f), path.join(dir, f));
  return dir;
}

async function versions(pg: TestPostgres): Promise<number[]> {
  const { rows } = await sql<{ version: number }>`SELECT version FROM schema_migrations ORDER BY version`.execute(pg.db);
  return rows.map((r) => r.version);
}

describe('PostgreSQL migrations', () => {
  let pg: TestPostgres | undefined;
  afterEach(async () => {
    await pg?.close();
    pg = undefined;
  });

  it('has a PostgreSQL twin for every SQLite migration, same number and name', () => {
    const names = (ms: { version: number; name: string }[]) => ms.map((m) => `${m.version}_${m.name}`);
    expect(names(readMigrations(POSTGRES_MIGRATIONS_DIR))).toEqual(names(readMigrations(MIGRATIONS_DIR)));
  });

  it('builds the schema from empty, recording each file with its checksum', async () => {
    pg = await freshPostgres({ migrate: false });
    expect(await migratePostgres(pg.db)).toEqual({ version: EXPECTED, applied: EXPECTED });
    const { rows } = await sql<{ version: number; checksum: string }>`SELECT version, checksum FROM schema_migrations ORDER BY version`.execute(pg.db);
    expect(rows).toEqual(readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => ({ version: m.version, checksum: m.checksum })));
  });

  it('is a no-op the second time and keeps data', async () => {
    pg = await freshPostgres();
    await pg.db.insertInto('people').values({ id: 'U1', created_at: 0, updated_at: 0 }).execute();
    expect(await migratePostgres(pg.db)).toEqual({ version: EXPECTED, applied: 0 });
    expect(await pg.db.selectFrom('people').select('id').execute()).toEqual([{ id: 'U1' }]);
  });

  it('refuses a database newer than the code', async () => {
    pg = await freshPostgres();
    await sql`INSERT INTO schema_migrations VALUES (999, 'future', 'x', 0)`.execute(pg.db);
    await expect(migratePostgres(pg.db)).rejects.toThrow(/schema version 999 but this Leadwell only knows/);
  });

  it('refuses a gap in the numbering', async () => {
    const dir = copyMigrations();
    // One number past the next free one, whatever the latest landed migration is.
    const last = Math.max(...fs.readdirSync(dir).filter((f) => /^\d{4}_.*\.sql$/.test(f)).map((f) => Number(f.slice(0, 4))));
    fs.writeFileSync(path.join(dir, `${String(last + 2).padStart(4, '0')}_later.sql`), 'SELECT 1;');
    pg = await freshPostgres({ migrate: false });
    await expect(migratePostgres(pg.db, dir)).rejects.toThrow(StorageError);
    await expect(migratePostgres(pg.db, dir)).rejects.toThrow(/without gaps/);
  });

  it('refuses a migration edited after it was applied', async () => {
    const dir = copyMigrations();
    pg = await freshPostgres({ migrationsDir: dir });
    fs.appendFileSync(path.join(dir, '0001_core.sql'), '\n-- sneaky edit\n');
    await expect(migratePostgres(pg.db, dir)).rejects.toThrow(/0001_core\.sql was changed after it was applied/);
  });

  it('rolls back a failing migration as a whole, keeping the ones before it', async () => {
    const dir = copyMigrations();
    const next = String(EXPECTED + 1).padStart(4, '0');
    fs.writeFileSync(path.join(dir, `${next}_broken.sql`), 'CREATE TABLE half (id INTEGER); INSERT INTO nowhere VALUES (1);');
    pg = await freshPostgres({ migrate: false });
    await expect(migratePostgres(pg.db, dir)).rejects.toThrow(/nowhere/);
    const half = await sql<{ t: string | null }>`SELECT to_regclass('half')::text AS t`.execute(pg.db);
    expect(half.rows[0]?.t).toBeNull();
    expect(await versions(pg)).toEqual(Array.from({ length: EXPECTED }, (_, i) => i + 1));
  });

  it('migrates once when two instances start together on one database', async () => {
    // A slow extra migration widens the race; without the lock both would CREATE TABLE and one would fail.
    const dir = copyMigrations();
    const next = String(EXPECTED + 1).padStart(4, '0');
    fs.writeFileSync(path.join(dir, `${next}_slow.sql`), 'SELECT pg_sleep(0.3); CREATE TABLE slow_marker (id INTEGER PRIMARY KEY);');
    pg = await freshPostgres({ migrate: false });
    const [a, b] = [pg.db, pg.connect()];
    const results = await Promise.all([migratePostgres(a, dir), migratePostgres(b, dir)]);
    expect(results.map((r) => r.version)).toEqual([EXPECTED + 1, EXPECTED + 1]);
    expect(results[0]!.applied + results[1]!.applied).toBe(EXPECTED + 1);
    expect(await versions(pg)).toEqual(Array.from({ length: EXPECTED + 1 }, (_, i) => i + 1));
  });
});
