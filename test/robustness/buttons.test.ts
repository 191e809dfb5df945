import { BOT_TOKEN, setTeam, startHarness, type Harness } from '../helpers/harness';
import * as Home from '../../src/slack/ui/home-ids';
import * as Prep from '../../src/slack/ui/prep-card';
import * as Nudge from '../../src/slack/ui/nudge-message';
import { TEAM_PREP_ACTION } from '../../src/slack/ui/one-on-one-team';
import { LOG_ADD_ITEM_ACTION } from '../../src/slack/ui/one-on-one-log-modal';
import { ADMIN_LEVEL_ACTION } from '../../src/slack/ui/settings-admin-level';
import { GOAL_CHECK_IN_ACTION } from '../../src/slack/ui/goal-format';
import { GOAL_MENU_ACTION, GOAL_NEW_ACTION } from '../../src/slack/ui/goal-messages';
import { GOAL_REMINDERS_OFF_ACTION } from '../../src/slack/ui/goal-reminder';
import { PLAN_OPEN_ACTION } from '../../src/slack/ui/plan-blocks';
import { PULSE_ANSWER_ACTION } from '../../src/slack/ui/pulse-message';
import { answerProblems } from './hostile';
import { rowsInEach } from '../helpers/db-reads';

/** Every action id the app registers (src/slack/listeners/index.ts), and one it never did (an old message's button). */
const ACTION_IDS = [
  TEAM_PREP_ACTION, Prep.PREP_OTHER_QUESTIONS_ACTION, Prep.PREP_LEVEL_ACTION, Prep.PREP_SEND_AGENDA_ACTION, Prep.PREP_LOG_ACTION,
  LOG_ADD_ITEM_ACTION, Home.HOME_PREP_ACTION, Home.HOME_LOG_ACTION, Home.HOME_KUDOS_ACTION, Home.HOME_REPORT_MENU_ACTION,
  Home.HOME_PAGE_PREV_ACTION, Home.HOME_PAGE_NEXT_ACTION, Home.HOME_EDIT_TEAM_ACTION, Home.HOME_SETTINGS_ACTION,
  Home.HOME_NUDGES_TOGGLE_ACTION, ADMIN_LEVEL_ACTION, GOAL_NEW_ACTION, GOAL_CHECK_IN_ACTION, GOAL_MENU_ACTION,
  GOAL_REMINDERS_OFF_ACTION, PLAN_OPEN_ACTION, Nudge.NUDGE_PREP_ACTION, Nudge.NUDGE_KUDOS_ACTION, Nudge.NUDGE_SNOOZE_ACTION,
  Nudge.NUDGE_PAUSE_ACTION, Nudge.NUDGE_USEFUL_ACTION, Nudge.NUDGE_NOT_USEFUL_ACTION, PULSE_ANSWER_ACTION, 'retired_action_v0',
];

const GARBAGE = [
  '', 'null', '-1', '99999999999999999999', "x'; DROP TABLE people; --", '{"reportId":"UNOTREAL","n":"abc"}',
  '__proto__', '<!channel>', 'U'.repeat(1900), 'report:UNOTREAL', 'executive:admin',
];

const SELECTS_BLOCK = 'tampered_selects';
const SELECT_IDS = [Prep.PREP_LEVEL_ACTION, Home.HOME_REPORT_MENU_ACTION, GOAL_MENU_ACTION];

/** Tables a stray click must never add to. */
const GUARDED = ['one_on_ones', 'action_items', 'kudos', 'kudos_recipients', 'goals', 'goal_check_ins', 'pulse_responses', 'pulse_receipts'];

let t: Harness;
beforeAll(async () => {
  t = await startHarness();
  await setTeam(t, t.people.manager, [t.people.alice, t.people.bob]);
});
afterAll(async () => {
  await t.stop();
});

/** Posts, as the app's bot, a DM carrying the app's own action ids with a tampered value (what a forged or stale message would hold). */
async function postTampered(userId: string, value: string): Promise<{ channel: string; ts: string }> {
  const chunks: string[][] = [];
  for (let i = 0; i < ACTION_IDS.length; i += 20) chunks.push(ACTION_IDS.slice(i, i + 20));
  const blocks: Array<Record<string, unknown>> = chunks.map((ids, n) => ({
    type: 'actions',
    block_id: `tampered_${n}`,
    elements: ids.map((id) => ({ type: 'button', action_id: id, text: { type: 'plain_text', text: id.slice(0, 70) }, ...(value ? { value } : {}) })),
  }));
  // The app's select menus, with an option the app never offered.
  blocks.push({
    type: 'actions',
    block_id: SELECTS_BLOCK,
    elements: SELECT_IDS.map((id) => ({
      type: 'static_select',
      action_id: id,
      placeholder: { type: 'plain_text', text: 'pick' },
      options: [{ text: { type: 'plain_text', text: 'junk' }, value: value.slice(0, 150) || 'x' }],
    })),
  });
  const res = await fetch(`${t.emulator.url}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ channel: userId, text: 'tampered', blocks }),
  });
  const json = (await res.json()) as { ok: boolean; channel: string; ts: string; error?: string };
  if (!json.ok) throw new Error(`could not post the tampered message: ${json.error}`);
  return { channel: json.channel, ts: json.ts };
}

const counts = () => rowsInEach(t, GUARDED);
const failedLogs = () => t.logs.filter((l) => /"level":50/.test(l));
const seenBy = (userId: string) => ({ e: t.emulator.ephemerals(userId), d: t.emulator.dms(userId), v: t.emulator.openView(userId) });

describe.each([['manager', () => t.people.manager], ['outsider', () => t.people.carol]])('as the %s', (_who, user) => {
  it('every action id with a tampered value is acked in time and answered kindly or ignored, never crashes', async () => {
    const userId = user();
    const before = await counts();
    const failures: string[] = [];
    let answered = 0;
    for (const value of GARBAGE) {
      let where = await postTampered(userId, value);
      const targets = [...ACTION_IDS.map((id) => ({ actionId: id, select: false })), ...SELECT_IDS.map((id) => ({ actionId: id, select: true }))];
      for (const { actionId, select } of targets) {
        // An earlier click may have replaced the message (replace_original): post a fresh one.
        const still = t.emulator.dms(userId).find((m) => m.ts === where.ts);
        if (!JSON.stringify(still?.blocks ?? []).includes(`"${actionId}"`)) where = await postTampered(userId, value);
        while (t.emulator.openView(userId)) await t.driver.closeView(userId);
        const logsBefore = failedLogs().length;
        const shownBefore = seenBy(userId);
        const started = Date.now();
        const res = await t.driver.clickButton(userId, select
          ? { actionId, where, blockId: SELECTS_BLOCK, value: value.slice(0, 150) || 'x' }
          : { actionId, where, ...(value ? { value } : {}) });
        const label = `${select ? 'select ' : ''}${actionId}=${JSON.stringify(value.slice(0, 30))}`;
        if (res.status !== 200) failures.push(`${label}: HTTP ${res.status}`);
        if (Date.now() - started > 3000) failures.push(`${label}: ack after 3 s`);
        await new Promise((r) => setTimeout(r, 15)); // let the work after the ack land
        const failed = failedLogs().slice(logsBefore);
        if (failed.length > 0) failures.push(`${label}: listener failed ${failed[0]?.slice(0, 300)}`);
        const shown = seenBy(userId);
        const fresh = { e: shown.e.slice(shownBefore.e.length), d: shown.d.slice(shownBefore.d.length), v: shown.v === shownBefore.v ? undefined : shown.v };
        const problems = answerProblems({ e: fresh.e.map((m) => [m.text, m.blocks]), d: fresh.d.map((m) => [m.text, m.blocks]), v: fresh.v && [fresh.v.title, fresh.v.blocks] }, value);
        if (fresh.e.length + fresh.d.length > 0 || fresh.v) answered += 1;
        if (problems.length > 0) failures.push(`${label}: ${problems.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
    // Not vacuous: most clicks reached a listener that answered (a notice, a modal, a refreshed card).
    expect(answered).toBeGreaterThan(GARBAGE.length * 10);
    expect(await counts()).toEqual(before);
    expect(t.emulator.violations()).toEqual([]);
  }, 120000);
});
