/**
 * Bench case: the web dashboard. One page (figures, charts' tables and the managers' table, rendered to HTML) and
 * its CSV, on the reports bench's data: 10,000 people and 1,000,000 activity rows in a database file. The admin's
 * organisation view is the heaviest (every manager); a mid-level manager's subtree is the common one.
 * Target: under 500 ms each for the default 12 weeks (the figure). 24 months is measured and reported
 * (ok_24m) but not yet held to it: its window scans four times the rows.
 */
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/storage/database';
import { createReportReadModel } from '../../src/storage/report-read-model';
import { createPulseRepository } from '../../src/storage/pulse-repository';
import { createDashboardReadModel } from '../../src/storage/dashboard-read-model';
import { createDashboardService } from '../../src/domain/dashboard/dashboard-service';
import { parseDashboardQuery } from '../../src/domain/dashboard/query';
import type { DashboardView } from '../../src/domain/dashboard/view';
import { dashboardPage } from '../../src/web/dashboard/page';
import { dashboardCsv } from '../../src/web/dashboard/csv';
import { pageTables } from '../../src/web/dashboard/tables';
import { ADMIN, NOW, seed } from './reports';
import { performance } from 'node:perf_hooks';
import { testSealer } from '../helpers/data-key';

const TARGET_MS = 500;

async function timed(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  await fn(); // warm the statement and page caches, as a long-running app is
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return Math.round(times.sort((a, b) => a - b)[Math.floor(runs / 2)]!);
}

export async function benchDashboard() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-bench-dashboard-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  try {
    const seeded = seed(db);
    const service = createDashboardService({
      reads: createReportReadModel(sqliteKysely(db)),
      activity: createDashboardReadModel(sqliteKysely(db)),
      pulse: createPulseRepository(sqliteKysely(db), { secret: 'bench', sealer: testSealer() }),
      clock: { now: () => NOW },
      isAdmin: (id) => id === ADMIN,
      minResponses: 5,
    });
    const mid = 'U00000001'; // the first of the 25 mid-level managers
    const view = async (who: string, q: string) => (await service.view(who, parseDashboardQuery(new URLSearchParams(q)))) as DashboardView;
    const page = (who: string, q: string) => async () => dashboardPage(await view(who, q), 'csrf');
    const csv = (who: string, q: string) => async () => dashboardCsv(pageTables(await view(who, q)));
    const sample = await view(ADMIN, '');
    const figures = {
      admin_org_12w_ms: await timed(page(ADMIN, '')),
      admin_org_24m_ms: await timed(page(ADMIN, 'period=104w')),
      admin_org_csv_12w_ms: await timed(csv(ADMIN, '')),
      mid_level_subtree_12w_ms: await timed(page(mid, '')),
      mid_level_subtree_24m_ms: await timed(page(mid, 'period=104w')),
    };
    return {
      name: 'dashboard',
      people: seeded.people,
      managers: sample.managers.length,
      activity_rows: seeded.rows,
      ...figures,
      target_ms: TARGET_MS,
      ok: [figures.admin_org_12w_ms, figures.admin_org_csv_12w_ms, figures.mid_level_subtree_12w_ms].every((ms) => ms < TARGET_MS) && sample.managers.length === seeded.managers,
      ok_24m: figures.admin_org_24m_ms < TARGET_MS && figures.mid_level_subtree_24m_ms < TARGET_MS,
    };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchDashboard().then((r) => console.log(JSON.stringify(r, null, 2)));
}
