import { signedHeaders } from './signing';
import type { SocketServer } from './socket';
import type { EmulatorState } from './state';
import type { Json } from './types';

export const ACK_DEADLINE_MS = 3000;

export type DriverTarget = { kind: 'http'; url: string } | { kind: 'socket' };

export interface InteractionResult {
  /** HTTP status of the app's answer (200 for a Socket Mode ack). */
  status: number;
  /** The app's answer: parsed JSON, text, or '' when empty (Socket Mode: the ack's payload). */
  body: unknown;
  /** Field errors the app answered with (`response_action: errors`), or the client's own "required" errors. */
  errors?: Record<string, string>;
}

export type Delivery =
  | { kind: 'command'; form: Record<string, string> }
  | { kind: 'interactive'; payload: Json }
  | { kind: 'event'; payload: Json; retryNum?: number; retryReason?: string };

function parseBody(text: string): unknown {
  if (text.trim() === '') return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Sends one request the way Slack sends it: signed HTTP POST, or a Socket Mode envelope. */
export function createTransport(target: DriverTarget, deps: { state: EmulatorState; signingSecret: string; socket: SocketServer }) {
  async function overHttp(url: string, d: Delivery): Promise<InteractionResult> {
    let body: string;
    let contentType = 'application/x-www-form-urlencoded';
    const extra: Record<string, string> = {};
    if (d.kind === 'command') body = new URLSearchParams(d.form).toString();
    else if (d.kind === 'interactive') body = `payload=${encodeURIComponent(JSON.stringify(d.payload))}`;
    else {
      body = JSON.stringify(d.payload);
      contentType = 'application/json';
      if (d.retryNum !== undefined && d.retryNum > 0) {
        extra['x-slack-retry-num'] = String(d.retryNum);
        extra['x-slack-retry-reason'] = d.retryReason ?? 'http_timeout';
      }
    }
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType, 'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)', ...signedHeaders(deps.signingSecret, deps.state.clock.now(), body), ...extra },
      body,
    });
    return { status: res.status, body: parseBody(await res.text()) };
  }

  async function overSocket(d: Delivery): Promise<InteractionResult> {
    const ack =
      d.kind === 'command'
        ? await deps.socket.send('slash_commands', d.form)
        : d.kind === 'interactive'
          ? await deps.socket.send('interactive', d.payload)
          : await deps.socket.send('events_api', d.payload, { retry_attempt: d.retryNum ?? 0, retry_reason: d.retryNum ? (d.retryReason ?? 'timeout') : '' });
    const payload = ack.payload;
    const empty = payload === undefined || (typeof payload === 'object' && payload !== null && Object.keys(payload).length === 0);
    return { status: 200, body: empty ? '' : payload };
  }

  /** Slack gives up on an app that has not answered within 3 s (block-kit/limits.json surfaces."ack.deadline_ms"). */
  return async (d: Delivery): Promise<InteractionResult> => {
    const started = Date.now();
    const result = await (target.kind === 'http' ? overHttp(target.url, d) : overSocket(d));
    const elapsed = Date.now() - started;
    if (elapsed > ACK_DEADLINE_MS) {
      const what = d.kind === 'command' ? d.form.command : d.kind === 'interactive' ? String(d.payload.type) : String((d.payload.event as Json | undefined)?.type);
      deps.state.violations.push({ method: `ack:${d.kind}`, args: { what }, error: 'operation_timeout', detail: `the app answered ${what} after ${elapsed} ms; Slack waits ${ACK_DEADLINE_MS} ms`, rule: 'ack' });
    }
    deps.state.changed();
    return result;
  };
}
