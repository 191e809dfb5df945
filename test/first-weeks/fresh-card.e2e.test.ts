import { startHarness, setTeam, type Harness } from '../helpers/harness';
import { PREP_CLAIM_ACTION, PREP_LOG_ACTION, PREP_SEND_AGENDA_ACTION } from '../../src/slack/ui/prep-card';
import { LOG_VALUE_ACTION, doneBlock, itemTextBlock } from '../../src/slack/ui/one-on-one-log-modal';
import { addDays, localToday } from '../../src/domain/cadence';
import { answerLineRequest } from '../helpers/reporting-lines';
import { eventually } from '../helpers/eventually';

/** Acting on a prep card redraws it: what the manager sees after a log, an agenda or "reports to me" is current. */

type Eph = ReturnType<Harness['emulator']['ephemerals']>[number];
let t: Harness;
let maria: string, alice: string, bob: string, carol: string;

const last = (): Eph => t.emulator.ephemerals(maria).filter((e) => !e.deleted).at(-1) as Eph;
const shown = (e: Eph | undefined) => JSON.stringify(e?.blocks ?? []);
/** Reads through `t.query`, so the suite runs on SQLite and PostgreSQL alike. */
const managerOf = async (id: string) => (await t.query<{ m: string | null }>('SELECT manager_id AS m FROM people WHERE id = ?', id))[0]?.m;

async function card(text: string): Promise<Eph> {
  const before = t.emulator.ephemerals(maria).length;
  await t.driver.command(maria, '/oneonone', text);
  await t.emulator.waitFor(() => t.emulator.ephemerals(maria).length > before, { timeoutMs: 4000 });
  return last();
}

beforeEach(async () => {
  t = await startHarness();
  ({ manager: maria, alice, bob, carol } = t.people);
});
afterEach(async () => {
  expect(t.emulator.violations()).toEqual([]);
  await t.stop();
});

describe('a fresh card', () => {
  it('after logging from the card it shows the 1:1 as logged: not overdue, ticked item gone, no Log button, same message', async () => {
    await setTeam(t, maria, [alice]);
    const { oneOnOnes } = t.leadwell.slack.deps;
    const twentyDaysAgo = addDays(localToday(t.clock.now(), 'Europe/Berlin'), -20);
    const seeded = await oneOnOnes.submitLog(maria, { reportId: alice, heldOn: twentyDaysAgo, notes: '', items: [{ row: 0, ownerId: alice, text: 'Write the RFC' }], doneItemIds: [], careerTalk: false, sendSummary: false }, 'seed-1');
    expect(seeded.ok).toBe(true);
    const before = await card('@alice');
    expect(shown(before)).toContain('overdue by 6 days');
    expect(shown(before)).toContain('Write the RFC');
    const cards = t.emulator.ephemerals(maria).length;

    await t.driver.clickButton(maria, { actionId: PREP_LOG_ACTION, where: { channel: before.channel, ts: before.ts } });
    const view = await t.emulator.waitFor(() => t.emulator.openView(maria), { timeoutMs: 4000 });
    const item = (await t.query<{ id: number }>('SELECT id FROM action_items WHERE text = ?', 'Write the RFC'))[0]!.id;
    t.driver.fillView(maria, { [doneBlock(0)]: { [LOG_VALUE_ACTION]: [String(item)] }, [itemTextBlock(0)]: { [LOG_VALUE_ACTION]: 'Share the RFC with the team' } });
    expect(view.callback_id).toBeDefined();
    const res = await t.driver.submitView(maria);
    expect(res.errors ?? {}).toEqual({});

    const after = await t.emulator.waitFor(() => (shown(last()).includes('1:1 logged for') ? last() : undefined), { timeoutMs: 4000 });
    expect(after.ts).toBe(before.ts); // replaced in place, not a second card
    expect(t.emulator.ephemerals(maria)).toHaveLength(cards);
    expect(shown(after)).not.toContain('overdue');
    expect(shown(after)).toContain('Last 1:1 *today*');
    expect(shown(after)).not.toContain('Write the RFC');
    expect(shown(after)).toContain('Share the RFC with the team');
    expect(shown(after)).not.toContain(PREP_LOG_ACTION);
    expect(shown(after)).not.toContain(PREP_SEND_AGENDA_ACTION);
  });

  it('a log opened with `/oneonone log` (no card) replaces nothing', async () => {
    await setTeam(t, maria, [alice]);
    await t.driver.command(maria, '/oneonone', 'log @alice');
    await t.emulator.waitFor(() => t.emulator.openView(maria), { timeoutMs: 4000 });
    const res = await t.driver.submitView(maria);
    expect(res.errors ?? {}).toEqual({});
    expect(t.emulator.ephemerals(maria).filter((e) => !e.deleted)).toEqual([]);
  });

  it('"Carol reports to me" on the card of someone with no manager: App Home\'s team add (Carol confirms), the card redrawn', async () => {
    const before = await card('@carol');
    expect(shown(before)).toContain('Carol Sun reports to me');
    await t.driver.clickButton(maria, { actionId: PREP_CLAIM_ACTION, where: { channel: before.channel, ts: before.ts } });
    const after = await t.emulator.waitFor(() => (shown(last()).includes('to confirm') ? last() : undefined), { timeoutMs: 4000 });
    expect(after.ts).toBe(before.ts);
    expect(shown(after)).toContain(`Asked <@${carol}> to confirm`);
    expect(shown(after)).not.toContain(PREP_CLAIM_ACTION);
    expect(await managerOf(carol)).toBeNull();
    await answerLineRequest(t, carol);
    await eventually(async () => (await managerOf(carol)) === maria);
  });

  it('no "reports to me" for someone who already has a manager on record', async () => {
    await setTeam(t, bob, [carol]);
    const c = await card('@carol');
    expect(shown(c)).not.toContain(PREP_CLAIM_ACTION);
  });
});
