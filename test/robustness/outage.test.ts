import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { GIVE_KUDOS_SHORTCUT } from '../../src/slack/ui/shortcut-ids';
import {
  KUDOS_MESSAGE_ACTION, KUDOS_MESSAGE_BLOCK, KUDOS_POST_ACTION, KUDOS_POST_BLOCK, KUDOS_RECIPIENTS_ACTION, KUDOS_RECIPIENTS_BLOCK,
  KUDOS_VALUE_ACTION, KUDOS_VALUE_BLOCK,
} from '../../src/slack/ui/kudos-modal';
import { answerProblems } from './hostile';
import { SAVED_FOR_LATER } from '../../src/slack/listeners/views/kudos-submit';

let t: Harness;
beforeAll(async () => {
  t = await startHarness();
  await setTeam(t, t.people.manager, [t.people.alice, t.people.bob]);
  t.emulator.addUser({ name: 'dora', realName: 'Dora New', tz: 'UTC' });
});
afterAll(async () => {
  await t.stop();
});
afterEach(() => {
  t.emulator.clearFaults();
  expect(t.emulator.violations()).toEqual([]);
});

/** Every Web API call fails with a 503 (the client's 2 retries included) until the faults are cleared. */
const outage = () => t.emulator.inject('*', { type: 'http_error', status: 503 }, 50);
const kudosRows = () => t.query<{ id: number; giver_id: string; post_status: string; post_ts: string | null }>('SELECT id, giver_id, post_status, post_ts FROM kudos ORDER BY id');
const refIn = (text: string) => /reference `?([0-9a-f]{8})`?/.exec(text)?.[1];

async function stillServing(userId: string) {
  const before = t.emulator.ephemerals(userId).length;
  const res = await t.driver.command(userId, '/coach', 'help');
  expect(res.status).toBe(200);
  await t.emulator.waitFor(() => t.emulator.ephemerals(userId).length > before, { timeoutMs: 4000 });
}

async function commandDuringOutage(userId: string, command: string, text: string) {
  const before = t.emulator.ephemerals(userId).length;
  outage();
  const started = Date.now();
  const res = await t.driver.command(userId, command, text);
  expect(res.status).toBe(200);
  expect(Date.now() - started).toBeLessThan(3000);
  // response_url is not the Web API: it still works, so a private answer always arrives.
  const answer = await t.emulator.waitFor(() => t.emulator.ephemerals(userId).slice(before).at(-1), { timeoutMs: 15000 });
  expect(answerProblems([answer.text, answer.blocks])).toEqual([]);
  return answer;
}

describe('/oneonone @x during a Web API outage', () => {
  it('a report already known: the prep card needs no Web API and arrives', async () => {
    const answer = await commandDuringOutage(t.people.manager, '/oneonone', '@alice');
    expect(answer.text).toContain('1:1 prep for Alice Doe');
    t.emulator.clearFaults();
    await stillServing(t.people.manager);
  });

  it('someone never looked up: a friendly apology with a reference id that is in the log', async () => {
    const answer = await commandDuringOutage(t.people.manager, '/oneonone', '@dora');
    const ref = refIn(answer.text);
    expect(ref).toBeDefined();
    expect(JSON.stringify(answer.blocks)).toContain(ref);
    expect(t.logs.some((l) => l.includes(`"ref":"${ref}"`) && l.includes('listener failed'))).toBe(true);
    t.emulator.clearFaults();
    await stillServing(t.people.manager);
  }, 30000);
});

describe('giving kudos during a Web API outage', () => {
  const inChannel = (words: string) => t.emulator.messages(t.kudosChannel).filter((m) => JSON.stringify(m).includes(words));
  /** Slack is back: the outbox's backoff (a minute after the first failure) ends and the dispatcher runs. */
  async function slackIsBack() {
    t.emulator.clearFaults();
    t.clock.advance(2 * 60_000);
    await t.leadwell.scheduler.runNow('outbox-dispatcher');
    await t.leadwell.scheduler.runNow('outbox-dispatcher');
  }

  it('/kudos: stored, the giver is told in plain words that it waits for Slack, posted once when Slack is back, then a DM says so', async () => {
    const { manager: maria, bob } = t.people;
    const dmsBefore = t.emulator.dms(maria).length;
    const answer = await commandDuringOutage(maria, '/kudos', '@bob Rebuilt the deploy pipeline over the weekend #Ownership');
    const blocks = JSON.stringify(answer.blocks);
    expect(blocks).toContain('Slack is not answering right now: it is saved and will be posted in #kudos when Slack is back');
    expect(blocks).not.toContain('slack_webapi');
    const [row] = await kudosRows();
    expect(row).toMatchObject({ giver_id: maria, post_status: 'pending', post_ts: null });
    await slackIsBack();
    expect((await kudosRows())[0]).toMatchObject({ post_status: 'posted' });
    expect(inChannel('deploy pipeline')).toHaveLength(1);
    expect(t.emulator.dms(bob).filter((m) => JSON.stringify(m).includes('deploy pipeline'))).toHaveLength(1);
    // The giver hears once it is out, once.
    const confirmations = t.emulator.dms(maria).slice(dmsBefore);
    expect(confirmations).toHaveLength(1);
    expect(JSON.stringify(confirmations[0])).toContain(`It is posted in <#${t.kudosChannel}>`);
    await t.leadwell.scheduler.runNow('outbox-dispatcher');
    expect(inChannel('deploy pipeline')).toHaveLength(1);
    await stillServing(maria);
  }, 30000);

  it('the modal: acked in time with "saved — it will be posted when Slack is back", posted once when Slack is back, and the giver gets the confirmation DM', async () => {
    const { manager: maria, alice } = t.people;
    await t.driver.globalShortcut(maria, GIVE_KUDOS_SHORTCUT);
    await t.emulator.waitFor(() => t.emulator.openView(maria), { timeoutMs: 4000 });
    t.driver.fillView(maria, {
      [KUDOS_RECIPIENTS_BLOCK]: { [KUDOS_RECIPIENTS_ACTION]: [alice] },
      [KUDOS_VALUE_BLOCK]: { [KUDOS_VALUE_ACTION]: 'Ownership' },
      [KUDOS_MESSAGE_BLOCK]: { [KUDOS_MESSAGE_ACTION]: 'Kept the release train running through the storm.' },
      [KUDOS_POST_BLOCK]: { [KUDOS_POST_ACTION]: ['post'] },
    });
    const before = (await kudosRows()).length;
    const dmsBefore = t.emulator.dms(maria).length;
    outage();
    const started = Date.now();
    const res = await t.driver.submitView(maria);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(3000);
    // The answer went in the ack (no Web API needed): the modal says the kudos waits for Slack.
    expect(JSON.stringify(t.emulator.openView(maria)?.blocks)).toContain(SAVED_FOR_LATER);
    const rows = await kudosRows();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ giver_id: maria, post_status: 'pending' });
    expect(t.emulator.dms(maria).length).toBe(dmsBefore);
    await slackIsBack();
    expect((await kudosRows()).at(-1)).toMatchObject({ post_status: 'posted' });
    expect(inChannel('release train')).toHaveLength(1);
    expect(t.emulator.dms(alice).filter((m) => JSON.stringify(m).includes('release train'))).toHaveLength(1);
    const confirmations = t.emulator.dms(maria).slice(dmsBefore);
    expect(confirmations).toHaveLength(1);
    expect(JSON.stringify(confirmations[0])).toContain('It is posted in');
    await t.driver.closeView(maria);
    await stillServing(maria);
  }, 30000);
});

describe('commands that open a modal during a Web API outage', () => {
  it.each([['/oneonone', 'log @alice'], ['/kudos', ''], ['/goal', ''], ['/coach', 'settings'], ['/goal', 'plan']])('%s %s: the modal cannot open, so the user gets an apology with a reference id', async (command, text) => {
    const maria = t.people.manager;
    const answer = await commandDuringOutage(maria, command, text);
    const ref = refIn(answer.text);
    expect(ref).toBeDefined();
    expect(t.logs.some((l) => l.includes(`"ref":"${ref}"`))).toBe(true);
    expect(t.emulator.openView(maria)).toBeUndefined();
    t.emulator.clearFaults();
    await stillServing(maria);
  }, 30000);
});
