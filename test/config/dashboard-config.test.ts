import { loadConfig } from '../../src/config';
import { configProblems } from '../helpers/config-problems';
import { cookie, isHttps } from '../../src/web/dashboard/http';
import { idTokenProblem, type OidcOptions } from '../../src/web/dashboard/oidc';
import type { IncomingMessage } from 'node:http';

const SOCKET = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', PULSE_ENABLED: 'false' };
const CLIENT = { SLACK_CLIENT_ID: '1234567890.9876543210', SLACK_CLIENT_SECRET: 'abcdef0123456789abcdef0123456789' };

const problems = configProblems;

describe('dashboard configuration', () => {
  it('is off without client credentials, on with them, and off again with DASHBOARD=off', () => {
    expect(loadConfig(SOCKET).dashboard).toBeUndefined();
    const on = loadConfig({ ...SOCKET, ...CLIENT, PORT: '3000' }).dashboard;
    expect(on).toMatchObject({ clientId: CLIENT.SLACK_CLIENT_ID, publicUrl: 'http://localhost:3000', redirectUri: 'http://localhost:3000/dashboard/auth/callback', authorizeUrl: 'https://slack.com/openid/connect/authorize', trustProxy: false, sessionHours: 8 });
    expect(loadConfig({ ...SOCKET, ...CLIENT, PORT: '3000', DASHBOARD: 'off' }).dashboard).toBeUndefined();
    const behindProxy = loadConfig({ ...SOCKET, ...CLIENT, PORT: '3000', DASHBOARD_URL: 'https://leadwell.example.com/', DASHBOARD_TRUST_PROXY: 'true', DASHBOARD_SESSION_HOURS: '12' }).dashboard;
    expect(behindProxy).toMatchObject({ redirectUri: 'https://leadwell.example.com/dashboard/auth/callback', trustProxy: true, sessionHours: 12 });
  });

  it('names each missing or malformed variable on a line of its own, never echoing the secret', () => {
    expect(problems({ ...SOCKET, DASHBOARD: 'on' })).toEqual([
      expect.stringMatching(/^SLACK_CLIENT_ID: missing; DASHBOARD=on/),
      expect.stringMatching(/^SLACK_CLIENT_SECRET: missing/),
      expect.stringMatching(/^PORT: missing; the dashboard is served on PORT/),
    ]);
    const bad = problems({ ...SOCKET, SLACK_CLIENT_ID: 'abc', SLACK_CLIENT_SECRET: 'short!', DASHBOARD: 'maybe', DASHBOARD_URL: 'https://x.example/app', DASHBOARD_TRUST_PROXY: 'yes', DASHBOARD_SESSION_HOURS: '500', PORT: '3000' });
    expect(bad.map((l) => l.split(':')[0]).sort()).toEqual(['DASHBOARD', 'DASHBOARD_SESSION_HOURS', 'DASHBOARD_TRUST_PROXY', 'DASHBOARD_URL', 'SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET']);
    expect(bad.join('\n')).not.toContain('short!');
  });
});

describe('cookies and HTTPS', () => {
  const req = (headers: Record<string, string>) => ({ headers, socket: {} }) as unknown as IncomingMessage;

  it('marks cookies Secure behind HTTPS, trusting X-Forwarded-Proto only when DASHBOARD_TRUST_PROXY is set', () => {
    expect(isHttps(req({}), 'https://leadwell.example.com', false)).toBe(true);
    expect(isHttps(req({ 'x-forwarded-proto': 'https' }), 'http://localhost:3000', false)).toBe(false);
    expect(isHttps(req({ 'x-forwarded-proto': 'https' }), 'http://localhost:3000', true)).toBe(true);
    expect(cookie('s', 'v', { secure: true, path: '/dashboard', maxAgeSeconds: 60 })).toBe('s=v; Path=/dashboard; Max-Age=60; HttpOnly; SameSite=Lax; Secure');
  });

  it('accepts an ID token only from Slack, for this client, unexpired, with the nonce it sent', () => {
    const o = { clientId: 'C1', now: () => 1_000_000 } as OidcOptions;
    const good = { iss: 'https://slack.com', aud: 'C1', exp: 2000, nonce: 'n1' };
    expect(idTokenProblem(good, o, 'n1')).toBeUndefined();
    expect(idTokenProblem({ ...good, nonce: 'n2' }, o, 'n1')).toBe('id_token nonce');
    expect(idTokenProblem({ ...good, aud: 'C2' }, o, 'n1')).toBe('id_token audience');
    expect(idTokenProblem({ ...good, iss: 'https://evil.example' }, o, 'n1')).toBe('id_token issuer');
    expect(idTokenProblem({ ...good, exp: 999 }, o, 'n1')).toBe('id_token expired');
    expect(idTokenProblem(undefined, o, 'n1')).toBe('id_token unreadable');
  });
});
