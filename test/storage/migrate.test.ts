import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, StorageError } from '../../src/storage/database';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../../src/storage/migrate';
import { freshDb } from '../helpers/db';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-mig-'));
}

function copyMigrations(): string {
  const dir = tempDir();
  // Only the SQLite files: migrations/postgres/ holds the other engine's.
  for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith('.sql'))) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
  return dir;
}

describe('migrations', () => {
  it('builds the core tables as STRICT with WAL and foreign keys on', () => {
    const { db, cleanup } = freshDb();
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('user_version', { simple: true })).toBe(readMigrations(MIGRATIONS_DIR).length);
      const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string; sql: string }>;
      for (const name of ['people', 'one_on_ones', 'action_items', 'kudos', 'kudos_recipients', 'nudges', 'events']) {
        const t = tables.find((x) => x.name === name);
        expect(t?.sql).toMatch(/STRICT$/);
      }
    } finally {
      cleanup();
    }
  });

  it('makes planning a nudge idempotent per person, kind and week', () => {
    const { db, cleanup } = freshDb();
    try {
      db.prepare("INSERT INTO people (id, created_at, updated_at) VALUES ('U1', 0, 0)").run();
      const insert = db.prepare(
        "INSERT OR IGNORE INTO nudges (person_id, kind, period, due_at, next_attempt_at, created_at, updated_at) VALUES ('U1', 'weekly', '2026-W48', 0, 0, 0, 0)",
      );
      expect(insert.run().changes).toBe(1);
      expect(insert.run().changes).toBe(0);
    } finally {
      cleanup();
    }
  });

  it('is a no-op the second time and keeps data', () => {
    const { db, file, cleanup } = freshDb();
    db.prepare("INSERT INTO people (id, created_at, updated_at) VALUES ('U1', 0, 0)").run();
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT COUNT(*) AS n FROM people').get()).toEqual({ n: 1 });
    again.close();
    cleanup();
  });

  it('refuses a database newer than the code', () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.db');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/schema version 999/);
  });

  it('refuses a gap in the numbering', () => {
    const dir = copyMigrations();
    // One number past the next free one, whatever the latest landed migration is.
    const last = Math.max(...fs.readdirSync(dir).filter((f) => /^\d{4}_.*\.sql$/.test(f)).map((f) => Number(f.slice(0, 4))));
    fs.writeFileSync(path.join(dir, `${String(last + 2).padStart(4, '0')}_later.sql`), 'SELECT 1;');
    expect(() => readMigrations(dir)).toThrow(StorageError);
    expect(() => readMigrations(dir)).toThrow(/without gaps/);
  });

  it('refuses a migration edited after it was applied', () => {
    const dir = copyMigrations();
    const db = new Database(':memory:');
    migrate(db, dir);
    fs.appendFileSync(path.join(dir, '0001_core.sql'), '\n-- sneaky edit\n');
    expect(() => migrate(db, dir)).toThrow(/changed after it was applied/);
  });

  it('rolls back a failing migration as a whole', () => {
    const dir = copyMigrations();
    const next = String(readMigrations(dir).length + 1).padStart(4, '0');
    fs.writeFileSync(path.join(dir, `${next}_broken.sql`), 'CREATE TABLE half (id INTEGER) STRICT; INSERT INTO nowhere VALUES (1);');
    const db = new Database(':memory:');
    expect(() => migrate(db, dir)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.pragma('user_version', { simple: true })).toBe(Number(next) - 1);
  });

  it('explains an unwritable data directory', () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, '');
    expect(() => openDatabase(path.join(blocker, 'sub', 'leadwell.db'))).toThrow(/DATABASE_PATH: the directory/);
  });

  it('creates a missing data directory', () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'a', 'b', 'leadwell.db'));
    expect(fs.existsSync(path.join(dir, 'a', 'b', 'leadwell.db'))).toBe(true);
    db.close();
  });
});
