import http from 'node:http';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger';

export interface AuthResult {
  botUserId: string;
  teamId: string;
}

export interface WaitOptions {
  client: WebClient;
  apiUrl: string;
  logger: Logger;
  /** Give up after this long without reaching Slack (default 2 minutes). */
  deadlineMs?: number;
  /** The first pause; it doubles up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export class SlackUnreachableError extends Error {
  readonly code = 'slack_unreachable';
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The host an operator should check, from SLACK_API_URL (or Slack's default). */
export function slackHost(apiUrl: string): string {
  try {
    return new URL(apiUrl).host;
  } catch {
    return apiUrl;
  }
}

/**
 * auth.test until Slack answers. A network failure (no DNS, refused, timeout, 5xx) is retried with backoff
 * for a bounded time, naming the host each time; an answer from Slack that refuses the token is final.
 */
export async function waitForSlack(options: WaitOptions): Promise<AuthResult> {
  const { client, logger } = options;
  const deadline = Date.now() + (options.deadlineMs ?? 120_000);
  const sleep = options.sleep ?? realSleep;
  const host = slackHost(options.apiUrl);
  let delay = options.firstDelayMs ?? 1000;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const auth = await client.auth.test();
      if (attempt > 1) logger.info({ host, attempt }, 'reached Slack');
      return { botUserId: String(auth.user_id ?? ''), teamId: String(auth.team_id ?? '') };
    } catch (err) {
      const e = err as { code?: string; statusCode?: number; data?: { error?: string }; original?: { code?: string; message?: string; cause?: { code?: string } } };
      if (e.data?.error) throw err; // Slack answered: a bad token will not get better by waiting.
      // fetch hides the socket error (ECONNREFUSED, ENOTFOUND, ETIMEDOUT) in its cause.
      const reason = e.original?.cause?.code ?? e.original?.code ?? (e.statusCode ? `HTTP ${e.statusCode}` : undefined) ?? e.original?.message ?? e.code ?? 'no answer';
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new SlackUnreachableError(`cannot reach Slack at ${host} (${reason}) after ${attempt} attempts; check the network, a proxy or SLACK_API_URL`);
      }
      const wait = Math.min(delay, left);
      logger.warn({ host, attempt, reason, retryInMs: wait }, `cannot reach Slack at ${host}; retrying`);
      await sleep(wait);
      delay = Math.min(delay * 2, options.maxDelayMs ?? 15_000);
    }
  }
}

/**
 * While Leadwell waits for Slack, /healthz already answers ("starting", 503) so an orchestrator can tell a
 * slow start from a dead process. Closed before the real server takes the port.
 */
export async function startingHealthServer(port: number, body: () => Promise<object>): Promise<{ close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const ok = req.url === '/healthz' || req.url?.startsWith('/healthz?');
    const answer = ok ? body().catch(() => ({ ok: false, status: 'starting' })) : Promise.resolve({ error: 'starting' });
    void answer.then((json) => {
      res.writeHead(ok ? 503 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
