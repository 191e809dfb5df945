import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { projectRoot } from '../../src/project-root';
import { actionSchema, runAction, type PlaygroundActionDeps } from './playground-actions';
import { snapshotFor } from './playground-state';
import type { DemoOrg } from './seed';
import type { RawRequest, RawResponse } from './server';
import { USER_COOKIE } from './oidc';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The page's files: a fixed folder, names checked so no path leaves it. */
function staticFile(name: string): RawResponse | undefined {
  if (!/^[a-z0-9-]+\.(html|js|css|svg)$/.test(name)) return undefined;
  const file = path.join(projectRoot(), 'tools', 'emulator', 'web', name);
  if (!fs.existsSync(file)) return undefined;
  return { status: 200, headers: { 'content-type': TYPES[path.extname(name)] ?? 'text/plain', 'cache-control': 'no-store' }, body: fs.readFileSync(file) };
}

/** Commands and shortcuts as manifest.yml declares them: the page offers exactly what Slack would. */
function manifestEntries(): Record<string, unknown> {
  const manifest = YAML.parse(fs.readFileSync(path.join(projectRoot(), 'manifest.yml'), 'utf8')) as {
    features?: { slash_commands?: unknown[]; shortcuts?: unknown[] };
  };
  return { commands: manifest.features?.slash_commands ?? [], shortcuts: manifest.features?.shortcuts ?? [] };
}

function json(status: number, body: Record<string, unknown>): RawResponse {
  return { status, headers: { 'cache-control': 'no-store' }, body };
}

/**
 * Only this machine's pages may drive the playground: a Host that is not loopback (DNS rebinding) is refused, and
 * actions must be JSON, which a page on another origin cannot send without a CORS preflight the server never grants.
 */
function refused(req: RawRequest): RawResponse | undefined {
  const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
  if (!['localhost', '127.0.0.1', '[::1]'].includes(host)) return json(403, { ok: false, error: 'the playground answers on localhost only' });
  if (req.method === 'POST' && !String(req.headers['content-type'] ?? '').startsWith('application/json')) return json(415, { ok: false, error: 'send JSON' });
  return undefined;
}

/**
 * The page's Dashboard link: this browser is now "signed in to Slack" as the persona (the emulator's cookie, as
 * Slack's own session would be), and the app's Sign in with Slack starts, so the dashboard opens as them.
 */
function openDashboard(req: RawRequest, dashboardUrl: string, emulator: PlaygroundActionDeps['emulator']): RawResponse {
  const user = req.query.get('user') ?? '';
  if (!emulator.state.users.has(user)) return json(404, { ok: false, error: `unknown user ${user}` });
  // The authorisation page is on the emulator's own origin (SLACK_API_URL's host): the cookie must be set there.
  const origin = new URL(emulator.origin);
  if (req.headers.host !== origin.host) return { status: 302, headers: { location: `${emulator.origin}/play/dashboard?user=${encodeURIComponent(user)}` }, body: '' };
  return { status: 302, headers: { location: `${dashboardUrl}/auth/login`, 'set-cookie': `${USER_COOKIE}=${user}; Path=/; HttpOnly; SameSite=Lax` }, body: '' };
}

/**
 * The playground's own routes on the emulator's server: the page (`/`, `/web/*`), a state read
 * (`GET /play/state?user=U…&since=N`) and one action endpoint (`POST /play/do`) that drives the app like Slack.
 */
export function createPlaygroundRoutes(deps: PlaygroundActionDeps & { org: DemoOrg; version: () => number; dashboardUrl: string }) {
  const { emulator, org, clock } = deps;
  return async (req: RawRequest): Promise<RawResponse | undefined> => {
    const refusal = refused(req);
    if (refusal) return refusal;
    if (req.method === 'GET' && (req.path === '/' || req.path === '/index.html')) return staticFile('index.html');
    if (req.method === 'GET' && req.path.startsWith('/web/')) return staticFile(req.path.slice('/web/'.length));
    if (req.method === 'GET' && req.path === '/play/manifest') return json(200, manifestEntries());
    if (req.method === 'GET' && req.path === '/play/dashboard') return openDashboard(req, deps.dashboardUrl, emulator);
    if (req.method === 'GET' && req.path === '/play/state') {
      const me = req.query.get('user') ?? org.defaultUserId;
      if (!emulator.state.users.has(me)) return json(404, { error: `unknown user ${me}` });
      const since = Number(req.query.get('since') ?? -1);
      if (since === deps.version()) return json(200, { version: since, unchanged: true });
      return json(200, { ...snapshotFor(emulator, org, me, deps.version(), clock.now() - Date.now()), defaultUser: org.defaultUserId });
    }
    if (req.method === 'POST' && req.path === '/play/do') {
      let raw: unknown;
      try {
        raw = JSON.parse(req.body.toString('utf8'));
      } catch {
        return json(400, { ok: false, error: 'body is not JSON' });
      }
      const parsed = actionSchema.safeParse(raw);
      if (!parsed.success) return json(400, { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      try {
        return json(200, { ...(await runAction(deps, parsed.data)) });
      } catch (err) {
        // A driver refusal (no such element, no modal open…) is a page problem, shown to the person.
        return json(409, { ok: false, error: err instanceof Error ? err.message : String(err) });
      }
    }
    return undefined;
  };
}
