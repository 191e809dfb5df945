/**
 * Bench case: reports. The admin report (organisation by level, with 12-week trends) and the CSV export
 * (one line per manager) on 10,000 people and about 1,000,000 activity rows over a year — 1:1s, kudos and
 * their recipients, weekly nudges and the event log — on a database file, as in production, then on the same rows
 * copied to PostgreSQL when a server is named (postgres-side.ts). Target under 1 s each, PostgreSQL within 2× of SQLite.
 */
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Db } from '../../src/storage/database';
import { createReportReadModel } from '../../src/storage/report-read-model';
import { createPulseRepository } from '../../src/storage/pulse-repository';
import { createReportService } from '../../src/domain/report-service';
import { reportCsv } from '../../src/slack/report-export';
import { prng } from '../reports/org-fixture';
import { testSealer } from '../helpers/data-key';
import type { Executor } from '../../src/storage/engine';
import { onPostgresCopy, openBenchStorage, ratios, ratiosOk } from './postgres-side';

const PEOPLE = 10_000;
const TARGET_MS = 1000;
const DAY = 86_400_000;
export const NOW = Date.UTC(2026, 10, 30, 9, 0, 0);
export const ADMIN = 'UADMIN';

interface Seeded {
  people: number;
  managers: number;
  rows: number;
}

export function seed(db: Db): Seeded {
  const rnd = prng(2026);
  const ids: string[] = [];
  const managerOf = new Map<string, string>();
  const add = (managerId?: string) => {
    const id = `U${String(ids.length).padStart(8, '0')}`;
    ids.push(id);
    if (managerId) managerOf.set(id, managerId);
    return id;
  };
  const exec = add();
  const mids = Array.from({ length: 25 }, () => add(exec));
  const frontline = Array.from({ length: 1000 }, (_, i) => add(mids[i % mids.length]));
  while (ids.length < PEOPLE) add(frontline[ids.length % frontline.length]);
  const managers = [exec, ...mids, ...frontline];
  const person = db.prepare(`INSERT INTO people (id, team_id, name, real_name, tz, cadence_days, created_at, updated_at) VALUES (?, 'T1', ?, ?, 'UTC', ?, ?, ?)`);
  const setManager = db.prepare('UPDATE people SET manager_id = ? WHERE id = ?');
  const o = db.prepare(`INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, notes, idempotency_key, created_at) VALUES (?, ?, ?, ?, 'bench note', ?, ?)`);
  const k = db.prepare(`INSERT INTO kudos (giver_id, value, message, post_status, idempotency_key, created_at) VALUES (?, 'Craft', 'thanks', 'posted', ?, ?)`);
  const kr = db.prepare('INSERT INTO kudos_recipients (kudos_id, recipient_id, created_at) VALUES (?, ?, ?)');
  const n = db.prepare(`INSERT INTO nudges (person_id, kind, period, status, due_at, next_attempt_at, created_at, updated_at) VALUES (?, 'weekly', ?, ?, ?, ?, ?, ?)`);
  const e = db.prepare('INSERT INTO events (at, kind, actor_id, subject_id, ref_id) VALUES (?, ?, ?, ?, ?)');
  let rows = 0;
  db.transaction(() => {
    for (const id of ids) person.run(id, `Name ${id}`, `Name ${id}`, [7, 14, 14, 21, 30][Math.floor(rnd() * 5)]!, NOW, NOW);
    for (const [id, m] of managerOf) setManager.run(m, id);
    let key = 0;
    for (const [report, manager] of managerOf) {
      for (let t = NOW - 365 * DAY + Math.floor(rnd() * 14) * DAY; t < NOW; t += (7 + Math.floor(rnd() * 21)) * DAY) {
        const id = o.run(manager, report, new Date(t).toISOString().slice(0, 10), t, `o${(key += 1)}`, t).lastInsertRowid;
        e.run(t, 'one_on_one.logged', manager, report, Number(id));
        rows += 2;
      }
    }
    for (let i = 0; i < 150_000; i += 1) {
      const at = NOW - Math.floor(rnd() * 365 * DAY);
      const giver = ids[Math.floor(rnd() * ids.length)]!;
      const kid = Number(k.run(giver, `k${i}`, at).lastInsertRowid);
      const recipients = new Set([ids[Math.floor(rnd() * ids.length)]!, ...(rnd() < 0.2 ? [ids[Math.floor(rnd() * ids.length)]!] : [])]);
      recipients.delete(giver);
      for (const r of recipients) kr.run(kid, r, at);
      e.run(at, 'kudos.given', giver, null, kid);
      rows += 2 + recipients.size;
    }
    for (const m of managers) {
      for (let w = 0; w < 52; w += 1) {
        const due = NOW - (52 - w) * 7 * DAY + 3_600_000;
        const status = rnd() < 0.9 ? 'sent' : 'skipped';
        const nid = Number(n.run(m, `W${w}`, status, due, due, due, due).lastInsertRowid);
        rows += 1;
        if (status === 'sent' && rnd() < 0.5) {
          e.run(due + 3_600_000, 'nudge.acted', m, m, nid);
          rows += 1;
        }
      }
    }
    // Other activity in the log (settings, levels, goals…) up to a million rows in all.
    const kinds = ['settings.changed', 'goal.checked_in', 'level.changed', 'one_on_one.agenda_sent'];
    while (rows < 1_000_000) {
      e.run(NOW - Math.floor(rnd() * 365 * DAY), kinds[rows % kinds.length]!, ids[Math.floor(rnd() * ids.length)]!, null, null);
      rows += 1;
    }
  })();
  db.exec('ANALYZE');
  return { people: ids.length, managers: managers.length, rows };
}

export async function time<T>(fn: () => Promise<T>, runs = 3): Promise<{ ms: number; value: T }> {
  await fn(); // warm the statement cache and the page cache, as a long-running app is
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    value = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, value };
}

/** The admin report and the CSV export over `db`, each warmed once then timed (median of 3). */
async function measureReports(db: Executor) {
  const reports = createReportService({
    reads: createReportReadModel(db),
    pulse: createPulseRepository(db, { secret: 'bench', sealer: testSealer() }),
    clock: { now: () => NOW },
    isAdmin: (id) => id === ADMIN,
    minResponses: 5,
  });
  const admin = await time(() => reports.org(ADMIN));
  const csv = await time(async () => reportCsv((await reports.exportRows(ADMIN)).managers));
  return { admin_report_ms: Math.round(admin.ms), csv_export_ms: Math.round(csv.ms), csv_lines: csv.value.trim().split('\n').length - 1, report_people: admin.value.people };
}

export async function benchReports() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-bench-reports-'));
  const file = path.join(dir, 'bench.db');
  try {
    const db = openDatabase(file);
    const seedStart = performance.now();
    let seeded: Seeded;
    let sqlite: Awaited<ReturnType<typeof measureReports>>;
    try {
      seeded = seed(db);
      sqlite = await measureReports(sqliteKysely(db));
    } finally {
      db.close();
    }
    const seedMs = performance.now() - seedStart;
    const right = (m: typeof sqlite) => m.admin_report_ms < TARGET_MS && m.csv_export_ms < TARGET_MS && m.csv_lines === seeded.managers && m.report_people === seeded.people;
    // The same rows on PostgreSQL: the report must say the same, within its target.
    const postgres = await onPostgresCopy(file, async ({ url, copySeconds }) => {
      const storage = await openBenchStorage(url);
      try {
        const m = await measureReports(storage.db);
        return { admin_report_ms: m.admin_report_ms, csv_export_ms: m.csv_export_ms, csv_lines: m.csv_lines, ok: right(m), copy_seconds: copySeconds };
      } finally {
        await storage.close();
      }
    });
    const r = ratios(sqlite, postgres, ['admin_report_ms', 'csv_export_ms']);
    return {
      name: 'reports',
      people: seeded.people,
      managers: seeded.managers,
      activity_rows: seeded.rows,
      seed_seconds: Math.round(seedMs / 100) / 10,
      admin_report_ms: sqlite.admin_report_ms,
      csv_export_ms: sqlite.csv_export_ms,
      csv_lines: sqlite.csv_lines,
      target_ms: TARGET_MS,
      ok: right(sqlite),
      postgres,
      ...(r ? { pg_sqlite_ratio: r, pg_ratio_ok: ratiosOk(r) } : {}),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** For pg-profile.ts: the bench's seed and its two reads. */
export function reportsWorkload() {
  return {
    async seed(file: string) {
      const db = openDatabase(file);
      seed(db);
      db.close();
    },
    run: (db: Executor) => measureReports(db),
  };
}

if (require.main === module) {
  void benchReports().then((r) => console.log(JSON.stringify(r, null, 2)));
}
