import { BOT_TOKEN, setTeam, startHarness, type Harness } from '../helpers/harness';
import { answerLineRequest, lineRequestDm } from '../helpers/reporting-lines';
import { LINE_CONFIRM_ACTION, LINE_DECLINE_ACTION } from '../../src/slack/ui/reporting-line';
import { reportingLineExpiryJob } from '../../src/jobs/reporting-lines';
import { count, until } from '../helpers/db-reads';

/**
 * Issue 15 item 1, the attack: a plain employee (Carol) adds another manager's report (Alice, Maria's) to
 * "My team" in App Home. Before the fix Alice moved at once and silently, and Carol saw Maria's 1:1 history
 * with Alice, Alice's manager-only goal and her development plan. Everything runs through the real receiver.
 */
let t: Harness;
let maria: string, alice: string, bob: string, carol: string, admin: string;
const DAY = 86_400_000;
// Reads through t.query, so the attack is checked the same with the app on SQLite or PostgreSQL.
const managerOf = async (id: string) => (await t.query<{ m: string | null }>('SELECT manager_id AS m FROM people WHERE id = ?', id))[0]?.m;
const events = (kind: string) => t.query<{ actor_id: string | null; subject_id: string; data: string }>('SELECT actor_id, subject_id, data FROM events WHERE kind = ? ORDER BY id', kind);
const seen = (id: string) => JSON.stringify([t.emulator.ephemerals(id), t.emulator.dms(id), t.emulator.home(id)?.blocks, t.emulator.state.modals.get(id)]);

beforeEach(async () => {
  t = await startHarness();
  ({ manager: maria, alice, bob, carol, admin } = t.people);
  await setTeam(t, maria, [alice]);
  await t.leadwell.slack.deps.people.ensure(carol);
  const now = t.clock.now();
  const [o] = await t.query<{ id: number }>(
    "INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, notes, energy, career_talk, idempotency_key, created_at) VALUES (?, ?, '2026-11-20', ?, 'MARIA-NOTE', 2, 1, 'k1', ?) RETURNING id",
    maria, alice, now - 10 * DAY, now,
  );
  await t.query("INSERT INTO action_items (one_on_one_id, manager_id, report_id, owner_id, text, created_at) VALUES (?, ?, ?, ?, 'MARIA-ITEM talk to HR', ?)", o?.id, maria, alice, alice, now);
  await t.query("INSERT INTO goals (owner_id, kind, visibility, title, idempotency_key, created_at, updated_at) VALUES (?, 'personal', 'manager', 'MANAGER-ONLY-GOAL', 'g1', ?, ?)", alice, now, now);
  await t.query("INSERT INTO development_plans (person_id, career_direction, created_at, updated_at) VALUES (?, 'PLAN-CAREER leave for a startup', ?, ?)", alice, now, now);
});
afterEach(async () => {
  expect(t.emulator.violations()).toEqual([]);
  await t.stop();
});

/** Carol asks for Alice through App Home's real "Add or remove people" modal. */
async function carolAddsAlice(): Promise<string> {
  await t.driver.openHome(carol);
  await t.emulator.waitFor(() => t.emulator.home(carol));
  await t.driver.clickButton(carol, { actionId: 'home_edit_team', where: 'home' });
  await t.emulator.waitFor(() => t.emulator.openView(carol));
  await t.driver.fillView(carol, { team_add: { users: [alice] } });
  expect((await t.driver.submitView(carol)).errors ?? {}).toEqual({});
  const saved = await t.emulator.waitFor(() => JSON.stringify(t.emulator.openView(carol)?.blocks ?? []).match(/Asked .* to confirm/)?.[0], { timeoutMs: 4000 });
  await t.driver.closeView(carol);
  return saved;
}

/** A bot message carrying the app's own Confirm button with a chosen value: what a forged or replayed click sends. */
async function forgedButton(userId: string, value: string): Promise<{ channel: string; ts: string }> {
  const res = await fetch(`${t.emulator.url}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ channel: userId, text: 'forged', blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: LINE_CONFIRM_ACTION, text: { type: 'plain_text', text: 'Confirm' }, value }] }] }),
  });
  return (await res.json()) as { channel: string; ts: string };
}

async function asCommand(userId: string, command: string, text: string) {
  const before = t.emulator.ephemerals(userId).length;
  await t.driver.command(userId, command, text);
  return t.emulator.waitFor(() => t.emulator.ephemerals(userId).slice(before).at(-1), { timeoutMs: 4000 });
}

describe('report takeover from App Home', () => {
  it('moves nobody and shows nothing until someone who can vouch confirms; both are asked by DM', async () => {
    expect(await carolAddsAlice()).toContain(`Asked <@${maria}> or <@${alice}> to confirm`);
    expect(await managerOf(alice)).toBe(maria);
    for (const asked of [maria, alice]) expect((await lineRequestDm(t, asked)).text).toContain(`<@${carol}>`);
    expect(await events('org.line_requested')).toEqual([expect.objectContaining({ actor_id: carol, subject_id: alice })]);
    // Carol sees none of Maria's 1:1s, Alice's manager-only goal or her plan, and gets no report on Alice.
    await asCommand(carol, '/oneonone', `history <@${alice}>`);
    await asCommand(carol, '/oneonone', `<@${alice}>`);
    await asCommand(carol, '/goal', `plan <@${alice}>`);
    await asCommand(carol, '/coach', `report <@${alice}>`);
    for (const secret of ['MARIA-NOTE', 'MARIA-ITEM', 'MANAGER-ONLY-GOAL', 'PLAN-CAREER', 'energy 2']) expect(seen(carol)).not.toContain(secret);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM events WHERE kind = ?', 'org.manager_set')).toBe(0);
  });

  it('refuses forged values, other people and replays kindly; the manager on record can decline', async () => {
    await carolAddsAlice();
    const [request] = await t.query<{ id: string }>('SELECT id FROM reporting_line_requests');
    const id = request?.id ?? '';
    // Carol forges a Confirm button carrying the real request id into her own DM, then one with a made-up id.
    await t.driver.clickButton(carol, { actionId: LINE_CONFIRM_ACTION, where: await forgedButton(carol, id) });
    await t.emulator.waitFor(() => seen(carol).includes('Only the person, their manager on record or a Leadwell admin'), { timeoutMs: 4000 });
    await t.driver.clickButton(carol, { actionId: LINE_CONFIRM_ACTION, where: await forgedButton(carol, 'f'.repeat(32)) });
    await t.emulator.waitFor(() => seen(carol).includes("I can't find that request"), { timeoutMs: 4000 });
    // Bob, who has nothing to do with it, replays Alice's button value.
    await t.driver.clickButton(bob, { actionId: LINE_CONFIRM_ACTION, where: await forgedButton(bob, id) });
    await t.emulator.waitFor(() => seen(bob).includes('Only the person, their manager on record or a Leadwell admin'), { timeoutMs: 4000 });
    expect(await managerOf(alice)).toBe(maria);

    await answerLineRequest(t, maria, LINE_DECLINE_ACTION);
    await t.emulator.waitFor(() => t.emulator.dms(carol).some((m) => m.text.includes('does not report to')), { timeoutMs: 4000 });
    // Alice's Confirm arrives after the decline (a replay, a late click): nothing changes.
    await answerLineRequest(t, alice);
    await t.emulator.waitFor(() => seen(alice).includes('already answered'), { timeoutMs: 4000 });
    expect(await managerOf(alice)).toBe(maria);
    expect(await events('org.line_request_declined')).toEqual([expect.objectContaining({ actor_id: maria, subject_id: alice })]);
    expect(await events('org.manager_set')).toEqual([]);
  });

  it('the person confirms: the line moves, it is audited, the old manager and the person are told, history stays with its writer', async () => {
    await carolAddsAlice();
    await answerLineRequest(t, alice);
    await until(async () => (await managerOf(alice)) === carol);
    const [set] = await events('org.manager_set');
    expect(set).toMatchObject({ actor_id: alice, subject_id: alice });
    expect(JSON.parse(set!.data)).toMatchObject({ from: maria, to: carol, via: 'app_home', confirmedBy: alice });
    await t.emulator.waitFor(() => t.emulator.dms(maria).some((m) => m.text.includes(`<@${alice}> now reports to <@${carol}>`)), { timeoutMs: 4000 });
    await t.emulator.waitFor(() => t.emulator.dms(carol).some((m) => m.text.includes('is now on your team')), { timeoutMs: 4000 });
    // Alice's request DM is replaced by the outcome (no buttons left to click).
    await t.emulator.waitFor(() => t.emulator.dms(alice).some((m) => m.text.includes('Confirmed:')), { timeoutMs: 4000 });
    // Maria's own DM still asks: answering it now changes nothing.
    await answerLineRequest(t, maria);
    await t.emulator.waitFor(() => seen(maria).includes('already answered'), { timeoutMs: 4000 });
    // The new manager sees Alice's shared goal (the confirmed relationship) but never Maria's 1:1s.
    const history = await asCommand(carol, '/oneonone', `history <@${alice}>`);
    expect(history.text).toContain('No 1:1s');
    const card = await asCommand(carol, '/oneonone', `<@${alice}>`);
    expect(JSON.stringify(card.blocks)).toContain('MANAGER-ONLY-GOAL');
    for (const secret of ['MARIA-NOTE', 'MARIA-ITEM', 'energy 2']) expect(seen(carol)).not.toContain(secret);
  });

  it('an unanswered request expires: nothing changes, the expiry is audited, a late click says so', async () => {
    await carolAddsAlice();
    t.clock.advance(8 * DAY);
    await answerLineRequest(t, alice);
    await t.emulator.waitFor(() => seen(alice).includes('This request has expired'), { timeoutMs: 4000 });
    expect(await managerOf(alice)).toBe(maria);
    expect(await events('org.line_request_expired')).toHaveLength(1);
    // The hourly job expires the ones nobody clicks.
    await t.query('UPDATE people SET manager_id = NULL WHERE id = ?', bob);
    await t.leadwell.slack.deps.people.ensure(bob);
    await t.leadwell.slack.deps.reportingLines.requestReportingLine({ requesterId: carol, personId: bob, managerId: carol, via: 'app_home' });
    t.clock.advance(8 * DAY);
    await t.leadwell.scheduler.runNow(reportingLineExpiryJob.name);
    expect(await t.query('SELECT status FROM reporting_line_requests WHERE person_id = ?', bob)).toEqual([{ status: 'expired' }]);
    expect(await events('org.line_request_expired')).toHaveLength(2);
    expect(await managerOf(bob)).toBeNull();
  });

  it('an admin moves someone at once: audited, the old manager and the person told', async () => {
    await t.driver.openHome(admin);
    await t.emulator.waitFor(() => t.emulator.home(admin));
    await t.driver.clickButton(admin, { actionId: 'home_edit_team', where: 'home' });
    await t.emulator.waitFor(() => t.emulator.openView(admin));
    await t.driver.fillView(admin, { team_add: { users: [alice] } });
    expect((await t.driver.submitView(admin)).errors ?? {}).toEqual({});
    await until(async () => (await managerOf(alice)) === admin);
    expect(JSON.parse((await events('org.manager_set'))[0]!.data)).toEqual({ from: maria, to: admin, via: 'app_home', admin: true });
    await t.emulator.waitFor(() => t.emulator.dms(maria).some((m) => m.text.includes(`now reports to <@${admin}>`)), { timeoutMs: 4000 });
    await t.emulator.waitFor(() => t.emulator.dms(alice).some((m) => m.text.includes(`You now report to <@${admin}>`)), { timeoutMs: 4000 });
  });
});
