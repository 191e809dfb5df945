import { freePort } from '../helpers/free-port';
import { startHarness } from '../helpers/harness';
import { DASHBOARD_ENV } from './sign-in';

/** Where the dashboard is served: beside /healthz on PORT, in HTTP mode and in Socket Mode, unless DASHBOARD=off. */
describe('serving the dashboard', () => {
  it('in Socket Mode, on PORT beside /healthz', async () => {
    const port = await freePort();
    const h = await startHarness({ mode: 'socket', env: { ...DASHBOARD_ENV, PORT: String(port) } });
    try {
      const page = await fetch(`http://127.0.0.1:${port}/dashboard`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Sign in with Slack');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(h.config.dashboard?.redirectUri).toBe(`http://localhost:${port}/dashboard/auth/callback`);
    } finally {
      await h.stop();
    }
  }, 30_000);

  it('not at all with DASHBOARD=off, even with client credentials set', async () => {
    const h = await startHarness({ env: { ...DASHBOARD_ENV, DASHBOARD: 'off' } });
    try {
      expect(h.config.dashboard).toBeUndefined();
      const base = new URL(h.eventsUrl).origin;
      expect((await fetch(`${base}/dashboard`)).status).toBe(404);
      expect((await fetch(`${base}/dashboard/auth/login`, { redirect: 'manual' })).status).toBe(404);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await h.stop();
    }
  }, 30_000);
});
