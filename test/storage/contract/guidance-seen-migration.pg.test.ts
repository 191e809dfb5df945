import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { MIGRATIONS_DIR, migrate } from '../../../src/storage/migrate';
import { POSTGRES_MIGRATIONS_DIR, migratePostgres } from '../../../src/storage/migrate-postgres';
import { sqliteKysely } from '../../../src/storage/sqlite-kysely';
import { createGuidanceSeenRepository } from '../../../src/storage/guidance-seen-repository';
import { freshPostgres } from '../../helpers/postgres';

/** A copy of one engine's migrations folder up to (not including) `before`. */
function migrationsBefore(dir: string, before: string): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-0016-'));
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.sql') && n < before)) fs.copyFileSync(path.join(dir, f), path.join(out, f));
  return out;
}

const ROWS = [['U1', 'a', 100], ['U1', 'b', 200], ['U1', 'c', 200], ['U2', 'y', 300]] as const;
const INSERT = 'INSERT INTO guidance_seen (person_id, item_id, pool, seen_at) VALUES ';
const values = ROWS.map(([p, i, at]) => `('${p}', '${i}', 'p', ${at})`).join(', ');

/** 0016 numbers the picks already recorded in the order they were made, so rotation carries on where it was. */
describe('migration 0016_guidance_seen_order', () => {
  it('SQLite: the new id is the old rowid, rows and same-millisecond order kept', async () => {
    const dir = migrationsBefore(MIGRATIONS_DIR, '0016');
    const file = path.join(dir, 'leadwell.db');
    const db = new Database(file);
    try {
      migrate(db, dir);
      db.exec(`${INSERT}${values}`);
      db.exec("DELETE FROM guidance_seen WHERE item_id = 'a'");
      db.exec(`${INSERT}('U1', 'd', 'p', 200)`);
      migrate(db, migrationsBefore(MIGRATIONS_DIR, '0018'));
      // The rebuilt table reuses the dropped one's pages (0018 then frees the replay memory's expiry index page).
      expect(db.pragma('freelist_count', { simple: true })).toBe(0);
      migrate(db, MIGRATIONS_DIR);
      expect(db.prepare('SELECT id, item_id FROM guidance_seen ORDER BY id').all()).toEqual([
        { id: 2, item_id: 'b' }, { id: 3, item_id: 'c' }, { id: 4, item_id: 'y' }, { id: 5, item_id: 'd' },
      ]);
      expect(await createGuidanceSeenRepository(sqliteKysely(db)).seen('U1', 'p')).toEqual(['d', 'c', 'b']);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: existing rows get ids in table order, new rows follow them', async () => {
    const dir = migrationsBefore(POSTGRES_MIGRATIONS_DIR, '0016');
    const pg = await freshPostgres({ migrationsDir: dir });
    try {
      await sql.raw(`${INSERT}${values}`).execute(pg.db);
      await migratePostgres(pg.db, POSTGRES_MIGRATIONS_DIR);
      const repo = createGuidanceSeenRepository(pg.db);
      await repo.record('U1', 'd', 'p', 200);
      expect(await repo.seen('U1', 'p')).toEqual(['d', 'c', 'b', 'a']);
      expect((await pg.db.selectFrom('guidance_seen').select(['id', 'item_id']).orderBy('id').execute()).map((r) => r.item_id)).toEqual(['a', 'b', 'c', 'y', 'd']);
    } finally {
      await pg.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
