import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../../src/storage/migrate';

describe('migration 0006_first_weeks', () => {
  it('adds the columns and counts people who already logged or prepared 1:1s as managing, from their latest activity', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-fw-mig-'));
    const before = path.join(dir, 'before');
    fs.mkdirSync(before);
    for (const m of readMigrations(MIGRATIONS_DIR).filter((x) => x.version < 6)) fs.writeFileSync(path.join(before, `${String(m.version).padStart(4, '0')}_${m.name}.sql`), m.sql);
    const db = new Database(path.join(dir, 'leadwell.db'));
    try {
      db.pragma('foreign_keys = ON');
      migrate(db, before);
      db.exec(`
        INSERT INTO people (id, name, created_at, updated_at) VALUES ('UM', 'Maria', 1, 1), ('UA', 'Alice', 1, 1), ('UP', 'Pat', 1, 1), ('UN', 'Nobody', 1, 1);
        INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, idempotency_key, created_at) VALUES ('UM', 'UA', '2026-11-20', 100, 'k1', 500);
        INSERT INTO events (at, kind, actor_id, subject_id) VALUES (700, 'one_on_one.prepared', 'UM', 'UA'), (300, 'one_on_one.prepared', 'UP', 'UA'), (900, 'kudos.given', 'UN', 'UA');
      `);
      migrate(db, MIGRATIONS_DIR);
      const rows = db.prepare('SELECT id, managing_seen_at AS m, welcome_seen_at AS w, welcome_dismissed_at AS d FROM people ORDER BY id').all();
      expect(rows).toEqual([
        { id: 'UA', m: null, w: null, d: null },
        { id: 'UM', m: 700, w: null, d: null },
        { id: 'UN', m: null, w: null, d: null },
        { id: 'UP', m: 300, w: null, d: null },
      ]);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
