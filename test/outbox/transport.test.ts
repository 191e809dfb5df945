import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { WebClient } from '@slack/web-api';
import { startEmulator, type Emulator } from '../../tools/emulator';
import { freshDb } from '../helpers/db';
import { createFixedClock } from '../../src/clock';
import { createOutboxStore } from '../../src/storage/outbox-repository';
import { createOutboxDispatcher } from '../../src/jobs/outbox-dispatcher';
import { createOutboxTransport } from '../../src/slack/outbox-transport';
import { createChannelTargets } from '../../src/slack/channel-target';
import { handlingOf, toDeliveryError } from '../../src/slack/slack-errors';

const TOKEN = 'xoxb-outbox-transport';
const NOW = Date.UTC(2027, 2, 1, 9, 0);

/**
 * The outbox through the real transport and WebClient against the emulator: the attack of issue 18. An answer
 * lost after Slack posted (a 502, an internal_error, a slow answer past the timeout) must never post twice.
 */
describe('the outbox against Slack (emulator), with faults', () => {
  let emulator: Emulator;
  let env: ReturnType<typeof freshDb>;
  let alice: string;
  beforeAll(async () => {
    emulator = await startEmulator({ signingSecret: 'outboxsigningsecret0123456789ab', botToken: TOKEN });
    alice = emulator.addUser({ name: 'alice', tz: 'UTC' }).id;
  });
  afterAll(async () => emulator.close());
  beforeEach(() => (env = freshDb()));
  afterEach(() => {
    emulator.clearFaults();
    env.cleanup();
  });

  function world(timeout = 2000) {
    const clock = createFixedClock(NOW);
    const store = createOutboxStore(sqliteKysely(env.db));
    const client = new WebClient(TOKEN, { slackApiUrl: emulator.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout });
    const transport = createOutboxTransport({ client, channels: createChannelTargets(client), renderers: { reply: { target: 'dm', render: (m) => m as { text: string } } }, postsPerMinute: 0 });
    const dispatcher = createOutboxDispatcher({ store, transport, kinds: {}, clock, sleep: async () => undefined, maxRunMs: Infinity });
    const plan = (text: string) => store.plan([{ kind: 'reply', recipient: alice, dedupeKey: `t:${text}`, dueAt: NOW, payload: { text } }], NOW);
    const row = (text: string) => env.db.prepare('SELECT status, reason, attempts FROM outbox WHERE dedupe_key = ?').get(`t:${text}`);
    const inSlack = (text: string) => emulator.dms(alice).filter((m) => m.text === text).length;
    return { clock, store, dispatcher, plan, row, inSlack };
  }

  it.each([
    ['a 502 after Slack posted', { type: 'http_error', status: 502 } as const],
    ["Slack's internal_error", { type: 'error', error: 'internal_error' } as const],
  ])('%s: uncertain, never resent', async (label, fault) => {
    const w = world();
    const text = `maybe-posted ${label}`;
    await w.plan(text);
    emulator.inject('chat.postMessage', fault);
    await w.dispatcher.drain();
    w.clock.advance(60 * 60_000);
    await w.dispatcher.drain();
    expect(w.row(text)).toMatchObject({ status: 'uncertain', attempts: 1 });
    expect(emulator.calls.filter((c) => c.method === 'chat.postMessage' && c.args.text === text)).toHaveLength(1);
  });

  it('an answer slower than the timeout (Slack posted it): uncertain, in Slack once, never resent', async () => {
    const w = world(150);
    await w.plan('slow-answer');
    emulator.inject('chat.postMessage', { type: 'delay', ms: 500 });
    await w.dispatcher.drain();
    await new Promise((resolve) => setTimeout(resolve, 600)); // the emulator finishes the delayed post
    w.clock.advance(60 * 60_000);
    await w.dispatcher.drain();
    expect(w.row('slow-answer')).toMatchObject({ status: 'uncertain', reason: 'timeout' });
    expect(w.inSlack('slow-answer')).toBe(1);
  });

  it('a 503 (nothing processed) is retried after the backoff and sent once', async () => {
    const w = world();
    await w.plan('retry-me');
    emulator.inject('chat.postMessage', { type: 'http_error', status: 503 });
    expect(await w.dispatcher.drain()).toMatchObject({ retried: 1, sent: 0 });
    w.clock.advance(60_000);
    expect(await w.dispatcher.drain()).toMatchObject({ sent: 1 });
    expect(w.inSlack('retry-me')).toBe(1);
    expect(w.row('retry-me')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a 429 is held for its Retry-After without using an attempt, then sent once', async () => {
    const w = world();
    await w.plan('limited');
    emulator.inject('chat.postMessage', { type: 'rate_limited', retryAfter: 3 });
    expect(await w.dispatcher.drain()).toMatchObject({ rateLimited: 1 });
    w.clock.advance(2000);
    expect(await w.dispatcher.drain()).toMatchObject({ sent: 0 });
    w.clock.advance(1000);
    expect(await w.dispatcher.drain()).toMatchObject({ sent: 1 });
    expect(w.row('limited')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('WebClient errors become codes, and one list says what each means', () => {
    expect(toDeliveryError({ code: 'slack_webapi_rate_limited_error', retryAfter: 3 })).toMatchObject({ code: 'ratelimited', handling: 'rate-limited', retryAfterMs: 3000 });
    expect(toDeliveryError({ code: 'slack_webapi_platform_error', data: { error: 'user_not_found' } })).toMatchObject({ code: 'user_not_found', handling: 'permanent' });
    expect(toDeliveryError({ code: 'slack_webapi_request_error', original: { code: 'ECONNREFUSED' } })).toMatchObject({ code: 'ECONNREFUSED', handling: 'transient' });
    expect(toDeliveryError({ code: 'slack_webapi_request_error', original: { code: 'ECONNRESET' } }).handling).toBe('uncertain');
    expect(toDeliveryError(new Error('boom'))).toMatchObject({ code: 'unexpected_error' });
    expect(['http_502', 'http_504', 'timeout', 'internal_error'].map(handlingOf)).toEqual(['uncertain', 'uncertain', 'uncertain', 'uncertain']);
    expect(['http_503', 'service_unavailable', 'ENOTFOUND'].map(handlingOf)).toEqual(['transient', 'transient', 'transient']);
  });
});
