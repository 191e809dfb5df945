import { startHarness, SIGNING_SECRET, type Harness } from '../helpers/harness';
import { startSecondInstance, type SecondInstance } from '../helpers/second-instance';
import { createAdjustableClock, type AdjustableClock } from '../../src/clock';
import { commandForm } from '../../tools/emulator/driver-payloads';
import { signRequest } from '../../tools/emulator/signing';
import { dmWith } from '../../tools/emulator/state';
import { rowsIn, until } from '../helpers/db-reads';

/**
 * Issue 15, item 6: a captured signed request replayed later, or sent to another instance, does nothing; a
 * timestamp far in the future is refused like a stale one. All through the real receiver and database.
 */
let h: Harness | undefined;
let second: SecondInstance | undefined;
let requestClock: AdjustableClock;

beforeEach(() => {
  requestClock = createAdjustableClock();
});
afterEach(async () => {
  await second?.stop();
  second = undefined;
  if (!h) return;
  expect(h.emulator.violations()).toEqual([]);
  await h.stop();
  h = undefined;
});

interface Captured {
  body: string;
  headers: Record<string, string>;
}

/** A `/kudos` exactly as Slack would sign it at `tsSec`: the bytes an attacker who captured it can resend. */
function capturedKudos(t: Harness, tsSec: number): Captured {
  const em = t.emulator;
  const alice = em.state.users.get(t.people.alice)!;
  const form = commandForm(em.state, {
    user: alice,
    channel: dmWith(em.state, alice.id),
    command: '/kudos',
    text: '@bob thanks for the calm incident review last night #craft',
    responseUrl: em.issueResponseUrl({ userId: alice.id, channelId: dmWith(em.state, alice.id).id }),
    triggerId: em.issueTrigger(alice.id),
  });
  const body = new URLSearchParams(form).toString();
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(tsSec),
      'x-slack-signature': signRequest(SIGNING_SECRET, tsSec, body),
    },
  };
}

const send = (url: string, c: Captured) => fetch(url, { method: 'POST', headers: c.headers, body: c.body }).then(async (r) => ({ status: r.status, text: await r.text() }));

const settle = () => new Promise((r) => setTimeout(r, 600));

/** Both clocks move: Slack's real time (signatures) and the app's (the kudos twin window). */
function later(t: Harness, ms: number): void {
  requestClock.advance(ms);
  t.clock.advance(ms);
}

/** What Slack shows (a synchronous read, for emulator.waitFor). */
function seenInSlack(t: Harness) {
  return {
    posts: t.emulator.messages(t.kudosChannel).length,
    dmsToBob: t.emulator.dms(t.people.bob).length,
    confirmations: t.emulator.ephemerals(t.people.alice).filter((e) => String(e.text).includes('Kudos sent')).length,
    // Any answer at all, a "you already sent this" notice included.
    answers: t.emulator.ephemerals(t.people.alice).length,
  };
}

/** What Slack shows and what the database keeps (read through t.query, on either engine). */
async function outcome(t: Harness) {
  return { kudos: await rowsIn(t, 'kudos'), ...seenInSlack(t) };
}

describe('replayed signed requests', () => {
  it('a signed /kudos replayed 60 s later through the real receiver is acknowledged and does nothing', async () => {
    h = await startHarness({ requestClock });
    const captured = capturedKudos(h, Math.floor(requestClock.now() / 1000));
    expect((await send(h.eventsUrl, captured)).status).toBe(200);
    await h.emulator.waitFor(() => seenInSlack(h!).confirmations === 1 && seenInSlack(h!).dmsToBob === 1, { timeoutMs: 5000 });
    const first = await outcome(h);
    expect(first).toEqual({ kudos: 1, posts: 1, dmsToBob: 1, confirmations: 1, answers: 1 });

    // Past the kudos twin window (60 s) but inside Slack's 5-minute signature window: only the replay memory can tell.
    later(h, 61_000);
    const replay = await send(h.eventsUrl, captured);
    expect(replay.status).toBe(200);
    expect(replay.text).toBe('');
    await settle();
    expect(await outcome(h)).toEqual(first);
    expect(await rowsIn(h, 'kudos_recipients')).toBe(1);
    expect(h.logs.some((l) => l.includes('replayed request ignored'))).toBe(true);
  });

  it('a replay after the window is refused as stale, and the memory of it is pruned', async () => {
    h = await startHarness({ requestClock });
    const captured = capturedKudos(h, Math.floor(requestClock.now() / 1000));
    expect((await send(h.eventsUrl, captured)).status).toBe(200);
    await h.emulator.waitFor(() => seenInSlack(h!).confirmations === 1);
    expect(await rowsIn(h, 'seen_requests')).toBe(1);
    requestClock.advance(7 * 60_000);
    expect((await send(h.eventsUrl, captured)).status).toBe(401);
    // Any later request prunes expired keys.
    const fresh = capturedKudos(h, Math.floor(requestClock.now() / 1000));
    expect((await send(h.eventsUrl, fresh)).status).toBe(200);
    await h.emulator.waitFor(() => seenInSlack(h!).confirmations === 2 || h!.emulator.ephemerals(h!.people.alice).length >= 2);
    // The prune runs after the answer, off the request's path: on a busy machine it can finish after the reply.
    await until(async () => (await rowsIn(h!, 'seen_requests')) === 1);
    expect(await rowsIn(h, 'seen_requests')).toBe(1);
  });

  it('refuses a validly signed request timestamped more than 5 minutes ahead with 401 and stores nothing', async () => {
    h = await startHarness({ requestClock });
    const ahead = capturedKudos(h, Math.floor(requestClock.now() / 1000) + 6 * 60);
    const res = await send(h.eventsUrl, ahead);
    expect(res.status).toBe(401);
    await settle();
    expect(await outcome(h)).toEqual({ kudos: 0, posts: 0, dmsToBob: 0, confirmations: 0, answers: 0 });
    expect(await rowsIn(h, 'seen_requests')).toBe(0);
    expect(h.logs.some((l) => l.includes('request timestamp in the future'))).toBe(true);
    // Slack's own small clock differences stay accepted.
    const slightlyAhead = capturedKudos(h, Math.floor(requestClock.now() / 1000) + 60);
    expect((await send(h.eventsUrl, slightlyAhead)).status).toBe(200);
    await h.emulator.waitFor(() => seenInSlack(h!).confirmations === 1);
  });

  it('two instances on one database: the replay sent to the second does nothing', async () => {
    h = await startHarness({ requestClock });
    second = await startSecondInstance(h, { requestClock });
    const captured = capturedKudos(h, Math.floor(requestClock.now() / 1000));
    expect((await send(h.eventsUrl, captured)).status).toBe(200);
    await h.emulator.waitFor(() => seenInSlack(h!).confirmations === 1 && seenInSlack(h!).dmsToBob === 1, { timeoutMs: 5000 });
    const first = await outcome(h);

    later(h, 61_000);
    const replay = await send(second.eventsUrl, captured);
    expect(replay.status).toBe(200);
    await settle();
    expect(await outcome(h)).toEqual(first);
    expect(first).toEqual({ kudos: 1, posts: 1, dmsToBob: 1, confirmations: 1, answers: 1 });
    expect(second.logs.some((l) => l.includes('replayed request ignored'))).toBe(true);
    // The second instance does serve fresh requests: it is the memory, not a dead replica, that stopped the replay.
    const fresh = capturedKudos(h, Math.floor(requestClock.now() / 1000));
    expect((await send(second.eventsUrl, { ...fresh, body: fresh.body })).status).toBe(200);
    await h.emulator.waitFor(() => h!.emulator.ephemerals(h!.people.alice).length >= 2, { timeoutMs: 5000 });
  });
});

describe('Socket Mode', () => {
  it('an envelope delivered twice runs once; a retried event is still taken once by its event id', async () => {
    h = await startHarness({ mode: 'socket', requestClock });
    const em = h.emulator;
    const alice = em.state.users.get(h.people.alice)!;
    const form = commandForm(em.state, {
      user: alice,
      channel: dmWith(em.state, alice.id),
      command: '/kudos',
      text: '@bob thanks for the calm incident review last night #craft',
      responseUrl: em.issueResponseUrl({ userId: alice.id, channelId: dmWith(em.state, alice.id).id }),
      triggerId: em.issueTrigger(alice.id),
    });
    await em.sendEnvelope('slash_commands', form, { envelope_id: 'env-duplicate-1' });
    await em.waitFor(() => seenInSlack(h!).confirmations === 1 && seenInSlack(h!).dmsToBob === 1, { timeoutMs: 5000 });
    later(h, 61_000);
    const ack = await em.sendEnvelope('slash_commands', form, { envelope_id: 'env-duplicate-1' });
    expect(ack.envelope_id).toBe('env-duplicate-1');
    await settle();
    expect(await outcome(h)).toEqual({ kudos: 1, posts: 1, dmsToBob: 1, confirmations: 1, answers: 1 });
    expect(h.logs.some((l) => l.includes('replayed request ignored'))).toBe(true);

    const delivery = await h.driver.event('app_home_opened', { user: h.people.alice, channel: 'D0ALICE', tab: 'home' });
    await em.waitFor(() => em.home(h!.people.alice));
    const publishes = () => em.calls.filter((c) => c.method === 'views.publish').length;
    const before = publishes();
    await delivery.retry(1, 'timeout');
    await settle();
    expect(publishes()).toBe(before);
    expect(h.logs.some((l) => l.includes('duplicate event delivery ignored'))).toBe(true);
  });
});
