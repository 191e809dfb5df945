import { startHarness, type Harness } from '../helpers/harness';
import { startSecondInstance, type SecondInstance } from '../helpers/second-instance';
import { until } from '../helpers/db-reads';
import type { Driver } from '../../tools/emulator';
import { PREP_SEND_AGENDA_ACTION } from '../../src/slack/ui/prep-card';
import { AGENDA_CLAIM_MS } from '../../src/domain/one-on-ones-service';
import type { EngineName } from '../helpers/engines';
import { warmPostgres } from '../helpers/postgres';

/**
 * The "Send agenda" double-click guard holds across app instances on one database (two replicas behind a load
 * balancer): two clicks landing on two instances send one agenda; a failed send gives the claim back so the
 * manager can retry on any instance; an instance that dies holding the claim blocks the manager for a minute,
 * not for ever. On SQLite (one file) and PostgreSQL (PGlite shared by both apps, or the TEST_DATABASE_URL server).
 */
describe.each<EngineName>(['sqlite', 'postgres'])('the agenda guard across two instances [%s]', (engine) => {
  let h: Harness;
  let second: SecondInstance | undefined;
  let other: Driver;
  let maria: string;
  let alice: string;

  // PGlite starts once per file under a budget of its own, as the *.pg.test.ts suites get from jest-setup.
  if (engine === 'postgres') beforeAll(() => warmPostgres(), 120_000);

  beforeEach(async () => {
    h = await startHarness({ engine });
    second = await startSecondInstance(h);
    other = h.emulator.driver({ kind: 'http', url: second.eventsUrl });
    ({ manager: maria, alice } = h.people);
  });
  afterEach(async () => {
    expect(h.emulator.violations()).toEqual([]);
    await second?.stop();
    await h.stop();
  });

  const shown = () => JSON.stringify(h.emulator.ephemerals(maria));
  const refusals = () => h.emulator.ephemerals(maria).filter((e) => e.text?.includes('already has this agenda')).length;
  const heldClaims = async () => Number((await h.query<{ n: number }>("SELECT COUNT(*) AS n FROM seen_requests WHERE request_key LIKE 'claim:agenda:%'"))[0]?.n);
  async function prepCard(): Promise<void> {
    const before = h.emulator.ephemerals(maria).length;
    expect((await h.driver.command(maria, '/oneonone', '@alice')).status).toBe(200);
    await h.emulator.waitFor(() => h.emulator.ephemerals(maria).length > before, { timeoutMs: 4000 });
  }
  const click = (driver: Driver) => driver.clickButton(maria, { actionId: PREP_SEND_AGENDA_ACTION });

  it('a second click on the other instance, while the first is still sending, sends nothing', async () => {
    await prepCard();
    // The first agenda DM is slow, so the second click lands while it is on its way (as a real double click does).
    h.emulator.inject('chat.postMessage', { type: 'delay', ms: 1500 });
    expect((await click(h.driver)).status).toBe(200);
    await until(async () => (await heldClaims()) === 1);
    expect((await click(other)).status).toBe(200);
    await h.emulator.waitFor(() => refusals() === 1, { timeoutMs: 4000 });
    await h.emulator.waitFor(() => shown().includes('Agenda sent'), { timeoutMs: 5000 });
    expect(h.emulator.dms(alice)).toHaveLength(1);
    // Sent: the claim is given back (the sent event now answers), and a later click on either instance is refused.
    expect(await heldClaims()).toBe(0);
    await prepCard();
    await Promise.all([click(h.driver), click(other)]);
    await h.emulator.waitFor(() => refusals() === 3, { timeoutMs: 4000 });
    expect(h.emulator.dms(alice)).toHaveLength(1);
  });

  it('two clicks at the same moment on two instances send one agenda', async () => {
    await prepCard();
    h.emulator.inject('chat.postMessage', { type: 'delay', ms: 500 });
    await Promise.all([click(h.driver), click(other)]);
    await h.emulator.waitFor(() => refusals() === 1 && shown().includes('Agenda sent'), { timeoutMs: 5000 });
    expect(h.emulator.dms(alice)).toHaveLength(1);
    const sent = await h.query<{ n: number }>("SELECT COUNT(*) AS n FROM events WHERE kind = 'one_on_one.agenda_sent'");
    expect(Number(sent[0]?.n)).toBe(1);
  });

  it('a send that fails gives the claim back: the retry on the other instance goes out', async () => {
    await prepCard();
    h.emulator.inject('chat.postMessage', { type: 'error', error: 'account_inactive' });
    await click(h.driver);
    await h.emulator.waitFor(() => shown().includes("couldn't DM"), { timeoutMs: 4000 });
    expect(await heldClaims()).toBe(0);
    await prepCard();
    await click(other);
    await h.emulator.waitFor(() => h.emulator.dms(alice).length === 1 && shown().includes('Agenda sent'), { timeoutMs: 4000 });
    expect(refusals()).toBe(0);
  });

  it('an instance that dies holding the claim blocks the manager for a minute, not for ever', async () => {
    await prepCard();
    // The second instance claims the send, as its listener does first, and is gone before sending anything.
    expect(await second!.leadwell.slack.deps.oneOnOnes.claimAgenda(maria, alice)).toBeDefined();
    await second!.stop();
    second = undefined;
    await click(h.driver);
    await h.emulator.waitFor(() => refusals() === 1, { timeoutMs: 4000 });
    expect(h.emulator.dms(alice)).toHaveLength(0);
    h.clock.advance(AGENDA_CLAIM_MS);
    await prepCard();
    await click(h.driver);
    await h.emulator.waitFor(() => h.emulator.dms(alice).length === 1 && shown().includes('Agenda sent'), { timeoutMs: 4000 });
  });
});
