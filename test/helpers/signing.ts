import crypto from 'node:crypto';

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${crypto.createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedPostOptions {
  secret: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  contentType?: string;
  headers?: Record<string, string>;
  signature?: string;
}

/** POSTs a body to the app exactly as Slack does: v0 signature over the raw bytes. */
export async function signedPost(url: string, body: string, o: SignedPostOptions): Promise<{ status: number; text: string; headers: Headers }> {
  const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': o.contentType ?? (body.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded'),
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': o.signature ?? sign(o.secret, ts, body),
      ...o.headers,
    },
    body,
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

export function slashCommandBody(fields: Record<string, string>): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0LEADWELL',
    team_domain: 'leadwell',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: 'U0MANAGER',
    user_name: 'manager',
    command: '/oneonone',
    text: '',
    api_app_id: 'A0LEADWELL',
    response_url: 'http://127.0.0.1:9/response',
    trigger_id: '1.2.abc',
    ...fields,
  }).toString();
}
