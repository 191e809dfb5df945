import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DashboardConfig } from '../../config-dashboard';
import type { Logger } from '../../logger';
import { isDomainError } from '../../domain/errors';
import { parseDashboardQuery } from '../../domain/dashboard/query';
import type { DashboardService } from '../../domain/dashboard/dashboard-service';
import type { Claims } from '../../domain/ports';
import { readAsset } from './assets';
import { dashboardCsv } from './csv';
import { clientAddress, cookie, html, isHttps, parseCookies, readForm, redirect, send, type Reply } from './http';
import { nothingPage, problemPage, signInPage } from './layout';
import { authorizeLocation, completeSignIn, type OidcOptions } from './oidc';
import { dashboardPage } from './page';
import { createRateLimiter } from './rate-limit';
import { createRevocations, csrfToken, deriveKey, isLoginState, isSession, randomToken, sameText, seal, unseal, type Session } from './session';
import { pageTables } from './tables';

export interface DashboardRoutesDeps {
  config: DashboardConfig;
  apiUrl: string;
  service: DashboardService;
  /** Only people of the workspace this app is installed in may sign in. */
  isInstallation(teamId: string): boolean;
  audit?: { record(kind: 'report.viewed' | 'report.exported', actorId: string, subjectId?: string, data?: Record<string, unknown>): void };
  logger: Logger;
  /** Where sign-outs are kept: the database every instance shares. */
  claims: Claims;
  /** Real time: sessions and sign-in windows. */
  now: () => number;
  fetch?: typeof fetch;
  signInLimit?: { limit: number; windowMs: number };
}

/** What Bolt's customRoutes take (HTTP receiver and Socket Mode receiver alike). */
export interface WebRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

const SIGNIN_MINUTES = 10;

interface CookieJar {
  session: { name: string; path: string };
  signin: { name: string; path: string };
}

/**
 * Behind HTTPS the cookies carry the `__Host-` prefix, which browsers take only when the cookie is Secure, has
 * Path=/ and no Domain, set by this exact host: a neighbouring subdomain (another team's app on the same parent
 * domain) cannot plant its own session or sign-in state here (login CSRF, session fixation). The sealed values
 * already stop forgery; this stops a genuine cookie of someone else being pushed in. Plain HTTP (a local run)
 * cannot use the prefix, so there the cookies keep their names and narrower paths.
 */
function cookieJar(secure: boolean): CookieJar {
  return secure
    ? { session: { name: '__Host-leadwell_session', path: '/' }, signin: { name: '__Host-leadwell_signin', path: '/' } }
    : { session: { name: 'leadwell_session', path: '/dashboard' }, signin: { name: 'leadwell_signin', path: '/dashboard/auth' } };
}

export function createDashboardRoutes(deps: DashboardRoutesDeps): WebRoute[] {
  const { config, logger } = deps;
  const keys = { session: deriveKey(config.clientSecret, 'session'), signin: deriveKey(config.clientSecret, 'signin'), csrf: deriveKey(config.clientSecret, 'csrf') };
  const oidc: OidcOptions = { ...config, apiUrl: deps.apiUrl, now: deps.now, fetch: deps.fetch };
  const limiter = createRateLimiter({ ...(deps.signInLimit ?? { limit: 20, windowMs: 60_000 }), now: deps.now });
  const revocations = createRevocations(deps.claims, deps.now);

  const sessionOf = async (req: IncomingMessage, secure: boolean): Promise<Session | undefined> => {
    const s = unseal(keys.session, parseCookies(req).get(cookieJar(secure).session.name), deps.now(), isSession);
    return s && deps.isInstallation(s.teamId) && !(await revocations.isRevoked(s)) ? s : undefined;
  };
  const setCookie = (secure: boolean, which: keyof CookieJar, value: string, maxAgeSeconds: number) => {
    const { name, path } = cookieJar(secure)[which];
    return cookie(name, value, { secure, path, maxAgeSeconds });
  };

  function login(req: IncomingMessage, secure: boolean): Reply {
    const state = randomToken();
    const nonce = randomToken();
    const value = seal(keys.signin, { state, nonce, expiresAt: deps.now() + SIGNIN_MINUTES * 60_000 });
    return redirect(authorizeLocation(oidc, state, nonce), { 'set-cookie': setCookie(secure, 'signin', value, SIGNIN_MINUTES * 60) }, 302);
  }

  async function callback(req: IncomingMessage, url: URL, secure: boolean): Promise<Reply> {
    const clear = setCookie(secure, 'signin', '', 0);
    const pending = unseal(keys.signin, parseCookies(req).get(cookieJar(secure).signin.name), deps.now(), isLoginState);
    const state = url.searchParams.get('state') ?? '';
    const code = url.searchParams.get('code') ?? '';
    if (url.searchParams.get('error')) return html(200, signInPage('Sign-in was cancelled in Slack. You can try again.'), { 'set-cookie': clear });
    if (!pending || !sameText(state, pending.state) || code === '' || code.length > 500) {
      logger.warn({ why: pending ? 'state mismatch' : 'no sign-in in progress' }, 'dashboard sign-in refused');
      return html(400, signInPage('That sign-in link has expired or was not started here. Please sign in again.'), { 'set-cookie': clear });
    }
    const result = await completeSignIn(oidc, code, pending.nonce);
    if (!result.ok) {
      logger.warn({ why: result.reason }, 'dashboard sign-in refused');
      return html(400, signInPage('Slack did not confirm the sign-in. Please try again.'), { 'set-cookie': clear });
    }
    if (!deps.isInstallation(result.teamId)) return html(403, problemPage('Wrong workspace', 'This Leadwell belongs to another Slack workspace. Sign in with your account in the workspace where Leadwell is installed.'), { 'set-cookie': clear });
    const session: Session = { userId: result.userId, teamId: result.teamId, sid: randomToken(), expiresAt: deps.now() + config.sessionHours * 3_600_000 };
    logger.info({ user: session.userId }, 'dashboard sign-in');
    return redirect('/dashboard', { 'set-cookie': [clear, setCookie(secure, 'session', seal(keys.session, session), config.sessionHours * 3600)] });
  }

  /** Sign-out changes state: a CSRF token from the page, and the browser must not say the form came from elsewhere. */
  async function logout(req: IncomingMessage, secure: boolean): Promise<Reply> {
    const session = await sessionOf(req, secure);
    const form = await readForm(req);
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const sameSite = (site === undefined || site === 'same-origin') && (origin === undefined || origin === config.publicUrl);
    if (session && (!form || !sameSite || !sameText(form.get('csrf') ?? '', csrfToken(keys.csrf, session)))) {
      logger.warn({ why: !sameSite ? 'cross-site sign-out' : 'bad csrf token' }, 'dashboard request refused');
      return html(403, problemPage('Request refused', 'That request did not come from this dashboard. Use the Sign out button on the page.'));
    }
    if (session) await revocations.revoke(session);
    return redirect('/dashboard', { 'set-cookie': setCookie(secure, 'session', '', 0) });
  }

  async function page(session: Session, url: URL, csv: boolean): Promise<Reply> {
    const csrf = csrfToken(keys.csrf, session);
    const view = await deps.service.view(session.userId, parseDashboardQuery(url.searchParams));
    if (view.kind === 'nothing') return html(200, nothingPage(view.viewer.name, csrf));
    const scope = view.scope.kind === 'org' ? undefined : view.scope.id;
    if (!csv) {
      deps.audit?.record('report.viewed', session.userId, scope, { via: 'dashboard', period: view.query.period });
      return html(200, dashboardPage(view, csrf));
    }
    deps.audit?.record('report.exported', session.userId, scope, { via: 'dashboard', managers: view.managers.length });
    const day = new Date(deps.now()).toISOString().slice(0, 10);
    const name = `leadwell-dashboard-${view.query.scope === 'org' ? 'org' : view.query.scope}-${view.query.period}-${day}.csv`;
    return { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` }, body: dashboardCsv(pageTables(view)) };
  }

  async function route(req: IncomingMessage, url: URL, secure: boolean): Promise<Reply> {
    const path = url.pathname.replace(/\/$/, '') || '/';
    const method = req.method ?? 'GET';
    if (path.startsWith('/dashboard/static/') && method === 'GET') {
      const asset = readAsset(path.slice('/dashboard/static/'.length));
      return asset ? { status: 200, headers: { 'content-type': asset.type, 'cache-control': 'public, max-age=3600' }, body: asset.body } : html(404, problemPage('Not found', 'There is no such page.'));
    }
    if (path === '/dashboard/auth/login' || path === '/dashboard/auth/callback') {
      const wait = limiter.take(clientAddress(req, config.trustProxy));
      if (wait !== undefined) return html(429, problemPage('Too many sign-in attempts', `Please wait ${wait} seconds and try again.`), { 'retry-after': String(wait) });
      if (method !== 'GET') return html(405, problemPage('Not allowed', 'Use the Sign in with Slack button.'), { allow: 'GET' });
      return path === '/dashboard/auth/login' ? login(req, secure) : callback(req, url, secure);
    }
    if (path === '/dashboard/auth/logout') return method === 'POST' ? logout(req, secure) : html(405, problemPage('Not allowed', 'Use the Sign out button on the page.'), { allow: 'POST' });
    if (path !== '/dashboard' && path !== '/dashboard/export.csv') return html(404, problemPage('Not found', 'There is no such page.'));
    if (method !== 'GET') return html(405, problemPage('Not allowed', 'This page only shows figures.'), { allow: 'GET' });
    const session = await sessionOf(req, secure);
    if (!session) return path === '/dashboard' ? html(200, signInPage()) : redirect('/dashboard');
    try {
      return await page(session, url, path === '/dashboard/export.csv');
    } catch (err) {
      if (!isDomainError(err)) throw err;
      return html(403, problemPage('Not yours to see', err.userMessage, { csrf: csrfToken(keys.csrf, session), name: session.userId }));
    }
  }

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const secure = isHttps(req, config.publicUrl, config.trustProxy);
    route(req, url, secure)
      .then((reply) => send(res, reply, secure))
      .catch((err: unknown) => {
        logger.error({ errName: (err as Error | undefined)?.name, code: (err as { code?: unknown } | undefined)?.code }, 'dashboard request failed');
        send(res, html(500, problemPage('Something went wrong', 'The dashboard could not be shown. Please try again in a moment.')), secure);
      });
  };
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  return [
    { path: '/dashboard', method: methods, handler },
    { path: '/dashboard/*rest', method: methods, handler },
  ];
}
