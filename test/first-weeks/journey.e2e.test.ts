import { startHarness, type Harness } from '../helpers/harness';
import { NUDGE_ADD_TEAM_ACTION, addTeamBlockId } from '../../src/slack/ui/nudge-onboarding';
import { NUDGE_PREP_ACTION } from '../../src/slack/ui/nudge-message';
import { PREP_CLAIM_ACTION } from '../../src/slack/ui/prep-card';
import { answerLineRequest } from '../helpers/reporting-lines';
import { eventually } from '../helpers/eventually';

/**
 * Issue 16's "done when": a brand-new manager with no org data (no import, no team, no level) preps two 1:1s on
 * Monday 08:45 their time, gets a weekly DM after 09:00 with one-click "Add to my team", adds both, and the next
 * week's digest lists them against their cadence. "Add to my team" follows App Home's reporting-line rule: someone with
 * no manager on record confirms in a DM before they join. Real Bolt app, real SQLite, the emulator checking every call.
 */

type Block = { type: string; block_id?: string; text?: { text?: string }; accessory?: { action_id?: string; value?: string }; elements?: Array<{ action_id?: string; value?: string; text?: string }> };

/** Monday 30 November 2026, 08:45 in Berlin (Maria's zone) = 07:45 UTC. */
const MONDAY_0845_BERLIN = Date.UTC(2026, 10, 30, 7, 45);
const MINUTE = 60_000;
const WEEK = 7 * 24 * 60 * MINUTE;

let h: Harness;
let maria: string, alice: string, bob: string;

/** Reads through `h.query`, so the journey runs on SQLite and PostgreSQL alike. */
const managerOf = async (id: string) => (await h.query<{ m: string | null }>('SELECT manager_id AS m FROM people WHERE id = ?', id))[0]?.m;
const blocksOf = (m: { blocks?: unknown[] } | undefined) => (m?.blocks ?? []) as Block[];
const textOf = (m: { blocks?: unknown[] } | undefined) => JSON.stringify(blocksOf(m));

async function runJobs(): Promise<void> {
  await h.leadwell.scheduler.runNow('weekly-nudges');
  await h.leadwell.scheduler.runNow('outbox-dispatcher');
}

async function prep(reportName: string): Promise<void> {
  const before = h.emulator.ephemerals(maria).length;
  const res = await h.driver.command(maria, '/oneonone', `@${reportName}`);
  expect(res.status).toBe(200);
  await h.emulator.waitFor(() => h.emulator.ephemerals(maria).length > before, { timeoutMs: 4000 });
}

beforeAll(async () => {
  h = await startHarness({ start: MONDAY_0845_BERLIN });
  ({ manager: maria, alice, bob } = h.people);
});
afterAll(async () => {
  await h.stop();
});
afterEach(() => {
  expect(h.emulator.violations()).toEqual([]);
});

describe('a brand-new manager with no org data, through their first two weeks', () => {
  it('Monday 08:45: preps 1:1s with Alice and Bob; each card offers "reports to me", and no reporting line is recorded', async () => {
    await prep('alice');
    const aliceCard = h.emulator.ephemerals(maria).at(-1);
    expect(textOf(aliceCard)).toContain(PREP_CLAIM_ACTION);
    expect(textOf(aliceCard)).toContain('Alice Doe reports to me');
    // Her level is not "worked out from your team": she has none on record.
    expect(textOf(aliceCard)).toContain('nobody reports to you on record yet');
    await prep('bob');
    expect(await managerOf(alice)).toBeNull();
    expect(await managerOf(bob)).toBeNull();
    // Prepping records that Maria manages (a nudge candidate), not who reports to her.
    expect(await h.query('SELECT managing_seen_at AS at FROM people WHERE id = ?', maria)).toEqual([{ at: MONDAY_0845_BERLIN }]);
  });

  it('gets no DM before her 09:00 slot', async () => {
    await runJobs();
    expect(h.emulator.dms(maria)).toEqual([]);
  });

  it('09:05: one weekly DM lists Alice and Bob with one-click "Add to my team"', async () => {
    h.clock.set(MONDAY_0845_BERLIN + 20 * MINUTE);
    await runJobs();
    await runJobs(); // a second run sends nothing more
    const dms = h.emulator.dms(maria);
    expect(dms).toHaveLength(1);
    const dm = dms[0];
    expect(dm?.text).toMatch(/you prepared 1:1s for (Alice Doe|alice) and (Bob Roe|bob)/);
    const buttons = blocksOf(dm).filter((b) => b.accessory?.action_id === NUDGE_ADD_TEAM_ACTION);
    expect(buttons.map((b) => b.block_id).sort()).toEqual([addTeamBlockId(alice), addTeamBlockId(bob)].sort());
  });

  it('"Add to my team" takes App Home\'s team add: Alice is asked to confirm (no manager on record), the row says so', async () => {
    const nudge = () => h.emulator.dms(maria).find((m) => blocksOf(m).some((b) => b.block_id === addTeamBlockId(alice)));
    const row = (id: string) => blocksOf(nudge()).find((b) => b.block_id === addTeamBlockId(id));
    await h.driver.clickButton(maria, { actionId: NUDGE_ADD_TEAM_ACTION, value: row(alice)?.accessory?.value, where: { channel: nudge()!.channel, ts: nudge()!.ts } });
    await h.emulator.waitFor(() => JSON.stringify(row(alice)).includes('to confirm'), { timeoutMs: 4000 });
    expect(JSON.stringify(row(alice))).not.toContain(NUDGE_ADD_TEAM_ACTION);
    expect(await managerOf(alice)).toBeNull(); // nothing changes until Alice confirms
    // Bob's button is still there.
    expect(row(bob)?.accessory?.action_id).toBe(NUDGE_ADD_TEAM_ACTION);
    await h.driver.clickButton(maria, { actionId: NUDGE_ADD_TEAM_ACTION, value: row(bob)?.accessory?.value, where: { channel: nudge()!.channel, ts: nudge()!.ts } });
    await h.emulator.waitFor(() => JSON.stringify(row(bob)).includes('to confirm'), { timeoutMs: 4000 });
    // The event's data is JSON text on both engines: read it as JSON here rather than with one engine's JSON functions.
    const acted = await h.query<{ data: string }>("SELECT data FROM events WHERE kind = 'nudge.acted'");
    expect(acted.filter((e) => (JSON.parse(e.data) as { action?: string }).action === 'team')).toHaveLength(2);
  });

  it('Alice and Bob each confirm in their DM; then they are on Maria\'s team', async () => {
    await answerLineRequest(h, alice);
    await answerLineRequest(h, bob);
    await eventually(async () => (await managerOf(alice)) === maria && (await managerOf(bob)) === maria);
  });

  it('next Monday 09:05: the weekly digest lists both against her 14-day cadence, with Prep buttons', async () => {
    h.clock.set(MONDAY_0845_BERLIN + WEEK + 20 * MINUTE);
    await runJobs();
    const digests = h.emulator.dms(maria).filter((m) => m.text.startsWith('Your weekly Leadwell nudge'));
    expect(digests).toHaveLength(2);
    const digest = digests[1];
    expect(digest?.text).toBe('Your weekly Leadwell nudge: 2 1:1s to book and 2 people to recognise.');
    const text = textOf(digest);
    expect(text).toContain('1:1s to book* (your target: every 14 days)');
    expect(text).toContain('your team of 2');
    for (const id of [alice, bob]) {
      expect(text).toContain(`*<@${id}>* — no 1:1 on record yet`);
      expect(blocksOf(digest).some((b) => b.accessory?.action_id === NUDGE_PREP_ACTION && b.accessory.value?.includes(id))).toBe(true);
    }
    expect(text).not.toContain(NUDGE_ADD_TEAM_ACTION);
  });
});
