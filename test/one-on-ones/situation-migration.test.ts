import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../../src/storage/migrate';

describe('migration 0010_one_on_one_situation', () => {
  it('adds one_on_ones.situation as NULL for 1:1s logged before it, and takes only a short situation id', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-situation-mig-'));
    const before = path.join(dir, 'before');
    fs.mkdirSync(before);
    for (const m of readMigrations(MIGRATIONS_DIR).filter((x) => x.version < 10)) fs.writeFileSync(path.join(before, `${String(m.version).padStart(4, '0')}_${m.name}.sql`), m.sql);
    const db = new Database(path.join(dir, 'leadwell.db'));
    try {
      db.pragma('foreign_keys = ON');
      migrate(db, before);
      db.exec(`
        INSERT INTO people (id, name, created_at, updated_at) VALUES ('UM', 'Maria', 1, 1), ('UA', 'Alice', 1, 1);
        INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, notes, idempotency_key, created_at) VALUES ('UM', 'UA', '2026-11-20', 100, 'private', 'k1', 500);
      `);
      migrate(db, MIGRATIONS_DIR);
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(10);
      expect(db.prepare('SELECT notes, situation FROM one_on_ones').all()).toEqual([{ notes: 'private', situation: null }]);
      const insert = db.prepare("INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, idempotency_key, created_at, situation) VALUES ('UM', 'UA', '2026-11-27', 200, ?, 600, ?)");
      insert.run('k2', 'performance');
      expect(() => insert.run('k3', 'x'.repeat(41))).toThrow(/CHECK/);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
