import crypto from 'node:crypto';
import type { Claims } from '../../domain/ports';

/**
 * Signed cookie values: base64url(JSON) + "." + HMAC-SHA256. The key is derived from the app's client secret, so
 * only this app mints sessions; nothing in the cookie is secret, it only must not be forged or altered.
 */

export interface Session {
  /** Slack user and workspace. */
  userId: string;
  teamId: string;
  /** A random id: the CSRF token is derived from it, and sign-out revokes it. */
  sid: string;
  expiresAt: number;
}

export interface LoginState {
  state: string;
  nonce: string;
  expiresAt: number;
}

export function deriveKey(clientSecret: string, purpose: string): Buffer {
  return crypto.createHmac('sha256', clientSecret).update(`leadwell-dashboard:${purpose}`).digest();
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function mac(key: Buffer, payload: string): string {
  return crypto.createHmac('sha256', key).update(payload).digest('base64url');
}

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export function seal(key: Buffer, value: object): string {
  const payload = b64(JSON.stringify(value));
  return `${payload}.${mac(key, payload)}`;
}

/** The value if the signature holds and it has not expired; anything else (tampered, truncated, old) is undefined. */
export function unseal<T extends { expiresAt: number }>(key: Buffer, raw: string | undefined, now: number, check: (v: unknown) => v is T): T | undefined {
  if (!raw || raw.length > 4096) return undefined;
  const [payload, signature, extra] = raw.split('.');
  if (!payload || !signature || extra !== undefined || !sameText(signature, mac(key, payload))) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  return check(value) && value.expiresAt > now ? value : undefined;
}

const str = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length < 200;

export function isSession(v: unknown): v is Session {
  const s = v as Partial<Session> | null;
  return typeof s === 'object' && s !== null && str(s.userId) && str(s.teamId) && str(s.sid) && typeof s.expiresAt === 'number';
}

export function isLoginState(v: unknown): v is LoginState {
  const s = v as Partial<LoginState> | null;
  return typeof s === 'object' && s !== null && str(s.state) && str(s.nonce) && typeof s.expiresAt === 'number';
}

export function randomToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function csrfToken(key: Buffer, session: Session): string {
  return mac(key, `csrf:${session.sid}`);
}

/**
 * Sessions signed out before they expire: a copied cookie stops working at sign-out, not only at expiry. Kept as
 * claims in the shared database until each session would have expired (then pruned), so a sign-out on one
 * instance is refused on every other. The id is stored hashed: the database never holds a live cookie's sid.
 */
export function createRevocations(claims: Claims, now: () => number) {
  const keyOf = (s: Session) => `dashboard-signed-out:${crypto.createHash('sha256').update(s.sid).digest('base64url')}`;
  return {
    async revoke(s: Session): Promise<void> {
      await claims.take(keyOf(s), s.expiresAt, now());
    },
    isRevoked: (s: Session): Promise<boolean> => claims.held(keyOf(s), now()),
  };
}
