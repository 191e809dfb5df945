import { startHarness, type Harness } from '../helpers/harness';
import { PREP_CLAIM_ACTION } from '../../src/slack/ui/prep-card';

/**
 * Issue 15 item 5 against what issue 16 added, and the refusals item 5 missed: the onboarding nudge names the
 * people a manager prepared for, "X reports to me" can be refused with a reason that names X, and `/oneonone @x`
 * for a deactivated account names x. A display name is profile text its owner (or an external user) typed; before
 * the fix it reached each of these as live mrkdwn.
 */
const HOSTILE = '<!channel> <https://evil.example/login|Payroll> & co';
const LIVE = ['<!channel>', '<https://evil.example'];
/** Monday 30 November 2026, 08:45 in Berlin (Maria's zone). */
const MONDAY_0845_BERLIN = Date.UTC(2026, 10, 30, 7, 45);

let t: Harness;
let maria: string, eve: string;

beforeEach(async () => {
  t = await startHarness({ start: MONDAY_0845_BERLIN });
  maria = t.people.manager;
  eve = t.emulator.addUser({ name: 'eve', realName: 'Eve Evil', displayName: HOSTILE, tz: 'UTC' }).id;
});
afterEach(async () => {
  expect(t.emulator.violations()).toEqual([]);
  await t.stop();
});

function expectInert(text: string): void {
  for (const live of LIVE) expect(text).not.toContain(live);
  expect(text).toContain('&lt;!channel&gt;');
}

async function prepCard(text: string) {
  const before = t.emulator.ephemerals(maria).length;
  await t.driver.command(maria, '/oneonone', text);
  return t.emulator.waitFor(() => t.emulator.ephemerals(maria).slice(before).at(-1), { timeoutMs: 4000 });
}

describe('a hostile display name in the first-weeks surfaces', () => {
  it('stays text in the onboarding nudge that lists whom the manager prepared for', async () => {
    await prepCard(`<@${eve}>`);
    t.clock.set(MONDAY_0845_BERLIN + 20 * 60_000);
    await t.leadwell.scheduler.runNow('weekly-nudges');
    await t.leadwell.scheduler.runNow('outbox-dispatcher');
    const nudge = await t.emulator.waitFor(() => t.emulator.dms(maria).find((m) => m.text.startsWith('Your weekly Leadwell nudge')), { timeoutMs: 4000 });
    expect(nudge.text).toContain('you prepared 1:1s for');
    expectInert(nudge.text);
  });

  it('stays text in the refusal of "reports to me" for someone above the manager (a loop)', async () => {
    const { people } = t.leadwell.slack.deps;
    await people.ensure(eve);
    await people.ensure(maria);
    await people.repository.setManager(maria, eve, t.clock.now());
    const card = await prepCard(`<@${eve}>`);
    const count = t.emulator.ephemerals(maria).length;
    await t.driver.clickButton(maria, { actionId: PREP_CLAIM_ACTION, where: { channel: card.channel, ts: card.ts } });
    const notice = await t.emulator.waitFor(() => t.emulator.ephemerals(maria).slice(count).at(-1), { timeoutMs: 4000 });
    const shown = JSON.stringify(notice.blocks);
    expect(shown).toContain('above you in the org chart');
    expectInert(shown);
  });

  it('stays text when /oneonone refuses a deactivated account', async () => {
    const gone = t.emulator.addUser({ name: 'gone', realName: 'Gone Guy', displayName: HOSTILE, tz: 'UTC', deleted: true }).id;
    const notice = await prepCard(`<@${gone}>`);
    expect(notice.text).toContain('Slack account is deactivated');
    expect(notice.text).toContain(`<@${gone}>`);
    expect(JSON.stringify([notice.text, notice.blocks])).not.toContain('evil.example');
  });
});
