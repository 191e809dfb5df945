import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';
import { createFixedClock } from '../../src/clock';
import { createReportReadModel } from '../../src/storage/report-read-model';
import { createPulseRepository } from '../../src/storage/pulse-repository';
import { createReportService, type ReportService } from '../../src/domain/report-service';
import type { GroupFigures } from '../../src/domain/group-figures';
import { teamReportMessage } from '../../src/slack/ui/report-message';
import type { Db } from '../../src/storage/database';
import { generateOrg, insertFixture, type Fixture } from './org-fixture';
import { expectedFor, managersBelow, type Expected } from './expected';
import { testSealer } from '../helpers/data-key';

let env: ReturnType<typeof freshDb>;
let db: Db;
let fx: Fixture;
let reports: ReportService;
const ADMIN = 'UADMIN001';

beforeAll(() => {
  env = freshDb();
  db = env.db;
  fx = generateOrg();
  insertFixture(db, fx);
  reports = createReportService({
    reads: createReportReadModel(sqliteKysely(db)),
    pulse: createPulseRepository(sqliteKysely(db), { secret: 'test-secret', sealer: testSealer() }),
    clock: createFixedClock(fx.now),
    isAdmin: (id) => id === ADMIN,
    minResponses: 5,
  });
});
afterAll(() => env.cleanup());

function compare(actual: GroupFigures, expected: Expected): void {
  expect({
    reports: actual.reports, withinCadence: actual.withinCadence, held: actual.held, kudosGiven: actual.kudosGiven,
    recognisedByManager: actual.recognisedByManager, received: actual.received, recognised30: actual.recognised30,
    nudgesSent: actual.nudgesSent, nudgesActed: actual.nudgesActed,
  }).toEqual({
    reports: expected.reports, withinCadence: expected.withinCadence, held: expected.held, kudosGiven: expected.kudosGiven,
    recognisedByManager: expected.recognisedByManager, received: expected.received, recognised30: expected.recognised30,
    nudgesSent: expected.nudgesSent, nudgesActed: expected.nudgesActed,
  });
  expect(actual.expected).toBeCloseTo(expected.expected, 9);
  expect(actual.per100PerWeek).toBeCloseTo(expected.per100PerWeek, 9);
  if (expected.medianGapDays === undefined) expect(actual.medianGapDays).toBeUndefined();
  else expect(actual.medianGapDays).toBeCloseTo(expected.medianGapDays, 9);
  // The weekly trends add up to the totals.
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  expect(sum(actual.trends.oneOnOnes) * actual.reports / 100).toBeCloseTo(actual.held, 6);
  expect(sum(actual.trends.recognition) * actual.reports / 100).toBeCloseTo(actual.received, 6);
}

describe('report figures on a generated organisation (200 people, a year of activity)', () => {
  it('has three levels and 200 active people', async () => {
    const org = await reports.org(ADMIN);
    expect(org.people).toBe(200);
    const byLevel = Object.fromEntries(org.levels.map((l) => [l.level, l.figures.managers]));
    expect(byLevel).toEqual({ frontline: 16, 'mid-level': 4, executive: 1, all: 21 });
  });

  it.each([0, 5, 11, 15])('frontline manager #%i: each team figure matches an independent computation', async (i) => {
    const m = fx.frontline[i]!;
    const r = await reports.team(m);
    const e = expectedFor(fx, [m]);
    compare(r.manager.figures, e);
    expect(r.below).toBeUndefined();
    const text = JSON.stringify(teamReportMessage(r));
    expect(text).toContain(e.recognisedByManager === 0 ? 'you recognised nobody' : `you recognised ${e.recognisedByManager} of ${e.reports}`);
    expect(text).toContain(`held ${e.held} of ~${Math.round(e.expected)} expected`);
    // Per person: 1:1s held with this manager in the window.
    for (const line of r.members) {
      const held = fx.oneOnOnes.filter((o) => o.managerId === m && o.reportId === line.id && o.heldAt >= fx.now - 84 * 86_400_000 && o.heldAt < fx.now).length;
      expect(line.held).toBe(held);
    }
    expect(r.members.map((x) => x.id).sort()).toEqual(fx.people.filter((p) => p.managerId === m && !p.deleted && !p.bot).map((p) => p.id).sort());
  });

  it('a mid-level manager sees each manager below and the subtree rolled up', async () => {
    const mid = fx.mids[2]!;
    const r = await reports.team(mid);
    const below = managersBelow(fx, mid);
    expect(r.below!.managers.map((m) => m.id).sort()).toEqual([...below].sort());
    for (const m of r.below!.managers) compare(m.figures, expectedFor(fx, [m.id]));
    compare(r.below!.rollup, expectedFor(fx, [mid, ...below]));
  });

  it('the executive rolls up the whole organisation below them', async () => {
    const r = await reports.team(fx.exec);
    expect(r.below!.managers).toHaveLength(20);
    compare(r.below!.rollup, expectedFor(fx, [fx.exec, ...managersBelow(fx, fx.exec)]));
  });

  it('the admin report groups managers by level and matches for each level and for everyone', async () => {
    const org = await reports.org(ADMIN);
    const groups = { frontline: fx.frontline, 'mid-level': fx.mids, executive: [fx.exec], all: [fx.exec, ...fx.mids, ...fx.frontline] };
    for (const line of org.levels) compare(line.figures, expectedFor(fx, groups[line.level]));
  });

  it('the export has one line per manager in scope with the same figures', async () => {
    const all = await reports.exportRows(ADMIN);
    expect(all.managers).toHaveLength(21);
    const mid = await reports.exportRows(fx.mids[0]!);
    expect(mid.managers.map((m) => m.id).sort()).toEqual([fx.mids[0]!, ...managersBelow(fx, fx.mids[0]!)].sort());
    for (const m of mid.managers) compare(m.figures, expectedFor(fx, [m.id]));
  });
});
