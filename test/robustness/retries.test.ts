import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { GIVE_KUDOS_SHORTCUT } from '../../src/slack/ui/shortcut-ids';
import {
  KUDOS_MESSAGE_ACTION, KUDOS_MESSAGE_BLOCK, KUDOS_POST_ACTION, KUDOS_POST_BLOCK, KUDOS_RECIPIENTS_ACTION, KUDOS_RECIPIENTS_BLOCK,
  KUDOS_MODAL_CALLBACK, KUDOS_VALUE_ACTION, KUDOS_VALUE_BLOCK,
} from '../../src/slack/ui/kudos-modal';
import { LOG_MODAL_CALLBACK } from '../../src/slack/ui/one-on-one-log-modal';
import { GOAL_MODAL_CALLBACK } from '../../src/slack/ui/goal-modal';
import { viewJson } from '../../tools/emulator/serialize';
import { currentValues } from '../../tools/emulator/driver-modals';
import { teamJson, userRef, VERIFICATION_TOKEN } from '../../tools/emulator/driver-payloads';
import type { Json } from '../../tools/emulator';
import { sendInteractive } from './raw';
import { count as countRows } from '../helpers/db-reads';

let t: Harness;
beforeAll(async () => {
  t = await startHarness();
  await setTeam(t, t.people.manager, [t.people.alice, t.people.bob]);
});
afterAll(async () => {
  await t.stop();
});
afterEach(() => {
  expect(t.emulator.violations()).toEqual([]);
});

/** Through `t.query`, so the suite reads the same on SQLite and PostgreSQL. */
const count = (sql: string, ...params: unknown[]) => countRows(t, sql, ...params);

/** The exact view_submission Slack would send for the user's filled top modal (to send it more than once). */
function submissionOfTopModal(userId: string): Json {
  const view = t.emulator.state.modals.get(userId)?.at(-1);
  const user = t.emulator.state.users.get(userId);
  if (!view || !user) throw new Error('no modal');
  return {
    type: 'view_submission', team: teamJson(t.emulator.state), user: userRef(t.emulator.state, user), api_app_id: t.emulator.state.team.appId,
    token: VERIFICATION_TOKEN, trigger_id: t.emulator.issueTrigger(userId), view: { ...viewJson(view), state: { values: currentValues(view) } },
    response_urls: [], is_enterprise_install: false, enterprise: null,
  };
}

/** Closes whatever is open (raw submissions leave the emulator's modal in place), opens one and waits for it. */
async function openFresh(userId: string, callbackId: string, open: () => Promise<unknown>) {
  while (t.emulator.openView(userId)) await t.driver.closeView(userId);
  await open();
  return t.emulator.waitFor(() => (t.emulator.openView(userId)?.callback_id === callbackId ? t.emulator.openView(userId) : undefined), { timeoutMs: 4000 });
}

async function filledKudosModal(giver: string, recipient: string, message: string): Promise<Json> {
  await openFresh(giver, KUDOS_MODAL_CALLBACK, () => t.driver.globalShortcut(giver, GIVE_KUDOS_SHORTCUT));
  t.driver.fillView(giver, {
    [KUDOS_RECIPIENTS_BLOCK]: { [KUDOS_RECIPIENTS_ACTION]: [recipient] },
    [KUDOS_VALUE_BLOCK]: { [KUDOS_VALUE_ACTION]: 'Ownership' },
    [KUDOS_MESSAGE_BLOCK]: { [KUDOS_MESSAGE_ACTION]: message },
    [KUDOS_POST_BLOCK]: { [KUDOS_POST_ACTION]: ['post'] },
  });
  return submissionOfTopModal(giver);
}

describe('double clicks and Slack retries', () => {
  it('a kudos modal submitted twice at once, then again later, is stored, posted and DMed once', async () => {
    const { manager: maria, alice } = t.people;
    const payload = await filledKudosModal(maria, alice, 'Turned the outage review into a checklist everyone uses.');
    const [a, b] = await Promise.all([sendInteractive(t, payload), sendInteractive(t, payload)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await t.emulator.waitFor(() => t.emulator.messages(t.kudosChannel).length > 0, { timeoutMs: 4000 });
    const late = await sendInteractive(t, { ...payload, trigger_id: t.emulator.issueTrigger(maria) });
    expect(late.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await count('SELECT COUNT(*) AS n FROM kudos WHERE giver_id = ?', maria)).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM kudos_recipients')).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM events WHERE kind = 'kudos.given'")).toBe(1);
    expect(t.emulator.messages(t.kudosChannel)).toHaveLength(1);
    expect(t.emulator.dms(alice).filter((m) => JSON.stringify(m).includes('checklist'))).toHaveLength(1);
    expect(t.emulator.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === t.kudosChannel)).toHaveLength(1);
  });

  it('an event delivered again with X-Slack-Retry-Num is processed once', async () => {
    const { bob } = t.people;
    const publishes = () => t.emulator.calls.filter((c) => c.method === 'views.publish' && c.args.user_id === bob).length;
    const first = await t.driver.openHome(bob);
    expect(first.status).toBe(200);
    await t.emulator.waitFor(() => t.emulator.home(bob), { timeoutMs: 4000 });
    await new Promise((r) => setTimeout(r, 200));
    const after = publishes();
    expect(after).toBeGreaterThan(0);
    const retried = await first.retry();
    const again = await retried.retry(2, 'http_error');
    expect([retried.status, again.status]).toEqual([200, 200]);
    await new Promise((r) => setTimeout(r, 300));
    expect(publishes()).toBe(after);
    expect(t.logs.filter((l) => l.includes('duplicate event delivery ignored') && l.includes(first.eventId))).toHaveLength(2);
    // A new event (a new event_id) is processed: the retry guard is per delivery, not per person.
    await t.driver.openHome(bob);
    await t.emulator.waitFor(() => publishes() > after, { timeoutMs: 4000 });
  });

  it('weekly nudge jobs that overlap send one nudge', async () => {
    const { manager: maria } = t.people;
    await Promise.all([t.leadwell.scheduler.runNow('weekly-nudges'), t.leadwell.scheduler.runNow('weekly-nudges')]);
    await Promise.all([t.leadwell.scheduler.runNow('outbox-dispatcher'), t.leadwell.scheduler.runNow('outbox-dispatcher')]);
    await t.leadwell.scheduler.runNow('outbox-dispatcher');
    const nudges = t.emulator.dms(maria).filter((m) => String(m.text).startsWith('Your weekly Leadwell nudge'));
    expect(nudges).toHaveLength(1);
    expect(await count('SELECT COUNT(*) AS n FROM nudges WHERE person_id = ?', maria)).toBe(1);
  });

  it('a 1:1 log modal submitted twice at once, then again later, stores one 1:1', async () => {
    const { manager: maria } = t.people;
    await openFresh(maria, LOG_MODAL_CALLBACK, () => t.driver.command(maria, '/oneonone', 'log @bob'));
    const payload = submissionOfTopModal(maria);
    const [a, b] = await Promise.all([sendInteractive(t, payload), sendInteractive(t, payload)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const late = await sendInteractive(t, { ...payload, trigger_id: t.emulator.issueTrigger(maria) });
    // Each answer closes or updates the modal (the repeat says it was already saved); none is a field error.
    for (const r of [a, b, late]) expect(JSON.stringify(r.body)).not.toContain('"errors"');
    expect(JSON.stringify(late.body)).toContain('already saved');
    await new Promise((r) => setTimeout(r, 300));
    expect(await count('SELECT COUNT(*) AS n FROM one_on_ones WHERE manager_id = ? AND report_id = ?', maria, t.people.bob)).toBe(1);
  });

  it('a goal modal submitted twice at once stores one goal', async () => {
    const { alice } = t.people;
    await openFresh(alice, GOAL_MODAL_CALLBACK, () => t.driver.command(alice, '/goal', ''));
    t.driver.fillView(alice, { goal_title: { title: 'Write the on-call handbook' }, goal_visibility: { visibility: 'private' } });
    const payload = submissionOfTopModal(alice);
    const results = await Promise.all([sendInteractive(t, payload), sendInteractive(t, payload), sendInteractive(t, payload)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    for (const r of results) expect((r.body as { response_action?: string } | '') === '' || (r.body as { response_action?: string }).response_action !== 'errors').toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(await count('SELECT COUNT(*) AS n FROM goals WHERE owner_id = ?', alice)).toBe(1);
  });
});
