import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startHarness, type Harness } from '../helpers/harness';
import { runBackupCli } from '../../src/cli/backup';
import { runRestoreCli } from '../../src/cli/restore';
import { logOneOnOne, kudos } from './seed';

/** Every table's rows, in a stable order, for comparing two database files. */
function tables(file: string, skip: (table: string, row: Record<string, unknown>) => boolean = () => false): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  const out: Record<string, unknown[]> = {};
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>) {
    out[name] = (db.prepare(`SELECT * FROM ${name}`).all() as Array<Record<string, unknown>>).filter((r) => !skip(name, r)).map((r) => JSON.stringify(r)).sort();
  }
  db.close();
  return out;
}

describe('backups and restore', () => {
  let h: Harness | undefined;
  let dir: string;
  const out: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-backups-'));
  });
  afterEach(async () => {
    if (h) {
      expect(h.emulator.violations()).toEqual([]);
      await h.stop();
    }
    h = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
    out.length = 0;
  });

  it('backs up while a writer keeps writing, restores it after the app stops, and every table compares equal', async () => {
    h = await startHarness();
    const { manager, alice, bob } = h.people;
    for (const id of [manager, alice, bob]) await h.leadwell.slack.deps.people.ensure(id);
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await logOneOnOne(h!, manager, written % 2 ? alice : bob, `note ${written}`, [`item ${written}`]);
        await kudos(h!, alice, [bob], `kudos ${written}`);
        written += 1;
        await new Promise((r) => setImmediate(r));
      }
    })();
    await new Promise((r) => setTimeout(r, 50));
    const code = await runBackupCli([dir, '--keep', '2'], { DATABASE_PATH: h.config.databasePath }, io, h.clock);
    const atBackup = written;
    await new Promise((r) => setTimeout(r, 50));
    writing = false;
    await writer;
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/Backup written and verified \(integrity_check ok, schema version \d+\)/);
    // The operator's backup is on the audit trail, as the command line's.
    expect(await h.query("SELECT actor_id, subject_id FROM events WHERE kind = 'backup.created'")).toEqual([{ actor_id: 'cli', subject_id: null }]);
    const [file] = fs.readdirSync(dir);
    expect(file).toMatch(/^leadwell-\d{8}T\d{6}Z\.db$/);
    const backup = path.join(dir, file!);
    expect(written).toBeGreaterThan(atBackup); // writes went on after the copy
    const copied = tables(backup);
    expect(copied.one_on_ones!.length).toBeGreaterThan(0);
    expect(copied.one_on_ones!.length).toBeLessThan(written);
    // The copy is consistent: every 1:1 has its item, every kudos its recipient.
    expect(copied.action_items!.length).toBe(copied.one_on_ones!.length);
    expect(copied.kudos_recipients!.length).toBe(copied.kudos!.length);

    // While the app runs, restore refuses.
    expect(await runRestoreCli([backup], { DATABASE_PATH: h.config.databasePath }, io)).toBe(1);
    expect(out.at(-1)).toMatch(/Restore refused: Leadwell is running on this database \(pid \d+/);

    await h.leadwell.stop();
    expect(await runRestoreCli([backup], { DATABASE_PATH: h.config.databasePath }, io, h.clock)).toBe(0);
    expect(out.join('\n')).toContain('The database it replaced is kept as');
    const restoredRow = (table: string, r: Record<string, unknown>) => table === 'events' && r.kind === 'backup.restored';
    expect(tables(h.config.databasePath, restoredRow)).toEqual(copied);
    expect((tables(h.config.databasePath).events as string[]).filter((e) => e.includes('backup.restored'))).toHaveLength(1);
    await h.emulator.close();
    h = undefined;
  });

  it('rotation keeps the newest; restore refuses a corrupt file and one from a newer Leadwell, and migrates an older one forward', async () => {
    const target = path.join(dir, 'live.db');
    const mk = (name: string) => fs.writeFileSync(path.join(dir, name), 'x');
    mk('leadwell-20260101T000000Z.db');
    mk('leadwell-20260102T000000Z.db');
    mk('notes.txt');
    const { rotateBackups } = await import('../../src/storage/backup');
    expect(rotateBackups(dir, 1).map((f) => path.basename(f))).toEqual(['leadwell-20260101T000000Z.db']);
    expect(fs.existsSync(path.join(dir, 'notes.txt'))).toBe(true);

    expect(await runRestoreCli([path.join(dir, 'leadwell-20260102T000000Z.db')], { DATABASE_PATH: target }, io)).toBe(1);
    expect(out.at(-1)).toMatch(/Restore refused: the backup failed its integrity check \(not an SQLite database file\)/);
    expect(fs.existsSync(target)).toBe(false);

    // A real database with a page overwritten in the middle.
    const corrupt = path.join(dir, 'corrupt.db');
    const c = new Database(corrupt);
    c.exec('CREATE TABLE t (x TEXT); PRAGMA user_version = 1;');
    c.transaction(() => {
      for (let i = 0; i < 2000; i += 1) c.prepare('INSERT INTO t VALUES (?)').run(`row ${i} `.repeat(10));
    })();
    c.close();
    const fd = fs.openSync(corrupt, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, 4096 * 3);
    fs.closeSync(fd);
    expect(await runRestoreCli([corrupt], { DATABASE_PATH: target }, io)).toBe(1);
    expect(out.at(-1)).toMatch(/Restore refused: the backup failed its integrity check/);
    expect(fs.existsSync(target)).toBe(false);

    const newer = path.join(dir, 'newer.db');
    const n = new Database(newer);
    n.pragma('user_version = 999');
    n.close();
    expect(await runRestoreCli([newer], { DATABASE_PATH: target }, io)).toBe(1);
    expect(out.at(-1)).toContain('schema version 999 but this Leadwell only knows');

    const older = path.join(dir, 'older.db');
    const { migrate } = await import('../../src/storage/migrate');
    const o = new Database(older);
    const only2 = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-mig-'));
    for (const f of ['0001_core.sql', '0002_goals_and_plans.sql']) fs.copyFileSync(path.join('migrations', f), path.join(only2, f));
    migrate(o, only2);
    o.prepare("INSERT INTO people (id, name, created_at, updated_at) VALUES ('UOLD1', 'old timer', 0, 0)").run();
    o.close();
    expect(await runRestoreCli([older], { DATABASE_PATH: target }, io)).toBe(0);
    expect(out.at(-1)).toMatch(/from schema version 2, migrated to \d+/);
    const restored = new Database(target, { readonly: true });
    expect(restored.prepare('SELECT name, left_at FROM people').all()).toEqual([{ name: 'old timer', left_at: null }]);
    restored.close();
    expect(await runRestoreCli([older, '--force'], { DATABASE_PATH: target }, io)).toBe(2);
    fs.rmSync(only2, { recursive: true, force: true });
  });
});
