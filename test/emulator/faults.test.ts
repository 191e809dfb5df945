import { WebClient } from '@slack/web-api';
import { BOT_TOKEN, quietLogger } from './bolt-app';
import { rawCall, setup, slackError, type Setup } from './setup';

describe('emulator fault injection', () => {
  let s: Setup;
  let channel: string;
  beforeEach(async () => {
    s = await setup();
    channel = s.emulator.addChannel({ name: 'general' }).id;
  });
  afterEach(() => s.emulator.close());

  it('answers 429 with Retry-After, and a real WebClient with one retry waits it out and succeeds', async () => {
    s.emulator.inject('chat.postMessage', { type: 'rate_limited', retryAfter: 1 });
    const retrying = new WebClient(BOT_TOKEN, { slackApiUrl: s.emulator.url, retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 }, logger: quietLogger([]) });
    const started = Date.now();
    const res = await retrying.chat.postMessage({ channel, text: 'eventually' });
    expect(res.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(s.emulator.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.error ?? 'ok')).toEqual(['ratelimited', 'ok']);
    expect(s.emulator.messages(channel)).toHaveLength(1);
    expect(s.emulator.violations()).toEqual([]);
  });

  it('shows the raw 429 like Slack\'s docs example', async () => {
    s.emulator.inject('auth.test', { type: 'rate_limited', retryAfter: 30 });
    const res = await rawCall(s.emulator, 'auth.test', { token: BOT_TOKEN });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect((await rawCall(s.emulator, 'auth.test', { token: BOT_TOKEN })).status).toBe(200);
  });

  it('rejectRateLimitedCalls clients see the 429 with its retryAfter', async () => {
    s.emulator.inject('chat.postMessage', { type: 'rate_limited', retryAfter: 7 });
    const rejecting = new WebClient(BOT_TOKEN, { slackApiUrl: s.emulator.url, rejectRateLimitedCalls: true, logger: quietLogger([]) });
    await expect(rejecting.chat.postMessage({ channel, text: 'x' })).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 });
  });

  it('injects HTTP errors, Slack errors and delays for the next N calls only', async () => {
    s.emulator.inject('chat.postMessage', { type: 'http_error', status: 503 });
    await expect(s.client.chat.postMessage({ channel, text: 'x' })).rejects.toMatchObject({ code: 'slack_webapi_http_error', statusCode: 503 });
    s.emulator.inject('chat.postMessage', { type: 'error', error: 'fatal_error' }, 2);
    expect(await slackError(s.client.chat.postMessage({ channel, text: 'x' }))).toBe('fatal_error');
    expect(await slackError(s.client.chat.postMessage({ channel, text: 'x' }))).toBe('fatal_error');
    expect((await s.client.chat.postMessage({ channel, text: 'third time' })).ok).toBe(true);
    s.emulator.inject('*', { type: 'delay', ms: 300 });
    const started = Date.now();
    await s.client.auth.test();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(s.emulator.messages(channel).map((m) => m.text)).toEqual(['third time']);
    // Injected faults are Slack's infrastructure, not the app's mistakes.
    expect(s.emulator.violations()).toEqual([]);
  });

  it('refuses a nonsense count', () => {
    expect(() => s.emulator.inject('auth.test', { type: 'error', error: 'x' }, 0)).toThrow(/positive integer/);
  });
});

describe('emulator rate-limit tiers (opt-in)', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup({ rateLimits: true });
  });
  afterEach(() => s.emulator.close());

  it('gives users.list (Tier 2) 20 calls a minute of the emulator clock, then 429 until the minute ends', async () => {
    for (let i = 0; i < 20; i += 1) await s.client.users.list({});
    s.clock.advance(15_000);
    const res = await rawCall(s.emulator, 'users.list', { token: BOT_TOKEN });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBe(45);
    s.clock.advance(45_000);
    expect((await s.client.users.list({})).ok).toBe(true);
    expect(s.emulator.violations()).toEqual([]);
  });

  it('counts chat.postMessage per channel (about one a second)', async () => {
    const a = s.emulator.addChannel({ name: 'a' }).id;
    const b = s.emulator.addChannel({ name: 'b' }).id;
    for (let i = 0; i < 60; i += 1) await s.client.chat.postMessage({ channel: a, text: `m${i}` });
    const limited = new WebClient(BOT_TOKEN, { slackApiUrl: s.emulator.url, rejectRateLimitedCalls: true, logger: quietLogger([]) });
    await expect(limited.chat.postMessage({ channel: a, text: 'one too many' })).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error' });
    expect((await s.client.chat.postMessage({ channel: b, text: 'other channel' })).ok).toBe(true);
  });
});
