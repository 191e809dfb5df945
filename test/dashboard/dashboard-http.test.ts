import { createFixedClock } from '../../src/clock';
import { CSP } from '../../src/web/dashboard/http';
import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { authorise, Browser, DASHBOARD_ENV, signIn } from './sign-in';

/**
 * The dashboard through the real app (Bolt's HTTP receiver, custom routes) and the emulator's Sign in with Slack:
 * the cookie, the security headers, every refusal. Each attack is kept as a test.
 */
let h: Harness;
const requestClock = createFixedClock(Date.now());

beforeAll(async () => {
  h = await startHarness({ env: DASHBOARD_ENV, requestClock });
  await setTeam(h, h.people.manager, [h.people.alice, h.people.bob]);
});
afterAll(async () => h?.stop());

const base = () => h.config.dashboard!.publicUrl;

describe('signing in to the dashboard', () => {
  it('sets a signed HttpOnly SameSite=Lax session cookie scoped to /dashboard, and serves the page with strict security headers', async () => {
    const b = new Browser(base());
    const first = await b.get('/dashboard');
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Sign in with Slack');
    const login = await b.get('/dashboard/auth/login');
    expect(login.status).toBe(302);
    const at = new URL(login.headers.get('location')!);
    expect(at.pathname).toBe('/openid/connect/authorize');
    expect([...at.searchParams.keys()].sort()).toEqual(['client_id', 'nonce', 'redirect_uri', 'response_type', 'scope', 'state']);
    expect(at.searchParams.get('redirect_uri')).toBe(`${base()}/dashboard/auth/callback`);
    const callback = await b.get(await authorise(b, h.people.manager));
    expect(callback.status).toBe(303);
    const set = callback.headers.getSetCookie().find((c) => c.startsWith('leadwell_session='))!;
    expect(set).toMatch(/; Path=\/dashboard; Max-Age=28800; HttpOnly; SameSite=Lax$/); // no Secure on plain http
    const page = await b.get('/dashboard');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Maria Manager and their teams');
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(CSP).toMatch(/script-src 'self';/);
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(h.emulator.calls.filter((c) => c.method.startsWith('openid.')).map((c) => c.method)).toEqual(['openid.connect.token', 'openid.connect.userInfo']);
  });

  it('refuses a callback whose state does not match the sign-in this browser started (login CSRF)', async () => {
    const victim = new Browser(base());
    const attacker = new Browser(base());
    const attackersCallback = await authorise(attacker, h.people.carol);
    await victim.get('/dashboard/auth/login'); // the victim has a sign-in of their own in progress
    const res = await victim.get(attackersCallback);
    expect(res.status).toBe(400);
    expect(victim.cookies.has('leadwell_session')).toBe(false);
    const none = new Browser(base());
    expect((await none.get(attackersCallback)).status).toBe(400); // no sign-in started at all
  });

  it('takes a code once: a replayed callback is refused by Slack and signs nobody in', async () => {
    const b = new Browser(base());
    const callback = await authorise(b, h.people.admin);
    const saved = new Map(b.cookies);
    expect((await b.get(callback)).status).toBe(303);
    const replay = new Browser(base());
    replay.cookies = saved;
    const res = await replay.get(callback);
    expect(res.status).toBe(400);
    expect(replay.cookies.has('leadwell_session')).toBe(false);
    expect(h.logs.join('')).toContain('token exchange refused (invalid_code)');
    expect(h.emulator.violations({ includeState: true })).toEqual([expect.objectContaining({ method: 'openid.connect.token', error: 'invalid_code' })]);
    h.emulator.state.violations.length = 0;
  });

  it('refuses a forged or altered session cookie', async () => {
    const b = await signIn(h, h.people.manager);
    const [payload, sig] = b.cookies.get('leadwell_session')!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    b.cookies.set('leadwell_session', `${Buffer.from(JSON.stringify({ ...claims, userId: h.people.admin })).toString('base64url')}.${sig}`);
    expect(await (await b.get('/dashboard')).text()).toContain('Sign in with Slack');
    b.cookies.set('leadwell_session', 'garbage');
    expect(await (await b.get('/dashboard')).text()).toContain('Sign in with Slack');
  });

  it('ends a session after DASHBOARD_SESSION_HOURS (8 by default)', async () => {
    const b = await signIn(h, h.people.manager);
    expect(await (await b.get('/dashboard')).text()).toContain('Maria Manager and their teams');
    requestClock.advance(8 * 3_600_000 + 1000);
    try {
      expect(await (await b.get('/dashboard')).text()).toContain('Sign in with Slack');
    } finally {
      requestClock.set(Date.now());
    }
  });

  it('lets only people of the installed workspace in', async () => {
    h.leadwell.slack.deps.workspaces.adoptInstallation('T0SOMEONEELSE');
    try {
      const b = new Browser(base());
      const res = await b.get(await authorise(b, h.people.manager));
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('another Slack workspace');
    } finally {
      h.leadwell.slack.deps.workspaces.adoptInstallation(h.emulator.state.team.id);
    }
  });

});

describe('signing out (the one state-changing request)', () => {
  it('needs the CSRF token from the page and a same-origin form; then the cookie stops working, even if copied', async () => {
    const b = await signIn(h, h.people.manager);
    const html = await (await b.get('/dashboard')).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    expect((await b.post('/dashboard/auth/logout', {})).status).toBe(403);
    expect((await b.post('/dashboard/auth/logout', { csrf: 'x'.repeat(csrf.length) })).status).toBe(403);
    expect((await b.post('/dashboard/auth/logout', { csrf }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await b.post('/dashboard/auth/logout', { csrf }, { origin: 'https://evil.example' })).status).toBe(403);
    expect(await (await b.get('/dashboard')).text()).toContain('Maria Manager and their teams'); // still signed in
    const copy = b.header();
    const out = await b.post('/dashboard/auth/logout', { csrf }, { 'sec-fetch-site': 'same-origin' });
    expect(out.status).toBe(303);
    expect(b.cookies.has('leadwell_session')).toBe(false);
    const stolen = await fetch(`${base()}/dashboard`, { headers: { cookie: copy } });
    expect(await stolen.text()).toContain('Sign in with Slack');
    expect((await fetch(`${base()}/dashboard/auth/logout`)).status).toBe(405); // a GET never signs out
  });
});

describe('what the server answers besides pages', () => {
  it('serves the bundled chart library and our script, and nothing outside its list', async () => {
    const uplot = await fetch(`${base()}/dashboard/static/uPlot.iife.min.js`);
    expect(uplot.status).toBe(200);
    expect(uplot.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await uplot.text()).toContain('uPlot');
    for (const path of ['/dashboard/static/..%2f..%2f..%2fpackage.json', '/dashboard/static/routes.js', '/dashboard/static/', '/dashboard/nope']) {
      expect((await fetch(`${base()}${path}`)).status).toBe(404);
    }
    const csvSignedOut = await fetch(`${base()}/dashboard/export.csv`, { redirect: 'manual' });
    expect(csvSignedOut.status).toBe(303);
    expect(h.emulator.violations()).toEqual([]);
  });
});

describe('sign-in abuse (last: it spends this address\'s budget)', () => {
  it('rate-limits sign-in attempts from one address', async () => {
    const b = new Browser(base());
    const statuses: number[] = [];
    for (let i = 0; i < 25; i += 1) statuses.push((await b.get('/dashboard/auth/login')).status);
    expect(statuses).toContain(429);
    const limited = await b.get('/dashboard/auth/callback?state=x&code=y');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
