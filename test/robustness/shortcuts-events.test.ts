import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { GIVE_KUDOS_SHORTCUT, KUDOS_FOR_MESSAGE_SHORTCUT } from '../../src/slack/ui/shortcut-ids';
import { KUDOS_MESSAGE_ACTION, KUDOS_MESSAGE_BLOCK, KUDOS_MODAL_CALLBACK, KUDOS_VALUE_ACTION, KUDOS_VALUE_BLOCK } from '../../src/slack/ui/kudos-modal';
import { answerProblems, rowCounts } from './hostile';
import { rowsIn, until } from '../helpers/db-reads';

let t: Harness;
let channel: string;
beforeAll(async () => {
  t = await startHarness();
  await setTeam(t, t.people.manager, [t.people.alice, t.people.bob]);
  channel = t.emulator.addChannel({ name: 'eng', botMember: true }).id;
});
afterAll(async () => {
  await t.stop();
});
afterEach(() => {
  expect(t.emulator.violations()).toEqual([]);
});

const failedLogs = () => t.logs.filter((l) => /"level":50/.test(l));

describe('"Give kudos for this" on awkward messages', () => {
  const cases: Array<[string, () => string, string]> = [
    ['a bot', () => t.people.bot, 'Deploy 4711 finished'],
    ['a deactivated person', () => t.people.gone, 'Last day, thanks all'],
    ['yourself', () => t.people.manager, 'I fixed it myself'],
    ['someone, with a broadcast and markup', () => t.people.alice, '<!channel> *_~` fixed <@UNOTREAL|ghost> &lt;&gt;'],
    ['someone, very long', () => t.people.bob, 'long '.repeat(8000)],
  ];
  it.each(cases)('by %s: the modal opens cleanly, and a submit without a real recipient is refused on the field', async (_case, author, text) => {
    const maria = t.people.manager;
    while (t.emulator.openView(maria)) await t.driver.closeView(maria);
    const logsBefore = failedLogs().length;
    const message = t.emulator.postAs(author(), channel, text);
    const res = await t.driver.messageShortcut(maria, KUDOS_FOR_MESSAGE_SHORTCUT, { channel, ts: message.ts });
    expect(res.status).toBe(200);
    const view = await t.emulator.waitFor(() => t.emulator.openView(maria), { timeoutMs: 4000 });
    expect(view.callback_id).toBe(KUDOS_MODAL_CALLBACK);
    expect(answerProblems([view.title, view.blocks])).toEqual([]);
    const before = await rowCounts(t);
    t.driver.fillView(maria, { [KUDOS_VALUE_BLOCK]: { [KUDOS_VALUE_ACTION]: 'Ownership' }, [KUDOS_MESSAGE_BLOCK]: { [KUDOS_MESSAGE_ACTION]: 'For this message, thank you!' } });
    const submitted = await t.driver.submitView(maria);
    if (author() === t.people.alice || author() === t.people.bob) {
      // A real colleague: the kudos goes through once, and the message text itself is never reposted.
      expect(submitted.errors).toBeUndefined();
      await until(async () => (await rowsIn(t, 'kudos')) === (before.kudos ?? 0) + 1);
      expect(JSON.stringify(t.emulator.messages(t.kudosChannel))).not.toContain('<!channel>');
    } else {
      // The client refuses an empty recipients field itself; a prefilled bot or deactivated person is refused by the app.
      expect(Object.keys(submitted.errors ?? {})).not.toHaveLength(0);
      expect(answerProblems(Object.values(submitted.errors ?? {}))).toEqual([]);
      expect(await rowCounts(t)).toEqual(before);
    }
    expect(failedLogs().slice(logsBefore)).toEqual([]);
  });

  it('the global shortcut works for someone Leadwell never saw', async () => {
    const newcomer = t.emulator.addUser({ name: 'nia', realName: 'Nia New', tz: 'Pacific/Auckland' }).id;
    const res = await t.driver.globalShortcut(newcomer, GIVE_KUDOS_SHORTCUT);
    expect(res.status).toBe(200);
    const view = await t.emulator.waitFor(() => t.emulator.openView(newcomer), { timeoutMs: 4000 });
    expect(view.callback_id).toBe(KUDOS_MODAL_CALLBACK);
  });
});

describe('odd events', () => {
  const cases: Array<[string, string, () => Record<string, unknown>]> = [
    ['App Home opened by someone from another workspace', 'app_home_opened', () => ({ user: 'W0OTHERORG', channel: 'D0OTHER', tab: 'home' })],
    ['the Messages tab opened', 'app_home_opened', () => ({ user: t.people.alice, channel: 'D0ALICE', tab: 'messages' })],
    ['a user_change with a bare user', 'user_change', () => ({ user: { id: 'UNOTREAL' } })],
    ['a user_change with junk fields', 'user_change', () => ({ user: { id: t.people.bob, deleted: 'yes', tz: 'Mars/Olympus', profile: null, real_name: 42 } })],
    ['an event type nobody subscribed to', 'reaction_added', () => ({ user: t.people.alice, reaction: 'tada', item: {} })],
  ];
  // slack_deliveries is the retry guard itself: one row per event id is its job.
  // user_change keeps the people directory fresh (a row per profile is its job); other events add no one.
  const counts = async (type: string) => {
    const { slack_deliveries: _d, ...rest } = await rowCounts(t);
    return type === 'user_change' ? rest : { ...rest, people: await rowsIn(t, 'people') };
  };
  it.each(cases)('%s: acked at once, no failed listener, no data written', async (_case, type, event) => {
    const before = await counts(type);
    const logsBefore = failedLogs().length;
    const started = Date.now();
    const res = await t.driver.event(type, event());
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    await new Promise((r) => setTimeout(r, 300));
    expect(failedLogs().slice(logsBefore)).toEqual([]);
    expect(await counts(type)).toEqual(before);
  });

  it('a profile with a time zone this Node does not know breaks neither the nudge jobs nor the commands', async () => {
    const maria = t.people.manager;
    await t.driver.event('user_change', { user: { id: maria, team_id: 'T0LEADWELL', name: 'maria', real_name: 'Maria Manager', tz: 'Mars/Olympus', profile: { real_name: 'Maria Manager' } } });
    await until(async () => (await t.query<{ tz: string }>('SELECT tz FROM people WHERE id = ?', maria))[0]?.tz === 'Mars/Olympus', 2000);
    const logsBefore = failedLogs().length;
    await t.leadwell.scheduler.runNow('weekly-nudges');
    await t.leadwell.scheduler.runNow('outbox-dispatcher');
    for (const [command, text] of [['/oneonone', '@alice'], ['/coach', 'nudges'], ['/coach', 'report'], ['/goal', 'list']] as const) {
      const before = t.emulator.ephemerals(maria).length;
      expect((await t.driver.command(maria, command, text)).status).toBe(200);
      const answer = await t.emulator.waitFor(() => t.emulator.ephemerals(maria).slice(before).at(-1), { timeoutMs: 4000 });
      expect(answerProblems([answer.text, answer.blocks])).toEqual([]);
      expect(answer.text).not.toMatch(/something went wrong/i);
    }
    expect(failedLogs().slice(logsBefore)).toEqual([]);
  });

  it('the app still serves after them', async () => {
    const before = t.emulator.ephemerals(t.people.alice).length;
    expect((await t.driver.command(t.people.alice, '/coach', 'help')).status).toBe(200);
    await t.emulator.waitFor(() => t.emulator.ephemerals(t.people.alice).length > before);
  });
});
