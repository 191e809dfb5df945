/**
 * `npx tsx test/bench/profile-dashboard.ts [db-file]`: where the dashboard's time goes, stage by stage, on the
 * reports bench's data (seeded into `db-file` once and reused on later runs). Run under
 * `node --cpu-prof --import tsx test/bench/profile-dashboard.ts` for a .cpuprofile of the same work.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/storage/database';
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { createReportReadModel } from '../../src/storage/report-read-model';
import { createDashboardReadModel } from '../../src/storage/dashboard-read-model';
import { createPulseRepository } from '../../src/storage/pulse-repository';
import { createDashboardService } from '../../src/domain/dashboard/dashboard-service';
import { parseDashboardQuery } from '../../src/domain/dashboard/query';
import type { DashboardView } from '../../src/domain/dashboard/view';
import { reportWindow } from '../../src/domain/report';
import { dashboardPage } from '../../src/web/dashboard/page';
import { testSealer } from '../helpers/data-key';
import { ADMIN, NOW, seed } from './reports';

const MID = 'U00000001';

async function main(): Promise<void> {
  const file = process.argv[2] ?? '/tmp/leadwell-dashboard-profile.db';
  const fresh = !fs.existsSync(file);
  const db = openDatabase(file);
  if (fresh) seed(db);
  const k = sqliteKysely(db);
  const reads = createReportReadModel(k);
  const activity = createDashboardReadModel(k);
  const deps = {
    reads,
    activity,
    pulse: createPulseRepository(k, { secret: 'bench', sealer: testSealer() }),
    clock: { now: () => NOW },
    isAdmin: (id: string) => id === ADMIN,
    minResponses: 5,
  };
  const service = createDashboardService(deps);
  const runs = Number(process.env.RUNS ?? 3);
  const med = (xs: number[]) => Math.round(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
  /** Wall time and this process's CPU time (user + system, less sensitive to a busy machine), medians of `runs`. */
  const time = async (fn: () => unknown): Promise<string> => {
    await fn();
    const t: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const s = performance.now();
      const c = process.cpuUsage();
      await fn();
      const used = process.cpuUsage(c);
      t.push(performance.now() - s);
      cpu.push((used.user + used.system) / 1000);
    }
    return `${med(t)} ms wall, ${med(cpu)} ms cpu`;
  };
  const view = async (who: string, q: string) => (await service.view(who, parseDashboardQuery(new URLSearchParams(q)))) as DashboardView;
  const out: Record<string, string> = {};
  const only = process.env.ONLY?.split(',');
  const measure = async (name: string, fn: () => unknown) => {
    if (!only || only.includes(name)) out[name] = await time(fn);
  };
  for (const [label, weeks, q] of [['12w', 12, ''], ['24m', 104, 'period=104w']] as const) {
    const w = reportWindow(NOW, weeks);
    await measure(`load_${label}`, () => reads.load(w, { fromManager: false }));
    await measure(`activity_${label}`, () => activity.activity(w));
    await measure(`org_view_${label}`, () => view(ADMIN, q));
    await measure(`org_page_${label}`, async () => dashboardPage(await view(ADMIN, q), 'csrf'));
    await measure(`mid_view_${label}`, () => view(MID, q));
    await measure(`mid_page_${label}`, async () => dashboardPage(await view(MID, q), 'csrf'));
  }
  console.log(JSON.stringify({ load: fs.readFileSync('/proc/loadavg', 'utf8').trim(), ...out }, null, 1));
  db.close();
}

void main();
