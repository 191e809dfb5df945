import { readReference, readReferenceText } from '../helpers/reference';
import { signedPost, slashCommandBody } from '../helpers/signing';
import { SIGNING_SECRET, startHarness, type Harness } from '../helpers/harness';

interface Vector {
  signing_secret: string;
  raw_body: string;
  expected_signature: string;
  clock_for_valid_check_unix_seconds: number;
  headers: Record<string, string>;
  negative_cases: Array<{ name: string; raw_body: string; timestamp: string; signature: string; now: number; valid: boolean }>;
}

/** Request safety through Bolt's real HTTP receiver: signatures, replay window, url_verification, retries. */
describe('HTTP receiver', () => {
  let h: Harness;
  const vector = readReference<Vector>('signing/test_vector.json');

  afterEach(async () => {
    jest.restoreAllMocks();
    await h?.stop();
  });

  it("accepts Slack's official signing test vector", async () => {
    h = await startHarness({ seed: false, env: { SLACK_SIGNING_SECRET: vector.signing_secret } });
    const now = vector.clock_for_valid_check_unix_seconds * 1000;
    const realNow = Date.now.bind(Date);
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => now);
    const res = await signedPost(h.eventsUrl, vector.raw_body, {
      secret: vector.signing_secret,
      timestamp: vector.clock_for_valid_check_unix_seconds,
      signature: vector.expected_signature,
    });
    spy.mockImplementation(realNow);
    expect(res.status).toBe(200);
    // The vector's command is not one of ours: the fallback listener ran, so the request got past verification.
    expect(JSON.parse(res.text).text).toContain('/webhook-collect');
  });

  it.each(['tampered_body', 'stale_timestamp'])('answers 401 to the vector\'s %s case and runs no listener', async (name) => {
    h = await startHarness({ seed: false, env: { SLACK_SIGNING_SECRET: vector.signing_secret } });
    const c = vector.negative_cases.find((x) => x.name === name)!;
    expect(c.valid).toBe(false);
    const realNow = Date.now.bind(Date);
    jest.spyOn(Date, 'now').mockImplementation(() => (c.now === vector.clock_for_valid_check_unix_seconds ? c.now * 1000 : realNow()));
    const res = await signedPost(h.eventsUrl, c.raw_body, { secret: vector.signing_secret, timestamp: Number(c.timestamp), signature: c.signature });
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('webhook-collect');
  });

  it('refuses a bad signature, a tampered body and a timestamp older than 5 minutes', async () => {
    h = await startHarness();
    const responseUrl = h.emulator.issueResponseUrl({ userId: h.people.manager, channelId: 'C0GENERAL' });
    const body = slashCommandBody({ user_id: h.people.manager, command: '/coach', text: '', response_url: responseUrl });
    const ok = await signedPost(h.eventsUrl, body, { secret: SIGNING_SECRET });
    expect(ok.status).toBe(200);
    const wrongSecret = await signedPost(h.eventsUrl, body, { secret: 'not-the-secret' });
    expect(wrongSecret.status).toBe(401);
    const ts = Math.floor(Date.now() / 1000);
    const good = await import('../helpers/signing').then((m) => m.sign(SIGNING_SECRET, ts, body));
    const tampered = await signedPost(h.eventsUrl, body.replace('coach', 'kudos'), { secret: SIGNING_SECRET, timestamp: ts, signature: good });
    expect(tampered.status).toBe(401);
    const stale = await signedPost(h.eventsUrl, body, { secret: SIGNING_SECRET, timestamp: ts - 301 });
    expect(stale.status).toBe(401);
    const unsigned = await fetch(h.eventsUrl, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(unsigned.status).toBe(401);
    // Only the one good request produced a listener run.
    await h.emulator.waitFor(() => h.logs.some((l) => l.includes('"listener":"command:coach"') && l.includes('listener done')));
    await new Promise((r) => setTimeout(r, 200));
    expect(h.logs.filter((l) => l.includes('"listener":"command:coach"') && l.includes('listener done'))).toHaveLength(1);
    expect(h.emulator.violations()).toEqual([]);
  });

  it('answers url_verification with the challenge', async () => {
    h = await startHarness({ seed: false });
    const body = readReferenceText('fixtures/http/url_verification.json').trim();
    const res = await signedPost(h.eventsUrl, body, { secret: SIGNING_SECRET, contentType: 'application/json' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: JSON.parse(body).challenge });
  });

  it('acknowledges a retried event it already handled and does not process it twice', async () => {
    h = await startHarness();
    const first = await h.driver.event('app_home_opened', { user: h.people.alice, channel: 'D0ALICE', tab: 'home' });
    expect(first.status).toBe(200);
    await h.emulator.waitFor(() => h.emulator.home(h.people.alice));
    const publishes = () => h.emulator.calls.filter((c) => c.method === 'views.publish').length;
    const before = publishes();
    const retry = await first.retry(1, 'http_timeout');
    expect(retry.status).toBe(200);
    const again = await first.retry(2, 'http_timeout');
    expect(again.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(publishes()).toBe(before);
    expect(h.logs.some((l) => l.includes('duplicate event delivery ignored'))).toBe(true);
    // A new event (new id) is processed as usual.
    await h.driver.event('app_home_opened', { user: h.people.alice, channel: 'D0ALICE', tab: 'home' });
    await h.emulator.waitFor(() => publishes() > before);
    expect(h.emulator.violations()).toEqual([]);
  });

  it('serves /healthz with the database state, content size and version', async () => {
    h = await startHarness({ seed: false });
    const res = await fetch(h.eventsUrl.replace('/slack/events', '/healthz'));
    expect(res.status).toBe(200);
    const health = (await res.json()) as { ok: boolean; database: boolean; contentItems: number; version: string };
    expect(health.ok).toBe(true);
    expect(health.database).toBe(true);
    expect(health.contentItems).toBeGreaterThan(100);
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
