import crypto from 'node:crypto';

/** Slack's v0 request signature: `v0=` + hex HMAC-SHA256(secret, `v0:<timestamp>:<raw body>`). */
export function signRequest(signingSecret: string, timestampSec: number, body: string): string {
  return `v0=${crypto.createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

/** The headers Slack adds to every request it sends an app over HTTP. */
export function signedHeaders(signingSecret: string, nowMs: number, body: string): Record<string, string> {
  const ts = Math.floor(nowMs / 1000);
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signRequest(signingSecret, ts, body) };
}
