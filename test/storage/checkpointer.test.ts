import fs from 'node:fs';
import Database from 'better-sqlite3';
import { startCheckpointer, type Checkpointer } from '../../src/storage/checkpointer';
import type { Db } from '../../src/storage/database';
import { freshDb } from '../helpers/db';

/**
 * WAL checkpoints run on a timer, never inside a request's commit: on a real database file from the real
 * migrations, commits leave the WAL to the timer, the WAL file stays bounded however many commits come, a long
 * reader can neither make the WAL grow for good nor stall this thread in SQLite's busy wait, and a stopped
 * checkpointer runs no more.
 */
let env: ReturnType<typeof freshDb>;
let checkpointer: Checkpointer | undefined;
beforeEach(() => {
  env = freshDb();
});
afterEach(() => {
  checkpointer?.stop();
  checkpointer = undefined;
  env.cleanup();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const walBytes = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
let next = 0;
/** One commit per key, like the replay memory's ack: random keys, each its own transaction. */
function commitKeys(db: Db, count: number): void {
  const insert = db.prepare('INSERT INTO seen_requests (request_key, expires_at) VALUES (?, ?)');
  for (let i = 0; i < count; i += 1) insert.run(`v0=${(next += 1)}-${Math.random().toString(16).slice(2)}${'f'.repeat(48)}`, Date.now() + 60_000);
}
const keyCount = (db: Db) => (db.prepare('SELECT COUNT(*) AS n FROM seen_requests').get() as { n: number }).n;

describe('WAL checkpointer', () => {
  it('turns off the checkpoint inside commits: the WAL grows past SQLite`s 1,000-page mark until a tick checkpoints it', () => {
    checkpointer = startCheckpointer(env.db, { intervalMs: 60_000 });
    expect(env.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const pageSize = env.db.pragma('page_size', { simple: true }) as number;
    commitKeys(env.db, 3000);
    // With SQLite's automatic checkpoint the WAL would have been reset near 1,000 pages.
    expect(walBytes(env.file)).toBeGreaterThan(1200 * pageSize);
    const result = checkpointer.checkpoint();
    expect(result).toMatchObject({ mode: 'passive', busy: false });
    // Everything was copied back, so the next commit starts the WAL over instead of appending to it.
    const before = walBytes(env.file);
    commitKeys(env.db, 50);
    expect(walBytes(env.file)).toBe(before);
    expect(keyCount(new Database(env.file, { readonly: true }))).toBe(3050);
  });

  it('keeps the WAL file bounded over many commits, truncating it once past the bound', async () => {
    const bound = 2 * 2 ** 20;
    checkpointer = startCheckpointer(env.db, { intervalMs: 10, walBoundBytes: bound });
    let largest = 0;
    for (let round = 0; round < 40; round += 1) {
      commitKeys(env.db, 250);
      largest = Math.max(largest, walBytes(env.file));
      await sleep(25); // the timer's turn, as an idle moment between requests gives it
    }
    expect(keyCount(env.db)).toBe(10_000);
    // Unchecked, 10,000 single-key commits leave a WAL of tens of MB (see the first test's growth per commit).
    expect(largest).toBeLessThan(bound + 250 * 20_000);
    expect(walBytes(env.file)).toBeLessThanOrEqual(bound);
  });

  it('a long reader holds the WAL only while it reads: the TRUNCATE neither waits out the busy timeout nor gives up for good', () => {
    checkpointer = startCheckpointer(env.db, { intervalMs: 60_000, walBoundBytes: 2 ** 20 });
    const reader = new Database(env.file, { readonly: true });
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT COUNT(*) FROM seen_requests').get(); // holds its snapshot, as a backup or a report does
      commitKeys(env.db, 1000);
      const started = Date.now();
      const blocked = checkpointer.checkpoint();
      expect(Date.now() - started).toBeLessThan(1000); // the app's busy timeout is 5 s
      expect(blocked).toMatchObject({ mode: 'truncate', busy: true });
      expect(blocked.walBytes).toBeGreaterThan(2 ** 20);
      expect(env.db.pragma('busy_timeout', { simple: true })).toBe(5000);
      reader.exec('COMMIT');
      expect(checkpointer.checkpoint()).toEqual({ mode: 'truncate', busy: false, walBytes: 0 });
    } finally {
      reader.close();
    }
  });

  it('skips a tick that falls inside the connection`s own transaction instead of failing it', () => {
    const errors: unknown[] = [];
    checkpointer = startCheckpointer(env.db, { intervalMs: 60_000, onError: (err) => errors.push(err) });
    env.db.exec('BEGIN IMMEDIATE');
    commitKeys(env.db, 10);
    expect(checkpointer.checkpoint()).toMatchObject({ mode: 'skipped', busy: true });
    env.db.exec('COMMIT');
    expect(errors).toEqual([]);
    expect(keyCount(env.db)).toBe(10);
  });

  it('reports a failed checkpoint, from a call or the timer, instead of throwing', async () => {
    const errors: unknown[] = [];
    checkpointer = startCheckpointer(env.db, { intervalMs: 10, onError: (err) => errors.push(err) });
    env.db.close(); // the one failure every platform makes on demand; disk full or I/O errors reach the same path
    expect(checkpointer.checkpoint()).toMatchObject({ mode: 'skipped', busy: true });
    await sleep(60);
    expect(errors.length).toBeGreaterThan(1);
    expect(String(errors[0])).toMatch(/not open/);
  });

  it('stops: no tick after stop, and SQLite`s own checkpoint is back for whoever keeps the connection', async () => {
    const errors: unknown[] = [];
    checkpointer = startCheckpointer(env.db, { intervalMs: 10, onError: (err) => errors.push(err) });
    checkpointer.stop();
    expect(env.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    env.db.close(); // a tick after this would fail on the closed connection and be reported, as in the test above
    await sleep(60);
    expect(errors).toEqual([]);
  });
});
