import { createFixedClock } from '../../src/clock';
import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { startSecondInstance, type SecondInstance } from '../helpers/second-instance';
import type { EngineName } from '../helpers/engines';
import { warmPostgres } from '../helpers/postgres';
import { DASHBOARD_ENV, signIn } from './sign-in';

/**
 * Dashboard sign-out behind a load balancer: a session signed out on one instance is refused on the other (the
 * revocation is in the database both share, not in the memory of the instance that took the sign-out), and it
 * stays there only until the session would have expired anyway.
 */
describe.each<EngineName>(['sqlite', 'postgres'])('dashboard sign-out across two instances [%s]', (engine) => {
  let h: Harness;
  let second: SecondInstance;
  const requestClock = createFixedClock(Date.now());

  // PGlite starts once per file under a budget of its own, as the *.pg.test.ts suites get from jest-setup.
  if (engine === 'postgres') beforeAll(() => warmPostgres(), 120_000);

  beforeAll(async () => {
    h = await startHarness({ engine, env: DASHBOARD_ENV, requestClock });
    second = await startSecondInstance(h, { requestClock });
    await setTeam(h, h.people.manager, [h.people.alice, h.people.bob]);
  });
  afterAll(async () => {
    expect(h.emulator.violations()).toEqual([]);
    await second?.stop();
    await h?.stop();
  });

  const secondBase = () => new URL(second.eventsUrl).origin;
  const page = async (base: string, cookie: string) => (await fetch(`${base}/dashboard`, { headers: { cookie } })).text();
  /** The session inside a cookie header (readable by anyone: it is signed, not secret). */
  const session = (cookie: string) => JSON.parse(Buffer.from(cookie.split('=')[1]!.split('.')[0]!, 'base64url').toString()) as { sid: string; expiresAt: number };
  const revocations = async () => Number((await h.query<{ n: number }>("SELECT COUNT(*) AS n FROM seen_requests WHERE request_key LIKE 'claim:dashboard-signed-out:%'"))[0]?.n);

  it('a cookie signed out on one instance is refused on the other, and only that session', async () => {
    const b = await signIn(h, h.people.manager);
    const other = await signIn(h, h.people.manager);
    const cookie = b.header();
    // The same session works on both instances (same signing key, no state held per instance).
    expect(await page(secondBase(), cookie)).toContain('Maria Manager and their teams');
    const csrf = /name="csrf" value="([^"]+)"/.exec(await (await b.get('/dashboard')).text())![1]!;
    expect((await b.post('/dashboard/auth/logout', { csrf }, { 'sec-fetch-site': 'same-origin' })).status).toBe(303);
    expect(await page(h.config.dashboard!.publicUrl, cookie)).toContain('Sign in with Slack');
    expect(await page(secondBase(), cookie)).toContain('Sign in with Slack');
    const csv = await fetch(`${secondBase()}/dashboard/export.csv`, { headers: { cookie }, redirect: 'manual' });
    expect(csv.status).toBe(303);
    // Another session of the same person is not signed out with it.
    expect(await page(secondBase(), other.header())).toContain('Maria Manager and their teams');
    expect(await revocations()).toBe(1);
    // The row stores a hash of the session id, never the id itself.
    const { sid } = session(cookie);
    expect(JSON.stringify(await h.query('SELECT request_key FROM seen_requests'))).not.toContain(sid);
  });

  it('signing out on the second instance is refused on the first, and the revocation lasts as long as the session would have', async () => {
    const b = await signIn(h, h.people.manager);
    const cookie = b.header();
    const html = await page(secondBase(), cookie);
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const out = await fetch(`${secondBase()}/dashboard/auth/logout`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ csrf }),
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    });
    expect(out.status).toBe(303);
    expect(await page(h.config.dashboard!.publicUrl, cookie)).toContain('Sign in with Slack');
    expect(await page(secondBase(), cookie)).toContain('Sign in with Slack');
    // Kept exactly as long as the session could have been used, then pruned with the other expired keys.
    const { expiresAt } = session(cookie);
    const rows = await h.query<{ e: number }>("SELECT expires_at AS e FROM seen_requests WHERE request_key LIKE 'claim:dashboard-signed-out:%' ORDER BY expires_at DESC");
    expect(rows.map((r) => Number(r.e))).toContain(expiresAt);
    expect(await revocations()).toBe(2);
  });
});
