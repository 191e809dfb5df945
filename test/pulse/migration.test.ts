import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/storage/database';
import { migrate, MIGRATIONS_DIR } from '../../src/storage/migrate';

/** Migration 0012 on a database that holds answers in the old layout (receipt and answer written together). */
it('keeps every old answer, drops its day, marks old receipts released and leaves no free page behind', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-pulse-mig-'));
  const before = path.join(dir, 'before');
  fs.mkdirSync(before);
  for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f < '0012')) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(before, f));
  const db = openDatabase(path.join(dir, 'leadwell.db'), { migrationsDir: before });
  db.prepare("INSERT INTO people (id, team_id, name, real_name, tz, created_at, updated_at) VALUES ('UM', 'T', 'm', 'M', 'UTC', 0, 0)").run();
  for (let i = 0; i < 30; i += 1) {
    db.prepare("INSERT INTO pulse_receipts (respondent_hash, period) VALUES (?, '2026-10')").run(String(i).padStart(64, 'a'));
    db.prepare("INSERT INTO pulse_responses (id, period, manager_id, rating, comment, created_on) VALUES (?, '2026-10', 'UM', ?, ?, '2026-10-07')").run(`id${String(i).padStart(4, '0')}`, 1 + (i % 5), `old comment ${i}`);
  }
  migrate(db, MIGRATIONS_DIR);
  expect(db.prepare('SELECT released, COUNT(*) AS n FROM pulse_receipts GROUP BY released').all()).toEqual([{ released: 1, n: 30 }]);
  const rows = db.prepare('SELECT * FROM pulse_responses').all() as Array<Record<string, unknown>>;
  expect(rows).toHaveLength(30);
  expect(Object.keys(rows[0]!).sort()).toEqual(['comment', 'id', 'manager_id', 'period', 'rating']);
  expect(db.pragma('freelist_count', { simple: true })).toBe(0);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
