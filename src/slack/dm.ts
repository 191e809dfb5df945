import type { WebClient } from '@slack/web-api';
import type { KnownBlock } from '@slack/types';

export interface DmMessage {
  text: string;
  blocks?: KnownBlock[];
}

const RATE_LIMITED = 'slack_webapi_rate_limited_error';

export interface RetryAfterOptions {
  /** Retries after a 429 (the client rejects 429s rather than pausing its whole queue). */
  retries?: number;
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onWait?: (attempt: number, waitMs: number) => void;
}

/** Runs a Web API call, waiting out Slack's Retry-After on a 429 up to `retries` times; other errors pass through. */
export async function withRetryAfter<T>(call: () => Promise<T>, options: RetryAfterOptions = {}): Promise<T> {
  const retries = options.retries ?? 1;
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (err) {
      const e = err as { code?: string; retryAfter?: number };
      if (e.code !== RATE_LIMITED || attempt >= retries) throw err;
      const waitMs = Math.min(maxWaitMs, Math.max(1, e.retryAfter ?? 1) * 1000);
      options.onWait?.(attempt + 1, waitMs);
      await sleep(waitMs);
    }
  }
}

/**
 * A private message from the app to one person, in their DM with Leadwell. `wrap` decorates each
 * Web API call (e.g. with withRetryAfter); a missing DM channel is reported as channel_not_found.
 */
export async function postDm(
  client: WebClient,
  userId: string,
  message: DmMessage,
  wrap: <T>(call: () => Promise<T>) => Promise<T> = (call) => call(),
): Promise<{ channel: string; ts: string }> {
  const opened = await wrap(() => client.conversations.open({ users: userId }));
  const channel = opened.channel?.id;
  if (!channel) throw Object.assign(new Error('conversations.open returned no channel'), { code: 'channel_not_found' });
  const res = await wrap(() =>
    client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false }),
  );
  return { channel, ts: res.ts ?? '' };
}
