import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { GIVE_KUDOS_SHORTCUT } from '../../src/slack/ui/shortcut-ids';
import {
  KUDOS_MESSAGE_ACTION, KUDOS_MESSAGE_BLOCK, KUDOS_POST_ACTION, KUDOS_POST_BLOCK, KUDOS_RECIPIENTS_ACTION, KUDOS_RECIPIENTS_BLOCK,
  KUDOS_VALUE_ACTION, KUDOS_VALUE_BLOCK,
} from '../../src/slack/ui/kudos-modal';
import { answerProblems } from './hostile';

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
const kudosRows = () => t.db.prepare('SELECT id, giver_id, post_status, post_ts FROM kudos ORDER BY id').all() as Array<{ id: number; giver_id: string; post_status: string; post_ts: string | null }>;
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
  it('/kudos: stored, the giver is told in plain words through the response_url, posted once when Slack is back', async () => {
    const { manager: maria } = t.people;
    const answer = await commandDuringOutage(maria, '/kudos', '@bob Rebuilt the deploy pipeline over the weekend #Ownership');
    const blocks = JSON.stringify(answer.blocks);
    expect(blocks).toContain('it is saved and I will try again');
    expect(blocks).toContain('Slack did not answer');
    expect(blocks).not.toContain('slack_webapi');
    const [row] = kudosRows();
    expect(row).toMatchObject({ giver_id: maria, post_status: 'failed', post_ts: null });
    t.emulator.clearFaults();
    await t.leadwell.scheduler.runNow('kudos-retry');
    await t.leadwell.scheduler.runNow('kudos-retry');
    expect(kudosRows()[0]).toMatchObject({ post_status: 'posted' });
    expect(t.emulator.messages(t.kudosChannel).filter((m) => JSON.stringify(m).includes('deploy pipeline'))).toHaveLength(1);
    await stillServing(maria);
  }, 30000);

  it('the modal: acked in time, the kudos is kept, the error has a reference in the log, posted once when Slack is back', async () => {
    const { manager: maria, alice } = t.people;
    await t.driver.globalShortcut(maria, GIVE_KUDOS_SHORTCUT);
    await t.emulator.waitFor(() => t.emulator.openView(maria), { timeoutMs: 4000 });
    t.driver.fillView(maria, {
      [KUDOS_RECIPIENTS_BLOCK]: { [KUDOS_RECIPIENTS_ACTION]: [alice] },
      [KUDOS_VALUE_BLOCK]: { [KUDOS_VALUE_ACTION]: 'Ownership' },
      [KUDOS_MESSAGE_BLOCK]: { [KUDOS_MESSAGE_ACTION]: 'Kept the release train running through the storm.' },
      [KUDOS_POST_BLOCK]: { [KUDOS_POST_ACTION]: ['post'] },
    });
    const before = kudosRows().length;
    outage();
    const started = Date.now();
    const res = await t.driver.submitView(maria);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(3000);
    // The post, the recipient's DM and the giver's confirmation all fail; the giver's confirmation goes to the error handler.
    const failure = await t.emulator.waitFor(() => t.logs.find((l) => l.includes('"listener":"view:kudos_modal"') && l.includes('listener failed')), { timeoutMs: 15000 });
    const ref = /"ref":"([0-9a-f]{8})"/.exec(failure)?.[1];
    expect(ref).toBeDefined();
    await t.emulator.waitFor(() => t.logs.some((l) => l.includes(`"ref":"${ref}"`) && l.includes('could not tell the user')), { timeoutMs: 15000 });
    const rows = kudosRows();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ giver_id: maria, post_status: 'failed' });
    t.emulator.clearFaults();
    await t.leadwell.scheduler.runNow('kudos-retry');
    await t.leadwell.scheduler.runNow('kudos-retry');
    expect(kudosRows().at(-1)).toMatchObject({ post_status: 'posted' });
    expect(t.emulator.messages(t.kudosChannel).filter((m) => JSON.stringify(m).includes('release train'))).toHaveLength(1);
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
