import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/storage/database';
import { migrate, MIGRATIONS_DIR } from '../../src/storage/migrate';
import { MAX_COMMENT } from '../../src/domain/pulse';
import { sealedLengthFor } from '../../src/storage/pulse-comment-crypto';

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
  // Up to 0017: 0018 drops an index, which leaves that index's page free whatever 0012 did.
  const upTo0017 = path.join(dir, 'up-to-0017');
  fs.mkdirSync(upTo0017);
  for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f < '0018')) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(upTo0017, f));
  migrate(db, upTo0017);
  expect(db.prepare('SELECT released, COUNT(*) AS n FROM pulse_receipts GROUP BY released').all()).toEqual([{ released: 1, n: 30 }]);
  const rows = db.prepare('SELECT * FROM pulse_responses').all() as Array<Record<string, unknown>>;
  expect(rows).toHaveLength(30);
  expect(Object.keys(rows[0]!).sort()).toEqual(['comment', 'id', 'manager_id', 'period', 'rating']);
  expect(db.pragma('freelist_count', { simple: true })).toBe(0);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Migration 0013: the CHECK moves from 1000 characters of plaintext to the sealed length; old comments stay. */
it('0013 keeps every answer and comment, allows a sealed comment of 1000 characters and no more, and leaves no free page', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-pulse-mig13-'));
  const before = path.join(dir, 'before');
  fs.mkdirSync(before);
  for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f < '0013')) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(before, f));
  const file = path.join(dir, 'leadwell.db');
  const db = openDatabase(file, { migrationsDir: before });
  db.prepare("INSERT INTO people (id, team_id, name, real_name, tz, created_at, updated_at) VALUES ('UM', 'T', 'm', 'M', 'UTC', 0, 0)").run();
  const insert = db.prepare("INSERT INTO pulse_responses (id, period, manager_id, rating, comment) VALUES (?, '2026-10', 'UM', ?, ?)");
  const sealedSize = 'x'.repeat(sealedLengthFor(MAX_COMMENT));
  expect(() => insert.run('too-long-before', 3, sealedSize)).toThrow(/CHECK constraint failed/);
  const old = Array.from({ length: 40 }, (_, i) => ({ id: randomBytes(8).toString('hex'), rating: 1 + (i % 5), comment: i % 3 === 0 ? '' : `legacy comment ${i}|`.repeat(40) }));
  for (const r of old) insert.run(r.id, r.rating, r.comment);
  migrate(db, MIGRATIONS_DIR);
  expect(db.prepare('SELECT id, rating, comment FROM pulse_responses ORDER BY id').all()).toEqual([...old].sort((a, b) => (a.id < b.id ? -1 : 1)));
  // Rows inserted in random-id order go back denser in key order, so a page may be left over: it must hold nothing.
  db.pragma('wal_checkpoint(TRUNCATE)');
  expect(freePagesHoldingData(fs.readFileSync(file))).toEqual([]);
  const raw = fs.readFileSync(file).toString('latin1');
  for (const r of old.filter((o) => o.comment !== '')) expect(raw.split(r.comment).length - 1).toBe(1);
  expect(sealedLengthFor(MAX_COMMENT)).toBe(5385); // the number written in both engines' 0013
  insert.run('sealed-size', 3, sealedSize);
  expect(() => insert.run('one-more', 3, `${sealedSize}x`)).toThrow(/CHECK constraint failed/);
  expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'pulse_responses'").get()).toEqual({ sql: expect.stringContaining('STRICT, WITHOUT ROWID') });
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Pages on the database's freelist (trunk pages hold only page numbers) that are not all zeros. */
function freePagesHoldingData(file: Buffer): number[] {
  const pageSize = file.readUInt16BE(16) === 1 ? 65536 : file.readUInt16BE(16);
  const page = (n: number) => file.subarray((n - 1) * pageSize, n * pageSize);
  const dirty: number[] = [];
  for (let trunk = file.readUInt32BE(32); trunk !== 0; trunk = page(trunk).readUInt32BE(0)) {
    const t = page(trunk);
    for (let i = 0; i < t.readUInt32BE(4); i += 1) {
      const leaf = t.readUInt32BE(8 + 4 * i);
      if (page(leaf).some((b) => b !== 0)) dirty.push(leaf);
    }
  }
  return dirty;
}
