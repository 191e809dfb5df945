import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Small HTTP helpers for the dashboard, over node:http (the routes are Bolt custom routes on the app's own server:
 * a framework would add a dependency for a handful of paths).
 */

/**
 * Strict CSP: scripts and styles only from our own files (no inline script or style element), no framing, forms
 * post only to us. uPlot styles its canvas through the CSSOM, which style-src does not govern.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function securityHeaders(secure: boolean): Record<string, string> {
  return {
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on our own sign-out form.
    'referrer-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    ...(secure ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

export interface Reply {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
}

export function send(res: ServerResponse, reply: Reply, secure: boolean): void {
  if (res.headersSent) return;
  res.writeHead(reply.status, { 'cache-control': 'no-store', ...securityHeaders(secure), ...reply.headers });
  res.end(reply.body ?? '');
}

export function html(status: number, body: string, headers: Record<string, string | string[]> = {}): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

export function redirect(location: string, headers: Record<string, string | string[]> = {}, status = 303): Reply {
  return { status, headers: { location, ...headers } };
}

export function parseCookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    if (!out.has(name)) out.set(name, part.slice(i + 1).trim());
  }
  return out;
}

export interface CookieOptions {
  maxAgeSeconds: number;
  secure: boolean;
  path: string;
}

/** Always HttpOnly and SameSite=Lax (the sign-in callback is a top-level GET from Slack); Secure behind HTTPS. */
export function cookie(name: string, value: string, o: CookieOptions): string {
  return [`${name}=${value}`, `Path=${o.path}`, `Max-Age=${o.maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax', ...(o.secure ? ['Secure'] : [])].join('; ');
}

/** The request's own scheme is http (TLS ends in front of the app); a proxy's word counts only when trusted. */
export function isHttps(req: IncomingMessage, publicUrl: string, trustProxy: boolean): boolean {
  if (publicUrl.startsWith('https:')) return true;
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim();
  return trustProxy && forwarded === 'https';
}

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',')[0]?.trim();
  return (trustProxy && forwarded) || req.socket.remoteAddress || 'unknown';
}

/** A form body (the sign-out form), at most a few kilobytes. */
export async function readForm(req: IncomingMessage, limit = 8192): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return undefined;
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
