import { startHarness, setTeam, type Harness } from '../helpers/harness';
import { authorise, Browser, DASHBOARD_ENV } from './sign-in';

/**
 * Behind HTTPS (here a trusted TLS-terminating proxy that says so in x-forwarded-proto) the dashboard's cookies
 * carry the `__Host-` prefix: Secure, Path=/, no Domain, so a browser takes them only from this exact host and a
 * neighbouring subdomain cannot push its own session or sign-in state in. The unprefixed names, which only plain
 * HTTP uses, are not read over HTTPS.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { ...DASHBOARD_ENV, DASHBOARD_TRUST_PROXY: 'true' } });
  await setTeam(h, h.people.manager, [h.people.alice, h.people.bob]);
});
afterAll(async () => h?.stop());

const HTTPS = { 'x-forwarded-proto': 'https' };
const base = () => h.config.dashboard!.publicUrl;

describe('dashboard cookies behind HTTPS', () => {
  it('signs in with __Host- cookies (Secure, Path=/, no Domain) and serves the page with them', async () => {
    const b = new Browser(base(), HTTPS);
    const login = await b.get('/dashboard/auth/login');
    const signin = login.headers.getSetCookie().find((c) => c.startsWith('__Host-leadwell_signin='))!;
    expect(signin).toMatch(/; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
    b.cookies.clear();
    const callback = await b.get(await authorise(b, h.people.manager));
    expect(callback.status).toBe(303);
    const session = callback.headers.getSetCookie().find((c) => c.startsWith('__Host-leadwell_session='))!;
    expect(session).toMatch(/; Path=\/; Max-Age=28800; HttpOnly; SameSite=Lax; Secure$/);
    expect(session).not.toMatch(/Domain=/i);
    expect(callback.headers.getSetCookie().some((c) => c.startsWith('leadwell_'))).toBe(false);
    const page = await b.get('/dashboard');
    expect(await page.text()).toContain('Maria Manager and their teams');
    expect(page.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });

  it('does not read the plain-HTTP names over HTTPS: a session cookie planted without the prefix signs nobody in', async () => {
    // A genuine session, taken over plain HTTP (unprefixed), then presented under that name on an HTTPS request.
    const plain = new Browser(base());
    expect((await plain.get(await authorise(plain, h.people.manager))).status).toBe(303);
    const value = plain.cookies.get('leadwell_session')!;
    expect(value).toBeDefined();
    const planted = new Browser(base(), HTTPS);
    planted.cookies.set('leadwell_session', value);
    expect(await (await planted.get('/dashboard')).text()).toContain('Sign in with Slack');
    // The same value under the prefixed name is the same sealed session: the name, not the seal, made the difference.
    planted.cookies.clear();
    planted.cookies.set('__Host-leadwell_session', value);
    expect(await (await planted.get('/dashboard')).text()).toContain('Maria Manager and their teams');
  });

  it('signs out over HTTPS by clearing the prefixed cookie', async () => {
    const b = new Browser(base(), HTTPS);
    expect((await b.get(await authorise(b, h.people.manager))).status).toBe(303);
    const page = await (await b.get('/dashboard')).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const out = await b.post('/dashboard/auth/logout', { csrf }, { origin: base() });
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('__Host-leadwell_session='))).toMatch(/Max-Age=0; HttpOnly; SameSite=Lax; Secure$/);
    expect(b.cookies.has('__Host-leadwell_session')).toBe(false);
    expect(h.emulator.violations()).toEqual([]);
  });
});
