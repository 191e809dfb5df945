import fs from 'node:fs';
import Database from 'better-sqlite3';
import { startCheckpointer, type Checkpointer } from '../../src/storage/checkpointer';
import type { Db } from '../../src/storage/database';
import { freshDb } from '../helpers/db';

/**
 * WAL checkpoints run on a timer and their own thread, never inside a request's commit: on a real database file
 * from the real migrations, commits leave the WAL to the timer, the WAL file stays bounded however many commits
 * come, a long reader can neither make the WAL grow for good nor stall anything in SQLite's busy wait, a unit of
 * work open on the app's connection does not stop a tick, and a stopped checkpointer runs no more.
 */
let env: ReturnType<typeof freshDb>;
let checkpointer: Checkpointer | undefined;
beforeEach(() => {
  env = freshDb();
});
afterEach(async () => {
  await checkpointer?.stop();
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
  it('turns off the checkpoint inside commits: the WAL grows past SQLite`s 1,000-page mark until a tick checkpoints it', async () => {
    checkpointer = startCheckpointer(env.db, { intervalMs: 60_000 });
    expect(env.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const pageSize = env.db.pragma('page_size', { simple: true }) as number;
    commitKeys(env.db, 3000);
    // With SQLite's automatic checkpoint the WAL would have been reset near 1,000 pages.
    expect(walBytes(env.file)).toBeGreaterThan(1200 * pageSize);
    const result = await checkpointer.checkpoint();
    expect(result).toMatchObject({ mode: 'passive', busy: false });
    // Everything was copied back, so the next commit starts the WAL over instead of appending to it.
    const before = walBytes(env.file);
    commitKeys(env.db, 50);
    expect(walBytes(env.file)).toBe(before);
    expect(keyCount(new Database(env.file, { readonly: true }))).toBe(3050);
  });

  it('starts the WAL over after a tick even when commits land while the worker copies (the app`s thread copies the tail)', async () => {
    checkpointer = startCheckpointer(env.db, { intervalMs: 60_000 });
    commitKeys(env.db, 2000);
    const tick = checkpointer.checkpoint();
    // These commits run on this thread while the worker checkpoints on its own: it cannot copy what it did not see.
    commitKeys(env.db, 3000);
    expect(await tick).toMatchObject({ mode: 'passive', busy: false });
    const after = walBytes(env.file);
    commitKeys(env.db, 20);
    expect(walBytes(env.file)).toBe(after); // restarted at the beginning of the file, not appended at its end
    expect(keyCount(env.db)).toBe(5020);
  });

  it('keeps the WAL file bounded over many commits, truncating it once past the bound', async () => {
    const bound = 2 * 2 ** 20;
    checkpointer = startCheckpointer(env.db, { intervalMs: 10, walBoundBytes: bound });
    let largest = 0;
    for (let round = 0; round < 40; round += 1) {
      commitKeys(env.db, 250);
      largest = Math.max(largest, walBytes(env.file));
      // A tick between rounds, as an idle moment between requests gives the timer (awaited: the tick now runs on
      // its own thread, and a TRUNCATE that meets a commit in progress is busy and waits for the next tick).
      await checkpointer.checkpoint();
    }
    expect(keyCount(env.db)).toBe(10_000);
    // Unchecked, 10,000 single-key commits leave a WAL of tens of MB (see the first test's growth per commit).
    expect(largest).toBeLessThan(bound + 250 * 20_000);
    expect(walBytes(env.file)).toBeLessThanOrEqual(bound);
  });

  it('a long reader holds the WAL only while it reads: the TRUNCATE neither waits out the busy timeout nor gives up for good', async () => {
    checkpointer = startCheckpointer(env.db, { intervalMs: 60_000, walBoundBytes: 2 ** 20 });
    const reader = new Database(env.file, { readonly: true });
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT COUNT(*) FROM seen_requests').get(); // holds its snapshot, as a backup or a report does
      commitKeys(env.db, 1000);
      const started = Date.now();
      const blocked = await checkpointer.checkpoint();
      expect(Date.now() - started).toBeLessThan(1000); // the app's busy timeout is 5 s
      expect(blocked).toMatchObject({ mode: 'truncate', busy: true });
      expect(blocked.walBytes).toBeGreaterThan(2 ** 20);
      expect(env.db.pragma('busy_timeout', { simple: true })).toBe(5000);
      reader.exec('COMMIT');
      expect(await checkpointer.checkpoint()).toEqual({ mode: 'truncate', busy: false, walBytes: 0 });
    } finally {
      reader.close();
    }
  });

  it('checkpoints while the app`s connection has a unit of work open: the tick has its own connection', async () => {
    const errors: unknown[] = [];
    checkpointer = startCheckpointer(env.db, { intervalMs: 60_000, onError: (err) => errors.push(err) });
    commitKeys(env.db, 1500);
    env.db.exec('BEGIN IMMEDIATE');
    commitKeys(env.db, 10);
    // The 1,500 committed keys go back to the database file; the open transaction's rows are not committed yet.
    expect(await checkpointer.checkpoint()).toMatchObject({ mode: 'passive', busy: false });
    env.db.exec('COMMIT');
    expect(errors).toEqual([]);
    expect(keyCount(env.db)).toBe(1510);
    const before = walBytes(env.file);
    // Once the last commit is copied back too, the next commits restart the WAL instead of appending to it.
    expect(await checkpointer.checkpoint()).toMatchObject({ mode: 'passive', busy: false });
    commitKeys(env.db, 5);
    expect(walBytes(env.file)).toBeLessThanOrEqual(before);
  });

  it('reports a failed checkpoint, from a call or the timer, instead of throwing, and recovers when the file is back', async () => {
    const errors: unknown[] = [];
    const moved = `${env.file}.away`;
    checkpointer = startCheckpointer(env.db, { intervalMs: 10, onError: (err) => errors.push(err) });
    // The file is gone before the first tick opens it (a volume unmounted, a careless move); the app's own
    // connection keeps working on what it has open.
    fs.renameSync(env.file, moved);
    expect(await checkpointer.checkpoint()).toMatchObject({ mode: 'skipped', busy: true });
    await sleep(60);
    expect(errors.length).toBeGreaterThan(1);
    expect(String(errors[0])).toMatch(/does not exist|unable to open/);
    fs.renameSync(moved, env.file);
    commitKeys(env.db, 20);
    await sleep(30); // a tick may be under way with the file still away
    const errorsBefore = errors.length;
    expect(await checkpointer.checkpoint()).toMatchObject({ mode: 'passive', busy: false });
    await checkpointer.stop();
    expect(errors.length).toBe(errorsBefore);
    expect(keyCount(env.db)).toBe(20);
  });

  it('stops: no tick after stop, and SQLite`s own checkpoint is back for whoever keeps the connection', async () => {
    const errors: unknown[] = [];
    checkpointer = startCheckpointer(env.db, { intervalMs: 10, onError: (err) => errors.push(err) });
    await checkpointer.stop();
    expect(await checkpointer.checkpoint()).toMatchObject({ mode: 'skipped', busy: false });
    expect(env.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    env.db.close(); // a tick after this would fail on the closed connection and be reported, as in the test above
    await sleep(60);
    expect(errors).toEqual([]);
  });
});
