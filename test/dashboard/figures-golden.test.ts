import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { createReportReadModel } from '../../src/storage/report-read-model';
import { createDashboardReadModel } from '../../src/storage/dashboard-read-model';
import { createPulseRepository } from '../../src/storage/pulse-repository';
import { createDashboardService, type DashboardService } from '../../src/domain/dashboard/dashboard-service';
import { parseDashboardQuery, PERIODS } from '../../src/domain/dashboard/query';
import { shiftPeriod, latestClosedPeriod } from '../../src/domain/pulse';
import type { Db } from '../../src/storage/database';
import { freshDb } from '../helpers/db';
import { testSealer } from '../helpers/data-key';
import { DAY, generateOrg, insertFixture, prng, type Fixture } from '../reports/org-fixture';

/**
 * The dashboard's figures must not move when its computation is made faster (issue #20). The golden file holds
 * every view below exactly as the straightforward computation (main at 433a28a, before the speed work) produced
 * it on this generated organisation: every figure, series point, pulse average and row order, compared as JSON
 * (numbers to the last bit). The data covers what each figure reads: 1:1s (some with a former manager), kudos,
 * nudges and clicks, goal and plan events (owner or actor), pulse months above and below the threshold,
 * deactivated people and a bot. `UPDATE_GOLDEN=1` rewrites the file: only ever from a computation known good.
 */
const GOLDEN = path.join(__dirname, 'golden', 'dashboard-views.json');
const ADMIN = 'UADMIN001';
let env: ReturnType<typeof freshDb>;
let fx: Fixture;
let service: DashboardService;

function insertActivity(db: Db): void {
  const rnd = prng(7);
  const people = fx.people.filter((p) => !p.bot);
  const event = db.prepare('INSERT INTO events (at, kind, actor_id, subject_id, ref_id) VALUES (?, ?, ?, ?, NULL)');
  const kinds = ['goal.created', 'goal.checked_in', 'plan.updated', 'goal.checked_in', 'settings.changed'];
  for (let i = 0; i < 3000; i += 1) {
    const actor = people[Math.floor(rnd() * people.length)]!;
    const owner = rnd() < 0.7 ? people[Math.floor(rnd() * people.length)]!.id : null;
    event.run(fx.now - Math.floor(rnd() * 800 * DAY), kinds[i % kinds.length]!, actor.id, owner);
  }
  const pulse = db.prepare('INSERT INTO pulse_responses (id, period, manager_id, rating, comment) VALUES (?, ?, ?, ?, ?)');
  const managers = [fx.exec, ...fx.mids, ...fx.frontline];
  let period = shiftPeriod(latestClosedPeriod(fx.now), 1); // the open month too: never shown
  for (let back = 0; back < 26; back += 1, period = shiftPeriod(period, -1)) {
    for (const m of managers) {
      const n = Math.floor(rnd() * 9); // 0..8 answers: about half the groups below the threshold of 5
      for (let a = 0; a < n; a += 1) pulse.run(crypto.randomUUID(), period, m, 1 + Math.floor(rnd() * 5), '');
    }
  }
}

/** Who asks for what: the admin's organisation (each level), a mid-level and a frontline manager's own and below. */
function cases(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const p of PERIODS) {
    out.push([ADMIN, `period=${p.id}`], [ADMIN, `period=${p.id}&level=frontline`], [ADMIN, `period=${p.id}&scope=${fx.mids[1]}&sort=pulse&dir=desc`]);
    out.push([fx.mids[0]!, `period=${p.id}`], [fx.mids[0]!, `period=${p.id}&scope=${fx.frontline[0]}`], [fx.frontline[5]!, `period=${p.id}&sort=withinCadence`]);
    out.push([fx.exec, `period=${p.id}&sort=medianGapDays&dir=desc`]);
  }
  out.push([fx.frontline[0]!, `scope=${fx.mids[0]}`], [fx.mids[0]!, 'scope=org'], ['UIC00003', '']);
  return out;
}

async function views(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [who, q] of cases()) {
    try {
      out[`${who}?${q}`] = await service.view(who, parseDashboardQuery(new URLSearchParams(q)));
    } catch (err) {
      out[`${who}?${q}`] = { refused: (err as { code?: string }).code };
    }
  }
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

beforeAll(() => {
  env = freshDb();
  fx = generateOrg({ seed: 20 });
  insertFixture(env.db, fx);
  insertActivity(env.db);
  const k = sqliteKysely(env.db);
  service = createDashboardService({
    reads: createReportReadModel(k),
    activity: createDashboardReadModel(k),
    pulse: createPulseRepository(k, { secret: 'golden', sealer: testSealer() }),
    clock: { now: () => fx.now },
    isAdmin: (id) => id === ADMIN,
    minResponses: 5,
  });
});
afterAll(() => env.cleanup());

test('every view is the same, figure for figure, as the straightforward computation gave', async () => {
  const actual = await views();
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 0)}\n`);
  const golden = JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) as Record<string, unknown>;
  expect(Object.keys(actual)).toEqual(Object.keys(golden));
  for (const key of Object.keys(golden)) expect([key, actual[key]]).toEqual([key, golden[key]]);
});

test('the golden file covers what the figures are made of', () => {
  const golden = JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) as Record<string, { kind?: string; managers?: Array<{ pulse?: unknown }>; groups?: Array<{ headline: { goalActivity: number; planActivity: number }; pulseByMonth: unknown[] }> }>;
  const pages = Object.values(golden).filter((v) => v.kind === 'dashboard');
  expect(pages.length).toBeGreaterThan(30);
  expect(Object.values(golden).some((v) => v.kind === 'nothing')).toBe(true);
  const rows = pages.flatMap((v) => v.managers ?? []);
  expect(rows.some((r) => r.pulse !== undefined) && rows.some((r) => r.pulse === undefined)).toBe(true);
  const groups = pages.flatMap((v) => v.groups ?? []);
  expect(groups.some((g) => g.headline.goalActivity > 0 && g.headline.planActivity > 0)).toBe(true);
  expect(groups.some((g) => g.pulseByMonth.some((x) => typeof x === 'number') && g.pulseByMonth.some((x) => x === null))).toBe(true);
});
