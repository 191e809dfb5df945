import crypto from 'node:crypto';
import type { RawRequest, RawResponse } from './server';
import type { EmulatorState } from './state';
import { SlackApiError, type Json } from './types';
import type { MethodHandler } from './web-api';

/**
 * Sign in with Slack (OpenID Connect), emulated: the authorisation page a browser is sent to, and the two Web API
 * methods the app calls server to server (openid.connect.token, openid.connect.userInfo). Who is "signed in to
 * Slack" in this browser is the `emulator_user` cookie (the playground's Dashboard link sets it to the persona);
 * the page lets a person pick someone else. Codes are single-use and short-lived, bound to the client, the
 * redirect URI and the nonce, as Slack binds them. Real time throughout: the app checks the ID token's expiry
 * against real time, whatever the playground's clock says.
 */

export interface OidcClient {
  clientId: string;
  clientSecret: string;
}

export const DEFAULT_OIDC_CLIENT: OidcClient = { clientId: '1000000001.2000000002', clientSecret: 'emulatorclientsecret0123456789ab' };
export const ISSUER = 'https://slack.com';
export const USER_COOKIE = 'emulator_user';
const CODE_MS = 10 * 60_000;

interface PendingCode {
  userId: string;
  clientId: string;
  redirectUri: string;
  nonce?: string;
  expiresAt: number;
  used: boolean;
}

const esc = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const b64 = (v: object | string) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

function cookieUser(req: RawRequest): string | undefined {
  const m = /(?:^|;\s*)emulator_user=([A-Z0-9]+)/.exec(String(req.headers.cookie ?? ''));
  return m?.[1];
}

export function createOidc(state: EmulatorState, client: OidcClient) {
  const codes = new Map<string, PendingCode>();
  const tokens = new Map<string, string>();
  const people = () => [...state.users.values()].filter((u) => !u.isBot && !u.deleted);

  function page(q: URLSearchParams, current: string | undefined, problem?: string): RawResponse {
    const options = people()
      .map((u) => `<option value="${esc(u.id)}"${u.id === current ? ' selected' : ''}>${esc(u.realName || u.name)}</option>`)
      .join('');
    const hidden = ['client_id', 'redirect_uri', 'state', 'nonce', 'scope']
      .map((k) => `<input type="hidden" name="${k}" value="${esc(q.get(k) ?? '')}">`)
      .join('');
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Sign in with Slack (emulator)</title></head>
<body><main><h1>Sign in to Leadwell with Slack</h1><p>Local Slack emulator: nothing leaves this machine.</p>
${problem ? `<p role="alert">${esc(problem)}</p>` : ''}
<form method="post" action="/openid/connect/authorize">${hidden}
<label>Signed in to ${esc(state.team.name)} as <select name="user">${options}</select></label>
<p>Leadwell will learn who you are (your Slack user id, workspace and name).</p>
<button type="submit" name="decision" value="allow">Allow</button> <button type="submit" name="decision" value="cancel">Cancel</button>
</form></main></body></html>`;
    return { status: problem ? 400 : 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body };
  }

  function approve(req: RawRequest): RawResponse {
    const form = new URLSearchParams(req.body.toString('utf8'));
    const redirectUri = form.get('redirect_uri') ?? '';
    if (form.get('client_id') !== client.clientId || !/^https?:\/\//.test(redirectUri)) return page(form, undefined, 'Unknown app or redirect URL.');
    const back = new URL(redirectUri);
    back.searchParams.set('state', form.get('state') ?? '');
    const userId = form.get('user') ?? '';
    if (form.get('decision') !== 'allow') {
      back.searchParams.set('error', 'access_denied');
    } else {
      if (!people().some((u) => u.id === userId)) return page(form, undefined, 'Pick who you are.');
      const code = crypto.randomBytes(16).toString('hex');
      codes.set(code, { userId, clientId: client.clientId, redirectUri, nonce: form.get('nonce') ?? undefined, expiresAt: Date.now() + CODE_MS, used: false });
      back.searchParams.set('code', code);
    }
    return { status: 302, headers: { location: back.toString(), 'set-cookie': `${USER_COOKIE}=${userId}; Path=/; HttpOnly; SameSite=Lax` }, body: '' };
  }

  function idToken(userId: string, nonce: string | undefined): string {
    const now = Math.floor(Date.now() / 1000);
    const user = state.users.get(userId);
    const claims = {
      iss: ISSUER, sub: userId, aud: client.clientId, exp: now + 3600, iat: now, auth_time: now, nonce,
      'https://slack.com/user_id': userId, 'https://slack.com/team_id': state.team.id, name: user?.realName ?? user?.name,
    };
    return `${b64({ alg: 'RS256', typ: 'JWT', kid: 'emulator' })}.${b64(claims)}.${b64('emulator-signature')}`;
  }

  const handlers: Record<string, MethodHandler> = {
    'openid.connect.token': (args: Json) => {
      if (args.client_id !== client.clientId) throw new SlackApiError('invalid_client_id', 'not the emulator\'s client id');
      if (args.client_secret !== client.clientSecret) throw new SlackApiError('bad_client_secret', 'not the emulator\'s client secret');
      const pending = codes.get(String(args.code ?? ''));
      if (!pending || pending.used || pending.expiresAt < Date.now()) throw new SlackApiError('invalid_code', 'unknown, used or expired code');
      pending.used = true; // single use, even when the rest of the call is refused
      if (args.redirect_uri !== pending.redirectUri) throw new SlackApiError('bad_redirect_uri', 'redirect_uri differs from the authorisation request');
      const token = `xoxp-${crypto.randomBytes(12).toString('hex')}`;
      tokens.set(token, pending.userId);
      return { access_token: token, token_type: 'Bearer', id_token: idToken(pending.userId, pending.nonce) };
    },
    'openid.connect.userInfo': (_args: Json, ctx) => {
      const userId = ctx.token ? tokens.get(ctx.token) : undefined;
      if (!userId) throw new SlackApiError('invalid_auth', 'not a token from openid.connect.token');
      const user = state.users.get(userId);
      return { sub: userId, 'https://slack.com/user_id': userId, 'https://slack.com/team_id': state.team.id, name: user?.realName ?? user?.name ?? '', email_verified: false };
    },
  };

  return {
    client,
    handlers,
    /** xoxp- tokens this emulator issued through openid.connect.token. */
    isUserToken: (token: string) => tokens.has(token),
    route(req: RawRequest): RawResponse | undefined {
      if (req.path !== '/openid/connect/authorize') return undefined;
      if (req.method === 'GET') return page(req.query, req.query.get('login_hint') ?? cookieUser(req) ?? people()[0]?.id);
      if (req.method === 'POST') return approve(req);
      return { status: 405, body: 'method not allowed' };
    },
  };
}
