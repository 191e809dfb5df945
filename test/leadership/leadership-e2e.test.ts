import { startHarness, type Harness } from '../helpers/harness';
import { createLogger } from '../../src/logger';
import { startLeadwell } from '../../src/main';
import { runReportCli } from '../../src/cli/report';
import { DEPARTURE_MARK_ACTION, departureBlockId } from '../../src/slack/ui/departures-message';
import { ORG_GOALS_CALLBACK, orgGoalBlock } from '../../src/slack/ui/org-goals-modal';
import { PREP_MANAGER_HABITS_BLOCK } from '../../src/slack/ui/prep-manager-habits';
import { DAY, PLANTED, generateLeadershipOrg, type GenOrg } from './org-fixture';
import { expectedFocus, expectedHabits, expectedTurnover, type Leaver } from './expected';
import { eventually } from '../helpers/eventually';
import { cliDatabase } from '../helpers/cli-database';
import { sameDatabase } from '../helpers/same-database';

type Block = { type: string; block_id?: string; text?: { text?: string } };
const MIN_GROUP = 5;
const pct = (x: number) => `${Math.round(x * 100)}%`;

describe('coaching the coaches, end to end on a generated org (VP, 3 managers of managers, 12 frontline managers, a year of activity)', () => {
  let h: Harness;
  let org: GenOrg;
  const leavers: Leaver[] = [];
  const active = new Set<string>();
  const now0 = () => h.clock.now();
  const dmText = (userId: string) => JSON.stringify(h.emulator.dms(userId));
  /** Reads through `h.query`, so the suite runs on SQLite and PostgreSQL alike. */
  const queued = async () => (await h.query<{ n: number }>("SELECT COUNT(*) AS n FROM nudges WHERE status = 'planned' AND next_attempt_at <= ?", h.clock.now()))[0]!.n;
  /** The dispatcher paces sends by the (fixed) test clock: let a second pass between runs until the queue is empty. */
  const run = async (...jobs: string[]) => {
    for (const j of jobs) {
      await h.leadwell.scheduler.runNow(j);
      for (let i = 0; j === 'outbox-dispatcher' && (await queued()) > 0 && i < 100; i += 1) {
        h.clock.advance(1000);
        await h.leadwell.scheduler.runNow(j);
      }
    }
  };
  const lastEphemeral = (userId: string) => h.emulator.ephemerals(userId).at(-1);
  const command = async (userId: string, text: string) => {
    const before = h.emulator.ephemerals(userId).length;
    await h.driver.command(userId, '/coach', text);
    return h.emulator.waitFor(() => (h.emulator.ephemerals(userId).length > before ? lastEphemeral(userId) : undefined), { timeoutMs: 5000 });
  };

  beforeAll(async () => {
    h = await startHarness({ env: { PULSE_MIN_RESPONSES: String(MIN_GROUP), NUDGE_RATE_PER_MINUTE: '6000' } });
    const start = h.clock.now();
    org = await generateLeadershipOrg(h.emulator, h.store, start);
    for (const p of [org.vp, ...org.moms, ...org.fl, ...org.ics]) active.add(p.id);
    // Departures arrive from Slack as user_change with deleted: true, each at the time the person left.
    const plan: Array<[number, number]> = [[5, 200], [6, 40], [org.ics.length - 1, 90], [12, 400]]; // ics 5–12 report to fl[1]
    for (const [i, daysAgo] of plan) {
      const ic = org.ics[i]!;
      h.clock.set(start - daysAgo * DAY);
      h.emulator.deactivateUser(ic.id);
      await h.driver.userChange(ic.id);
      await eventually(async () => (await h.query('SELECT 1 FROM departures WHERE person_id = ?', ic.id)).length > 0);
      leavers.push({ id: ic.id, managerId: ic.managerId!, at: start - daysAgo * DAY });
      active.delete(ic.id);
    }
    h.clock.set(start);
    // A year of an 80-person org is a few thousand rows: on PGlite (its start-up included) that outgrows the default 20 s.
  }, 60_000);
  afterAll(async () => {
    // The restart test puts the running instance in h.leadwell: the harness stops whichever runs.
    await h.stop();
  });

  it('records each departure once, with the manager and role at the time (a replayed user_change adds nothing)', async () => {
    const ic = org.ics[5]!;
    await h.driver.userChange(ic.id);
    const rows = await h.query<Record<string, string>>('SELECT person_id, manager_id, role, manager_level, source, manager_chain FROM departures ORDER BY left_at');
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.person_id === ic.id)).toMatchObject({ manager_id: org.fl[1]!.id, role: 'individual', manager_level: 'frontline', source: 'slack' });
    expect(JSON.parse(rows.find((r) => r.person_id === ic.id)!.manager_chain!)).toEqual([org.fl[1]!.id, org.moms[0]!.id, org.vp.id]);
  });

  it('the mid-level digest, inside the weekly nudge, names the manager who most needs attention and each manager’s habits, never a report', async () => {
    await run('weekly-nudges', 'outbox-dispatcher');
    const now = now0();
    for (const mom of org.moms) {
      const dm = h.emulator.dms(mom.id);
      expect(dm).toHaveLength(1);
      const text = JSON.stringify(dm[0]!.blocks);
      for (const fl of org.fl.filter((f) => f.managerId === mom.id)) {
        const e = expectedHabits(org, fl.id, active, now);
        expect(text).toContain(`<@${fl.id}> — ${e.within} of ${e.reports} reports within cadence, recognised ${e.people30} ${e.people30 === 1 ? 'person' : 'people'} in the last 30 days`);
      }
      const focus = expectedFocus(org, mom.id, active, now);
      if (focus) expect(text).toContain(`Most needs your attention: <@${focus}>`);
      else expect(text).toContain('Nobody stands out this week');
      expect(text).toMatch(/Ask (<@U[A-Z0-9]+>|each of them) in your next 1:1/);
    }
    // The planted neglect: mom[0]'s digest singles out fl[0].
    expect(JSON.stringify(h.emulator.dms(org.moms[0]!.id)[0]!.blocks)).toContain(`Most needs your attention: <@${org.fl[0]!.id}>`);
    for (const reader of [org.vp, ...org.moms]) {
      const all = dmText(reader.id);
      expect(all).not.toContain(PLANTED);
      for (const ic of org.ics) expect(all).not.toContain(ic.id);
      expect(all).not.toContain('NOTE-TEXT');
    }
    expect(h.emulator.violations()).toEqual([]);
  });

  it('the prep card for a 1:1 with a manager shows their team habits in one line and a question about them', async () => {
    const mom = org.moms[0]!;
    const fl = org.fl[0]!;
    const before = h.emulator.ephemerals(mom.id).length;
    await h.driver.command(mom.id, '/oneonone', `<@${fl.id}>`);
    const card = await h.emulator.waitFor(() => (h.emulator.ephemerals(mom.id).length > before ? lastEphemeral(mom.id) : undefined), { timeoutMs: 5000 });
    const block = (card.blocks as Block[]).find((b) => b.block_id === PREP_MANAGER_HABITS_BLOCK);
    const e = expectedHabits(org, fl.id, active, now0());
    expect(block?.text?.text).toContain(`${e.within} of ${e.reports} reports within cadence, recognised ${e.people30} people in the last 30 days`);
    expect(block?.text?.text).toMatch(/Ask about them:\* .+\?/);
    expect(JSON.stringify(block)).not.toContain(PLANTED);
    expect(h.emulator.violations()).toEqual([]);
  });

  it('an admin sets organisation goals in a modal (bad input answered on the field); the admin report shows progress', async () => {
    const admin = h.people.admin;
    await h.driver.command(admin, '/coach', 'goals');
    await h.emulator.waitFor(() => h.emulator.openView(admin)?.callback_id === ORG_GOALS_CALLBACK);
    h.driver.fillView(admin, {
      [orgGoalBlock('metric', 1)]: { value: 'frontline-cadence' },
      [orgGoalBlock('target', 1)]: { value: 'lots' },
      [orgGoalBlock('deadline', 1)]: { value: '2027-03-31' },
    });
    const bad = await h.driver.submitView(admin);
    expect(bad.errors).toEqual({ [orgGoalBlock('target', 1)]: expect.stringContaining('percentage') });
    h.driver.fillView(admin, {
      [orgGoalBlock('target', 1)]: { value: '80' },
      [orgGoalBlock('metric', 2)]: { value: 'team-recognition-reach' },
      [orgGoalBlock('target', 2)]: { value: '100' },
      [orgGoalBlock('deadline', 2)]: { value: '2027-03-31' },
    });
    await h.driver.submitView(admin);
    expect(await h.query('SELECT slot, metric, target, deadline FROM org_goals ORDER BY slot')).toEqual([
      { slot: 1, metric: 'frontline-cadence', target: 80, deadline: '2027-03-31' },
      { slot: 2, metric: 'team-recognition-reach', target: 100, deadline: '2027-03-31' },
    ]);
    const flShare = (now: number) => {
      const hs = org.fl.map((f) => expectedHabits(org, f.id, active, now));
      return hs.reduce((a, x) => a + x.within, 0) / hs.reduce((a, x) => a + x.reports, 0);
    };
    const baseline = flShare(now0());
    let report = JSON.stringify((await command(admin, 'report org')).blocks);
    expect(report).toContain(`Frontline 1:1s within cadence: *${pct(baseline)}* (from ${pct(baseline)}) → 80%`);
    // fl[0] catches up with everyone this week: the goal moves.
    const ins = `INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, notes, idempotency_key, created_at) VALUES (?, ?, '2026-11-30', ?, '', ?, ?)`;
    for (const ic of org.ics.filter((i) => i.managerId === org.fl[0]!.id)) {
      const at = now0() - 3600_000;
      await h.query(ins, org.fl[0]!.id, ic.id, at, `catch-up-${ic.id}`, at);
      org.oneOnOnes.push({ managerId: org.fl[0]!.id, reportId: ic.id, heldAt: at });
    }
    h.clock.advance(11 * 60_000); // past the snapshot's 10 minutes
    const after = flShare(now0());
    expect(after).toBeGreaterThan(baseline);
    report = JSON.stringify((await command(admin, 'report org')).blocks);
    expect(report).toContain(`Frontline 1:1s within cadence: *${pct(after)}* (from ${pct(baseline)}) → 80%`);
    expect(report).toMatch(/Teams where someone was recognised in the last 30 days: \*\d+%\*/);
    expect(h.emulator.violations()).toEqual([]);
  });

  it('the executive digest arrives on the first working day at 09:00 the VP’s time, once, also after a restart', async () => {
    // Tuesday 1 December 2026 is the first working day; 09:00 in New York is 14:00 UTC.
    const slot = Date.UTC(2026, 11, 1, 14, 0);
    const execDms = () => h.emulator.dms(org.vp.id).filter((m) => JSON.stringify(m.blocks).includes('Your organisation this month'));
    await run('executive-digests', 'outbox-dispatcher');
    h.clock.set(slot - 60_000);
    await run('executive-digests', 'outbox-dispatcher');
    expect(execDms()).toHaveLength(0);
    h.clock.set(slot);
    await run('executive-digests', 'executive-digests', 'outbox-dispatcher', 'outbox-dispatcher');
    expect(execDms()).toHaveLength(1);
    const rows = () => h.query("SELECT person_id, period, status, due_at FROM nudges WHERE kind = 'executive'");
    expect(await rows()).toEqual([{ person_id: org.vp.id, period: '2026-12', status: 'sent', due_at: slot }]);

    // A restart on the same database, later that morning: nothing new.
    const storage = sameDatabase(h);
    await h.leadwell.stop();
    h.leadwell = await startLeadwell({ config: h.config, logger: createLogger({ level: 'warn' }), clock: h.clock, schedulerEnabled: false, storage });
    h.clock.advance(30 * 60_000);
    await run('executive-digests', 'outbox-dispatcher');
    expect(execDms()).toHaveLength(1);
    expect(await rows()).toHaveLength(1);

    const text = JSON.stringify(execDms()[0]!.blocks);
    expect(text).toContain('Leadership health by level');
    expect(text).toMatch(/Frontline managers\* \(12, \d+ reports\)/);
    expect(text).toMatch(/Mid-level managers\* \(3, 12 reports\)/);
    expect(text).toContain('One thing to do this month');
    expect(text).toContain('Organisation goals');
    expect(text).toContain('Pulse');
    expect(text).not.toContain(PLANTED);
    for (const ic of org.ics) expect(text).not.toContain(ic.id);
    expect(h.emulator.violations()).toEqual([]);
  });

  it('turnover in /coach report and the CSV matches an independent computation, hidden for small groups, never naming who left', async () => {
    const now = now0();
    const admin = h.people.admin;
    const headcount = (managerId: string) => org.ics.filter((i) => i.managerId === managerId && active.has(i.id)).length;
    const team = (m: string) => expectedTurnover(leavers, (l) => l.managerId === m, headcount(m), now, MIN_GROUP);
    expect(team(org.fl[1]!.id)).toBeCloseTo(2 / 7); // the third left 400 days ago: outside the 12 months
    expect(team(org.fl[11]!.id)).toBeUndefined(); // 3 people now: hidden

    const fl1 = JSON.stringify((await command(admin, `report <@${org.fl[1]!.id}>`)).blocks);
    expect(fl1).toContain(`12-month turnover — your team: *${pct(2 / 7)}* (2 leavers for 5 people now)`);
    const fl11 = JSON.stringify((await command(admin, `report <@${org.fl[11]!.id}>`)).blocks);
    expect(fl11).toContain(`your team: hidden (fewer than ${MIN_GROUP} people)`);

    const ics = org.ics.filter((i) => active.has(i.id)).length;
    const orgReport = JSON.stringify((await command(admin, 'report org')).blocks);
    const icRate = expectedTurnover(leavers, () => true, ics, now, MIN_GROUP)!;
    expect(orgReport).toContain(`Individual contributors: *${pct(icRate)}* (3 leavers for ${ics} people now, 0 regretted)`);

    await command(admin, 'report export');
    const file = await h.emulator.waitFor(() => h.emulator.files().at(-1));
    const csv = file.bytes!.toString('utf8').trim().split('\n');
    const header = csv[0]!.split(',');
    const row = (id: string) => csv.find((l) => l.startsWith(`${id},`))!.split(',');
    const col = (id: string, name: string) => row(id)[header.indexOf(name)];
    expect(Number(col(org.fl[1]!.id, 'team_turnover_12m'))).toBeCloseTo(2 / 7, 3);
    expect(col(org.fl[11]!.id, 'team_turnover_12m')).toBe('');
    const below = (m: string) => [...org.moms, ...org.fl, ...org.ics].filter((p) => active.has(p.id) && (p.managerId === m || org.fl.some((f) => f.managerId === m && p.managerId === f.id))).length;
    const mom0 = expectedTurnover(leavers, (l) => org.fl.slice(0, 4).some((f) => f.id === l.managerId), below(org.moms[0]!.id), now, MIN_GROUP)!;
    expect(Number(col(org.moms[0]!.id, 'subtree_turnover_12m'))).toBeCloseTo(mom0, 3);
    expect(csv.join('\n')).not.toContain(PLANTED);
    expect(h.emulator.violations()).toEqual([]);
  });

  it('npm run report -- --csv prints exactly the CSV of /coach report export, turnover columns included', async () => {
    const before = h.emulator.files().length;
    await command(h.people.admin, 'report export');
    const slackCsv = (await h.emulator.waitFor(() => h.emulator.files()[before])).bytes!.toString('utf8');
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    // The same database (the app is running on it: the file, or PostgreSQL) and the same clock.
    const cli = cliDatabase(h);
    try {
      expect(await runReportCli(['--csv'], { ...cli.env, PULSE_MIN_RESPONSES: String(MIN_GROUP) }, io, h.clock)).toBe(0);
    } finally {
      cli.restore();
    }
    expect(err).toEqual([]);
    expect(out.join('')).toBe(slackCsv);
    const csv = out.join('').trim().split('\n');
    const header = csv[0]!.split(',');
    const col = (id: string, name: string) => csv.find((l) => l.startsWith(`${id},`))!.split(',')[header.indexOf(name)];
    expect(Number(col(org.fl[1]!.id, 'team_turnover_12m'))).toBeCloseTo(2 / 7, 3);
    expect(Number(col(org.moms[0]!.id, 'subtree_turnover_12m'))).toBeGreaterThan(0);
    expect(col(org.fl[11]!.id, 'team_turnover_12m')).toBe('');
    expect(h.emulator.violations()).toEqual([]);
  });

  it('departures are private to admins, who can mark one regretted; the org report counts it without naming anyone', async () => {
    const manager = org.moms[0]!.id;
    const refused = await command(manager, 'departures');
    expect(String(refused.text)).toContain('private to Leadwell admins');
    const admin = h.people.admin;
    const list = await command(admin, 'departures');
    expect(String(list.text)).toBe('Departures in the last 12 months: 3.');
    const id = (await h.query<{ id: number }>('SELECT id FROM departures WHERE person_id = ?', org.ics[6]!.id))[0]!.id;
    await h.driver.clickButton(admin, { actionId: DEPARTURE_MARK_ACTION, blockId: departureBlockId(id), value: `${id}:yes`, where: 'last-ephemeral' });
    await eventually(async () => (await h.query<{ regretted: number | null }>('SELECT regretted FROM departures WHERE id = ?', id))[0]?.regretted === 1);
    const orgReport = JSON.stringify((await command(admin, 'report org')).blocks);
    expect(orgReport).toMatch(/Individual contributors: \*\d+%\* \(3 leavers for \d+ people now, 1 regretted\)/);
    expect(orgReport).not.toContain(PLANTED);
    const mom = JSON.stringify((await command(manager, 'report')).blocks);
    expect(mom).not.toContain('regretted');
    expect(h.emulator.violations()).toEqual([]);
  });
});
