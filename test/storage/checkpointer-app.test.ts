import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBackupCli } from '../../src/cli/backup';
import { runDbCopyCli } from '../../src/cli/db-copy';
import { runRestoreCli } from '../../src/cli/restore';
import { startHarness, type Harness } from '../helpers/harness';
import { freshPostgres } from '../helpers/postgres';
import { openSqliteSource } from '../../src/storage/db-copy';

/**
 * The running app checkpoints on its timer, never inside a request: its connection has SQLite's automatic
 * checkpoint off, so what the acks committed sits in the WAL, and every CLI that reads the file beside the
 * running app (backup, db:copy) or after it (restore) still sees all of it. Stopping the app stops the timer.
 */
let h: Harness | undefined;
const dirs: string[] = [];
afterEach(async () => {
  if (h) {
    expect(h.emulator.violations()).toEqual([]);
    await h.stop();
  }
  h = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const keys = (file: string) => {
  const db = openSqliteSource(file);
  try {
    return (db.prepare('SELECT request_key FROM seen_requests').all() as Array<{ request_key: string }>).map((r) => r.request_key).sort();
  } finally {
    db.close();
  }
};

describe('the app`s WAL checkpointer', () => {
  it('leaves commits uncheckpointed for its timer, and backup, db:copy and restore see every committed ack', async () => {
    h = await startHarness();
    expect(h.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    for (let i = 0; i < 30; i += 1) expect((await h.driver.command(h.people.manager, '/oneonone', 'help')).status).toBe(200);
    const committed = (h.db.prepare('SELECT request_key FROM seen_requests').all() as Array<{ request_key: string }>).map((r) => r.request_key).sort();
    expect(committed.length).toBeGreaterThanOrEqual(30);
    expect(fs.statSync(`${h.config.databasePath}-wal`).size).toBeGreaterThan(0); // the acks' commits are in the WAL

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-ckpt-'));
    dirs.push(dir);
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    expect(await runBackupCli([dir, '--db', h.config.databasePath], { DATABASE_PATH: h.config.databasePath }, io)).toBe(0);
    const backup = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.db'))!);
    expect(keys(backup)).toEqual(committed);

    const pg = await freshPostgres({ migrate: false });
    try {
      expect(await runDbCopyCli(['--from', `sqlite:${h.config.databasePath}`, '--to', pg.url ?? 'postgres://test@pglite/leadwell', '--apply'], io, pg.url ? {} : { openTarget: () => pg.connect() })).toBe(0);
      const copied = await pg.db.selectFrom('seen_requests').select('request_key').execute();
      expect(copied.map((r) => r.request_key).sort()).toEqual(committed);
    } finally {
      await pg.close();
    }

    await h.leadwell.stop();
    expect(await runRestoreCli([backup], { DATABASE_PATH: h.config.databasePath }, io)).toBe(0);
    expect(keys(h.config.databasePath)).toEqual(committed);
    await h.emulator.close();
    h = undefined;
  });

  it('stops its timer with the app: no checkpoint is tried on the closed database', async () => {
    h = await startHarness();
    expect((await h.driver.command(h.people.manager, '/oneonone', 'help')).status).toBe(200);
    const logs = h.logs;
    expect(h.emulator.violations()).toEqual([]);
    await h.stop();
    h = undefined;
    // The timer ticks every second; a tick on the closed connection would log 'WAL checkpoint failed'.
    await new Promise((r) => setTimeout(r, 2500));
    expect(logs.filter((l) => l.includes('checkpoint'))).toEqual([]);
  });
});
