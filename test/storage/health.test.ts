import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from '../helpers/harness';
import { openDatabase } from '../../src/storage/database';
import { createDatabaseHealth } from '../../src/storage/health';

/**
 * Issue 15 item 9: /healthz said ok over a corrupt page or a full disk. Each fault is made for real on a
 * database file (a corrupted copy, a file held at its size limit, a read-only connection) and the real app's
 * /healthz must answer 503 with a plain reason, and 200 again once the fault is gone.
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

async function healthz(t: Harness): Promise<{ status: number; body: { ok: boolean; database: boolean; reason?: string } }> {
  const res = await fetch(t.eventsUrl.replace('/slack/events', '/healthz'));
  return { status: res.status, body: (await res.json()) as { ok: boolean; database: boolean; reason?: string } };
}

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-health-'));
  dirs.push(d);
  return d;
}

/** A migrated database with enough people that their email index spans pages of its own. */
function databaseWithPeople(file: string): { indexPage: number; pageSize: number } {
  const db = openDatabase(file);
  const insert = db.prepare("INSERT INTO people (id, team_id, name, email, created_at, updated_at) VALUES (?, 'T0LEADWELL', ?, ?, 0, 0)");
  db.transaction(() => {
    for (let i = 0; i < 3000; i += 1) insert.run(`UP${String(i).padStart(6, '0')}`, `person ${i}`, `person${i}@example.com`);
  })();
  const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'people_email'").get() as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close(); // the last connection checkpoints the WAL into the file
  return { indexPage: rootpage, pageSize };
}

describe('/healthz probes the database', () => {
  it('answers 503 with a plain reason for a copy of the database with a corrupted index page; the original stays healthy', async () => {
    const dir = tempDir();
    const original = path.join(dir, 'original.db');
    const { indexPage, pageSize } = databaseWithPeople(original);
    const copy = path.join(dir, 'copy.db');
    fs.copyFileSync(original, copy);
    const fd = fs.openSync(copy, 'r+');
    fs.writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, (indexPage - 1) * pageSize);
    fs.closeSync(fd);

    const control = openDatabase(original);
    expect(await createDatabaseHealth(sqliteKysely(control), { file: original })()).toEqual({ ok: true });
    control.close();

    h = await startHarness({ seed: false, env: { DATABASE_PATH: copy } });
    const { status, body } = await healthz(h);
    expect(status).toBe(503);
    expect(body.ok).toBe(false);
    expect(body.database).toBe(false);
    expect(body.reason).toMatch(/^database integrity check failed: /);
  });

  it('answers 503 when the file cannot grow (full), and 200 once it can again', async () => {
    h = await startHarness({ seed: false });
    expect((await healthz(h)).status).toBe(200);
    // A file with free pages (a dropped index, pruned rows) is not full: the probe's page fits in one of them.
    // VACUUM leaves none, so the limit below really stops the file from growing.
    h.db.exec('VACUUM');
    const pages = h.db.pragma('page_count', { simple: true }) as number;
    h.db.pragma(`max_page_count = ${pages}`);
    const full = await healthz(h);
    expect(full.status).toBe(503);
    expect(full.body.reason).toContain('database or disk is full');
    h.db.pragma('max_page_count = 1073741823');
    expect((await healthz(h)).status).toBe(200);
    // The probe rolled back: no row was ever committed.
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM health_probes').get()).toEqual({ n: 0 });
  });

  it('answers 503 when the database cannot be written (read-only)', async () => {
    h = await startHarness({ seed: false });
    h.db.pragma('query_only = ON');
    const ro = await healthz(h);
    expect(ro.status).toBe(503);
    expect(ro.body.reason).toMatch(/database write probe failed: .*readonly/);
    h.db.pragma('query_only = OFF');
    expect((await healthz(h)).status).toBe(200);
  });

  it('fails before SQLite does when the disk is nearly full', async () => {
    const file = path.join(tempDir(), 'leadwell.db');
    const db = openDatabase(file);
    const roomy = createDatabaseHealth(sqliteKysely(db), { file, minFreeBytes: 1 });
    expect(await roomy()).toEqual({ ok: true });
    const cramped = createDatabaseHealth(sqliteKysely(db), { file, minFreeBytes: Number.MAX_SAFE_INTEGER });
    expect(await cramped()).toEqual({ ok: false, reason: expect.stringMatching(/^disk nearly full: \d+ MB free where the database lives$/) });
    db.close();
  });
});
