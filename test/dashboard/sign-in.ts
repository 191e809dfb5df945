import type { Harness } from '../helpers/harness';
import { DEFAULT_OIDC_CLIENT } from '../../tools/emulator/oidc';

/** A tiny cookie jar and the Sign in with Slack round trip through the emulator, as a browser does it. */
export class Browser {
  cookies = new Map<string, string>();

  /** `always`: headers on every request, e.g. what a TLS-terminating proxy adds (x-forwarded-proto). */
  constructor(
    readonly base: string,
    readonly always: Record<string, string> = {},
  ) {}

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (value === '' || /Max-Age=0/.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(new URL(path, this.base), { redirect: 'manual', headers: { ...this.always, cookie: this.header(), ...headers } });
    this.take(res);
    return res;
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(new URL(path, this.base), {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams(form),
      headers: { ...this.always, cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
    this.take(res);
    return res;
  }
}

/** Starts sign-in, approves on the emulator's page as `userId`, and returns the callback URL (not yet visited). */
export async function authorise(b: Browser, userId: string): Promise<string> {
  const login = await b.get('/dashboard/auth/login');
  const at = new URL(login.headers.get('location')!);
  const form = new URLSearchParams({ ...Object.fromEntries(at.searchParams), user: userId, decision: 'allow' });
  const approved = await fetch(new URL('/openid/connect/authorize', at), { method: 'POST', body: form, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return approved.headers.get('location')!;
}

export async function signIn(h: Harness, userId: string): Promise<Browser> {
  const b = new Browser(h.config.dashboard!.publicUrl);
  const callback = await b.get(await authorise(b, userId));
  if (callback.status !== 303) throw new Error(`sign-in failed: ${callback.status} ${await callback.text()}`);
  return b;
}

/** The dashboard on, with the emulator's Sign in with Slack client. */
export const DASHBOARD_ENV: Record<string, string> = { SLACK_CLIENT_ID: DEFAULT_OIDC_CLIENT.clientId, SLACK_CLIENT_SECRET: DEFAULT_OIDC_CLIENT.clientSecret };
