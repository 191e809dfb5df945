import { sql } from 'kysely';
import { freshEngine, type TestEngine } from '../helpers/engines';
import { DEFAULT_ENGINE } from '../helpers/harness';
import { createFixedClock } from '../../src/clock';
import { createReportReadModel } from '../../src/storage/report-read-model';
import { createPulseRepository } from '../../src/storage/pulse-repository';
import { createReportService, type ReportService } from '../../src/domain/report-service';
import { orgReportMessage, teamReportMessage } from '../../src/slack/ui/report-message';
import { reportCsv } from '../../src/slack/report-export';
import { generateOrg, type Fixture } from './org-fixture';
import { storeFixture } from './org-fixture-store';
import { managersBelow } from './expected';
import { testSealer } from '../helpers/data-key';

/** SQLite, or PostgreSQL in the e2e-postgres project (LEADWELL_TEST_ENGINE): the same checks on either. */
let env: TestEngine;
let fx: Fixture;
let reports: ReportService;
const ADMIN = 'UADMIN001';

beforeAll(async () => {
  env = await freshEngine(DEFAULT_ENGINE);
  fx = generateOrg({ seed: 7 });
  await storeFixture(env.db, fx);
  reports = createReportService({
    reads: createReportReadModel(env.db),
    pulse: createPulseRepository(env.db, { secret: 's', sealer: testSealer() }),
    clock: createFixedClock(fx.now),
    isAdmin: (id) => id === ADMIN,
    minResponses: 5,
  });
});
afterAll(() => env.close());

const code = async (fn: () => Promise<unknown>): Promise<string | undefined> => {
  try {
    await fn();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
};

describe('report authorisation', () => {
  it('a frontline manager sees their own team only', async () => {
    const [fl, peer] = [fx.frontline[0]!, fx.frontline[1]!];
    expect((await reports.team(fl)).manager.id).toBe(fl);
    expect(await code(() => reports.team(fl, peer))).toBe('report_forbidden');
    expect(await code(() => reports.team(fl, fx.mids[0]!))).toBe('report_forbidden');
    expect(await code(() => reports.org(fl))).toBe('report_admin_only');
    expect((await reports.exportRows(fl)).managers.map((m) => m.id)).toEqual([fl]);
  });

  it('someone with no reports has no report and nothing to export', async () => {
    const ic = fx.people.find((p) => p.id.startsWith('UIC'))!.id;
    expect(await code(() => reports.team(ic))).toBe('report_no_team');
    expect(await code(() => reports.exportRows(ic))).toBe('report_no_team');
    expect(await code(() => reports.org(ic))).toBe('report_admin_only');
    expect(await code(() => reports.team(ic, fx.frontline[0]!))).toBe('report_forbidden');
  });

  it('a mid-level manager sees the managers below them and nobody else', async () => {
    const mid = fx.mids[1]!;
    const below = managersBelow(fx, mid);
    for (const m of below) expect((await reports.team(mid, m)).manager.id).toBe(m);
    const elsewhere = managersBelow(fx, fx.mids[0]!)[0]!;
    expect(await code(() => reports.team(mid, elsewhere))).toBe('report_forbidden');
    expect(await code(() => reports.team(mid, fx.exec))).toBe('report_forbidden');
    expect(await code(() => reports.team(mid, fx.mids[2]!))).toBe('report_forbidden');
    expect((await reports.exportRows(mid)).managers.map((m) => m.id).sort()).toEqual([mid, ...below].sort());
  });

  it('the executive sees everyone below; only an admin sees the organisation by level', async () => {
    expect((await reports.team(fx.exec, fx.frontline[9]!)).manager.id).toBe(fx.frontline[9]);
    expect(await code(() => reports.org(fx.exec))).toBe('report_admin_only');
    expect((await reports.org(ADMIN)).levels).toHaveLength(4);
    expect((await reports.team(ADMIN, fx.frontline[3]!)).manager.id).toBe(fx.frontline[3]);
    expect((await reports.exportRows(ADMIN)).managers).toHaveLength(21);
  });

  it('no note text reaches any report message or the CSV', async () => {
    const outputs = [
      JSON.stringify(teamReportMessage(await reports.team(fx.frontline[0]!))),
      JSON.stringify(teamReportMessage(await reports.team(fx.exec))),
      JSON.stringify(orgReportMessage(await reports.org(ADMIN))),
      reportCsv((await reports.exportRows(ADMIN)).managers),
    ];
    for (const out of outputs) expect(out).not.toMatch(/private note/);
    // The database does hold notes: the check above can fail.
    const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM one_on_ones WHERE notes LIKE 'private note%'`.execute(env.db);
    expect(rows.map((r) => ({ n: Number(r.n) }))).toEqual([{ n: fx.oneOnOnes.length }]);
  });

  it('the CSV has a header and one line per manager, quoted by the CSV library', async () => {
    const csv = reportCsv((await reports.exportRows(ADMIN)).managers);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('manager_id,manager_name,level,reports_to,reports,one_on_ones_12w,expected_12w,within_cadence_share,median_days_between,kudos_given_12w,reports_recognised_by_manager,recognition_per_100_per_week,team_recognised_30d_share,nudges_sent_12w,nudges_acted_12w,pulse_period,pulse_responses,pulse_average,team_turnover_12m,subtree_turnover_12m');
    expect(lines).toHaveLength(22);
  });
});
