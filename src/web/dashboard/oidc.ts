/**
 * Sign in with Slack (OpenID Connect, authorisation code flow). The browser goes to Slack's authorisation page
 * with a random `state` (tied to a cookie: no login CSRF) and `nonce`; the code comes back to our callback and is
 * exchanged server to server (openid.connect.token, with the client secret), then openid.connect.userInfo confirms
 * who signed in. The ID token arrives over TLS straight from Slack's token endpoint, so (OIDC Core 3.1.3.7) its
 * issuer, audience, expiry and nonce are checked rather than its signature.
 */

export interface OidcOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  authorizeUrl: string;
  /** SLACK_API_URL: Slack's Web API, or the emulator's. */
  apiUrl: string;
  now: () => number;
  fetch?: typeof fetch;
}

export type SignIn = { ok: true; userId: string; teamId: string } | { ok: false; reason: string };

export const SLACK_ISSUER = 'https://slack.com';

export function authorizeLocation(o: OidcOptions, state: string, nonce: string): string {
  const url = new URL(o.authorizeUrl);
  url.search = new URLSearchParams({ response_type: 'code', scope: 'openid profile', client_id: o.clientId, state, nonce, redirect_uri: o.redirectUri }).toString();
  return url.toString();
}

async function callSlack(o: OidcOptions, method: string, init: RequestInit): Promise<Record<string, unknown>> {
  const res = await (o.fetch ?? fetch)(new URL(method, o.apiUrl), { ...init, signal: AbortSignal.timeout(10_000) });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return res.ok && body.ok === true ? body : { ok: false, error: typeof body.error === 'string' ? body.error : `http_${res.status}` };
}

function claims(idToken: unknown): Record<string, unknown> | undefined {
  if (typeof idToken !== 'string') return undefined;
  const payload = idToken.split('.')[1];
  if (!payload) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Why an ID token is not for us, or undefined when it is. */
export function idTokenProblem(c: Record<string, unknown> | undefined, o: OidcOptions, nonce: string): string | undefined {
  if (!c) return 'id_token unreadable';
  if (c.iss !== SLACK_ISSUER) return 'id_token issuer';
  if (c.aud !== o.clientId) return 'id_token audience';
  if (typeof c.exp !== 'number' || c.exp * 1000 <= o.now()) return 'id_token expired';
  if (c.nonce !== nonce) return 'id_token nonce';
  return undefined;
}

export async function completeSignIn(o: OidcOptions, code: string, nonce: string): Promise<SignIn> {
  const token = await callSlack(o, 'openid.connect.token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: o.clientId, client_secret: o.clientSecret, code, redirect_uri: o.redirectUri, grant_type: 'authorization_code' }).toString(),
  });
  if (token.ok !== true) return { ok: false, reason: `token exchange refused (${String(token.error)})` };
  const c = claims(token.id_token);
  const problem = idTokenProblem(c, o, nonce);
  if (problem || !c) return { ok: false, reason: problem ?? 'id_token' };
  const info = await callSlack(o, 'openid.connect.userInfo', { method: 'POST', headers: { authorization: `Bearer ${String(token.access_token)}` } });
  if (info.ok !== true) return { ok: false, reason: `userInfo refused (${String(info.error)})` };
  const userId = info['https://slack.com/user_id'];
  const teamId = info['https://slack.com/team_id'];
  if (typeof userId !== 'string' || typeof teamId !== 'string' || userId !== c['https://slack.com/user_id'] || teamId !== c['https://slack.com/team_id']) {
    return { ok: false, reason: 'userInfo does not match the id_token' };
  }
  return { ok: true, userId, teamId };
}
