import { startHarness, type Harness } from '../helpers/harness';
import { kudosSteps } from './e2e-helpers';

let t: Harness;
let k: ReturnType<typeof kudosSteps>;
beforeEach(async () => {
  // Three posts a minute: one every 20 seconds, no burst. A wait that long ends a dispatcher run instead of sleeping
  // (the harness's clock only moves when the test moves it).
  t = await startHarness({ env: { NUDGE_RATE_PER_MINUTE: '3' } });
  k = kudosSteps(t);
});
afterEach(async () => {
  expect(t.emulator.violations()).toEqual([]);
  await t.stop();
});

const postCalls = () => t.emulator.calls.filter((c) => c.method === 'chat.postMessage' && c.ok).length;
const outboxOf = async (kudosId: number) =>
  (await t.query<{ kind: string; status: string }>('SELECT kind, status FROM outbox WHERE group_key = ? ORDER BY id', `kudos:${kudosId}`)).map((r) => `${r.kind}:${r.status}`);
const dispatchAfter = async (ms: number) => {
  t.clock.advance(ms);
  await t.leadwell.scheduler.runNow('outbox-dispatcher');
};

/**
 * Kudos given faster than the workspace's chat.postMessage rate (what 300 kudos a second meets against Slack's tier):
 * the giver is answered at once, each kudos and its messages are stored once and wait their turn, a double submit adds
 * nothing, and later dispatcher runs post each message once, never above the rate.
 */
describe('/kudos when the post rate is spent', () => {
  it('answers at once, queues each message once, and posts them later at the rate, once each', async () => {
    const { manager: maria, alice, bob } = t.people;
    const first = await k.command(maria, '@alice @bob thanks for untangling the release checklist #craft');
    expect(first.text).toMatch(/^Kudos sent to/);
    // Posted, but the DMs wait for a slot: the answer says so instead of claiming they arrived.
    expect(JSON.stringify(first.blocks)).toContain('It is posted in');
    expect(JSON.stringify(first.blocks)).toContain('direct messages are queued');
    expect(postCalls()).toBe(1); // the channel post took the one slot; the DMs wait
    const again = await k.command(maria, '@alice @bob thanks for untangling the release checklist #craft'); // a double submit
    expect(again.text).toMatch(/already sent these kudos/);

    const [row] = await k.kudosRows();
    expect(await k.count('SELECT COUNT(*) AS n FROM kudos')).toBe(1);
    const id = row?.id as number;
    // Each message once; the waiting ones have their attempt back; the giver's confirmation waits behind them.
    expect(await outboxOf(id)).toEqual(['kudos.post:sent', 'kudos.recipient:planned', 'kudos.recipient:planned', 'kudos.confirm:planned']);
    expect(await k.count('SELECT COUNT(*) AS n FROM outbox WHERE attempts > 0 AND status = ?', 'planned')).toBe(0);

    await dispatchAfter(10_000); // too early: nothing
    expect(postCalls()).toBe(1);
    await dispatchAfter(10_000); // one slot: Alice's DM
    expect(postCalls()).toBe(2);
    await dispatchAfter(20_000); // Bob's
    await dispatchAfter(20_000); // then the confirmation, once both are settled
    expect(await outboxOf(id)).toEqual(['kudos.post:sent', 'kudos.recipient:sent', 'kudos.recipient:sent', 'kudos.confirm:sent']);
    expect(postCalls()).toBe(4);
    expect([t.emulator.dms(alice).length, t.emulator.dms(bob).length, t.emulator.dms(maria).length, k.posts().length]).toEqual([1, 1, 1, 1]);
    expect(JSON.stringify(t.emulator.dms(maria))).toContain('posted');

    await dispatchAfter(60_000); // later passes send nothing more
    expect(postCalls()).toBe(4);
    // Never faster than the rate: each post at least 20 s of the app's clock after the one before (the app stamps none,
    // so read the order of the outbox rows' updates).
    const sentAt = (await t.query<{ updated_at: number }>('SELECT updated_at FROM outbox WHERE status = ? ORDER BY updated_at', 'sent')).map((r) => Number(r.updated_at));
    expect(sentAt.slice(1).map((at, i) => at - (sentAt[i] as number))).toEqual([20_000, 20_000, 20_000]);
  });
});
