import { BOT_TOKEN, SIGNING_SECRET, startHarness, type Harness } from '../helpers/harness';
import { signedPost } from '../helpers/signing';
import { GOAL_REMINDERS_OFF_ACTION } from '../../src/slack/ui/goal-reminder';
import { answerProblems } from './hostile';
import { count, until } from '../helpers/db-reads';

/**
 * Issue 15 item 9: people Leadwell has not stored, or that belong to another workspace, reach the app through a
 * button and through user_change. The button must answer in words (it raised a raw FOREIGN KEY error), and a
 * user_change about someone outside the installed workspace must create nobody.
 */
let t: Harness;
beforeEach(async () => {
  t = await startHarness();
});
afterEach(async () => {
  expect(t.emulator.violations()).toEqual([]);
  await t.stop();
});

const failedLogs = () => t.logs.filter((l) => /"level":50/.test(l) || /FOREIGN KEY/i.test(l));
/** The stored person, or undefined: through `t.query`, on either engine. */
const person = async (id: string) => (await t.query('SELECT id, team_id FROM people WHERE id = ?', id))[0];

async function postReminderButton(userId: string): Promise<{ channel: string; ts: string }> {
  const res = await fetch(`${t.emulator.url}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({
      channel: userId,
      text: 'Goal reminder',
      blocks: [{ type: 'actions', block_id: 'r', elements: [{ type: 'button', action_id: GOAL_REMINDERS_OFF_ACTION, text: { type: 'plain_text', text: 'Stop' }, value: 'off' }] }],
    }),
  });
  const json = (await res.json()) as { ok: boolean; channel: string; ts: string };
  expect(json.ok).toBe(true);
  return { channel: json.channel, ts: json.ts };
}

describe('"goal reminders off" from someone Leadwell has never stored', () => {
  it('is looked up and switched off, with a plain answer and no FOREIGN KEY error', async () => {
    const newcomer = t.emulator.addUser({ name: 'nina', realName: 'Nina New', tz: 'UTC' }).id;
    expect(await person(newcomer)).toBeUndefined();
    const where = await postReminderButton(newcomer);
    const res = await t.driver.clickButton(newcomer, { actionId: GOAL_REMINDERS_OFF_ACTION, where });
    expect(res.status).toBe(200);
    const answer = await t.emulator.waitFor(() => t.emulator.dms(newcomer).find((m) => m.text.includes('no more monthly goal reminders')), { timeoutMs: 4000 });
    expect(answerProblems([answer.text, answer.blocks])).toEqual([]);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM goal_reminder_opt_outs WHERE person_id = ?', newcomer)).toBe(1);
    expect(failedLogs()).toEqual([]);
  });

  it('from someone Slack does not know (another workspace): a friendly refusal, nothing written', async () => {
    const where = await postReminderButton(t.people.alice);
    const payload = {
      type: 'block_actions',
      team: { id: 'T0LEADWELL', domain: 'leadwell' },
      user: { id: 'W0OTHERORG', team_id: 'T0ELSEWHERE', username: 'stranger', name: 'stranger' },
      api_app_id: 'A0LEADWELL',
      token: 'legacy',
      trigger_id: t.emulator.issueTrigger(t.people.alice),
      container: { type: 'message', message_ts: where.ts, channel_id: where.channel, is_ephemeral: false },
      channel: { id: where.channel, name: 'directmessage' },
      response_url: t.emulator.issueResponseUrl({ userId: t.people.alice, channelId: where.channel, messageTs: where.ts }),
      actions: [{ type: 'button', action_id: GOAL_REMINDERS_OFF_ACTION, block_id: 'r', value: 'off', action_ts: '1700000000.000001', text: { type: 'plain_text', text: 'Stop' } }],
    };
    const res = await signedPost(t.eventsUrl, `payload=${encodeURIComponent(JSON.stringify(payload))}`, { secret: SIGNING_SECRET });
    expect(res.status).toBe(200);
    await t.emulator.waitFor(() => t.emulator.calls.some((c) => c.method === 'response_url'), { timeoutMs: 4000 });
    const said = JSON.stringify(t.emulator.calls.filter((c) => c.method === 'response_url').map((c) => c.args));
    expect(said).toContain("couldn't find you in this workspace");
    expect(said).not.toMatch(/FOREIGN KEY|SqliteError/i);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM goal_reminder_opt_outs')).toBe(0);
    expect(await person('W0OTHERORG')).toBeUndefined();
    expect(failedLogs()).toEqual([]);
  });
});

describe('user_change about people outside the installed workspace', () => {
  const stranger = (team: string) => ({ id: 'U0STRANGER', team_id: team, name: 'mallory', real_name: 'Mallory', tz: 'UTC', profile: { display_name: 'mallory' } });

  it('a Slack Connect / forged profile from another team creates nobody', async () => {
    const res = await t.driver.event('user_change', { user: stranger('T0ELSEWHERE') });
    expect(res.status).toBe(200);
    await t.emulator.waitFor(() => t.logs.some((l) => l.includes('user_change from another workspace ignored')), { timeoutMs: 4000 });
    expect(await person('U0STRANGER')).toBeUndefined();
  });

  it('a signed envelope claiming another team creates nobody', async () => {
    const body = JSON.stringify({
      token: 'legacy', team_id: 'T0ELSEWHERE', api_app_id: 'A0LEADWELL', type: 'event_callback', event_id: 'Ev0FORGED1', event_time: 1,
      event: { type: 'user_change', user: stranger('T0ELSEWHERE'), event_ts: '1.0' },
      authorizations: [{ team_id: 'T0ELSEWHERE', user_id: 'U0LEADWELL', is_bot: true }],
    });
    expect((await signedPost(t.eventsUrl, body, { secret: SIGNING_SECRET })).status).toBe(200);
    await t.emulator.waitFor(() => t.logs.some((l) => l.includes('user_change from another workspace ignored')), { timeoutMs: 4000 });
    expect(await person('U0STRANGER')).toBeUndefined();
  });

  it('a profile change in this workspace still updates the person (control)', async () => {
    await t.driver.event('user_change', { user: stranger('T0LEADWELL') });
    await until(async () => (await person('U0STRANGER')) !== undefined);
    expect(await person('U0STRANGER')).toEqual({ id: 'U0STRANGER', team_id: 'T0LEADWELL' });
  });
});
