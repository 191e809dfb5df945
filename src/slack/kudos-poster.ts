import type { WebClient } from '@slack/web-api';
import type { KnownBlock } from '@slack/types';
import type { Logger } from '../logger';
import type { Clock } from '../domain/ports';
import type { Kudos } from '../domain/kudos';
import type { KudosDelivery, PostOutcome } from '../domain/kudos-service';
import { kudosChannelPost, kudosRecipientDm } from './ui/kudos-post';
import { valuesInActionMessage } from './ui/kudos-summary';

/**
 * The Slack side of recognition. KUDOS_CHANNEL may be an id (C…/G…, preferred: no lookup) or a
 * name (#kudos), resolved once with conversations.list (channels:read; groups:read for private ones).
 * A 429 is waited out (Retry-After) and the same post retried at most twice: a rate-limited call
 * posted nothing, so the retry cannot duplicate it.
 */
export interface KudosPosterOptions {
  client: WebClient;
  channel?: string;
  clock: Clock;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** Longest Retry-After we are willing to wait inside a request. */
  maxWaitMs?: number;
}

type Message = { text: string; blocks: KnownBlock[] };
const RATE_LIMITED = 'slack_webapi_rate_limited_error';
const RETRIES = 2;
const NAME_CACHE_MS = 10 * 60_000;

const errorOf = (err: unknown) => (err as { data?: { error?: string } }).data?.error ?? (err as { code?: string }).code ?? 'unknown_error';

/** The channel as people know it, for messages: `<#C123>` for an id, `#kudos` for a name. */
export function kudosChannelLabel(channel: string | undefined): string | undefined {
  if (!channel) return undefined;
  return /^[CG][A-Z0-9]+$/.test(channel) ? `<#${channel}>` : `#${channel.replace(/^#/, '')}`;
}

export function createKudosPoster(options: KudosPosterOptions): KudosDelivery {
  const { client, channel, logger, clock } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  let resolved: { id?: string; at: number } | undefined;

  async function withRateLimit<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await call();
      } catch (err) {
        const e = err as { code?: string; retryAfter?: number };
        if (e.code !== RATE_LIMITED || attempt >= RETRIES) throw err;
        const waitMs = Math.min(maxWaitMs, Math.max(1, e.retryAfter ?? 1) * 1000);
        logger?.warn({ attempt: attempt + 1, waitMs }, 'kudos: rate limited by Slack, waiting Retry-After');
        await sleep(waitMs);
      }
    }
  }

  async function channelId(now: number): Promise<string | undefined> {
    if (!channel) return undefined;
    if (/^[CG][A-Z0-9]+$/.test(channel)) return channel;
    if (resolved && (resolved.id || now - resolved.at < NAME_CACHE_MS)) return resolved.id;
    const name = channel.replace(/^#/, '').toLowerCase();
    let cursor: string | undefined;
    let id: string | undefined;
    do {
      const res = await withRateLimit(() =>
        client.conversations.list({ types: 'public_channel,private_channel', exclude_archived: false, limit: 1000, cursor }),
      );
      id = res.channels?.find((c) => c.name?.toLowerCase() === name)?.id;
      cursor = res.response_metadata?.next_cursor || undefined;
    } while (!id && cursor);
    resolved = { id, at: now };
    return id;
  }

  async function post(target: string, message: Message): Promise<PostOutcome> {
    let joined = false;
    for (;;) {
      try {
        const res = await withRateLimit(() => client.chat.postMessage({ channel: target, ...message, unfurl_links: false, unfurl_media: false }));
        return { status: 'posted', channel: String(res.channel ?? target), ts: String(res.ts) };
      } catch (err) {
        const code = errorOf(err);
        if (code === 'is_archived') return { status: 'not_posted', reason: 'channel_archived', channel: target };
        if (code === 'channel_not_found') return { status: 'not_posted', reason: 'channel_not_found', channel: target };
        if (code !== 'not_in_channel' || joined) return { status: 'failed', error: code, channel: target };
        const blocked = await joinIfPublic(target);
        if (blocked) return blocked;
        joined = true;
      }
    }
  }

  /** The bot joins a public channel by itself; a private or archived one needs a person. */
  async function joinIfPublic(target: string): Promise<PostOutcome | undefined> {
    try {
      const info = await withRateLimit(() => client.conversations.info({ channel: target }));
      if (info.channel?.is_archived) return { status: 'not_posted', reason: 'channel_archived', channel: target };
      if (info.channel?.is_private) return { status: 'not_posted', reason: 'private_channel', channel: target };
      await withRateLimit(() => client.conversations.join({ channel: target }));
      logger?.info({ channel: target }, 'kudos: joined the kudos channel');
      return undefined;
    } catch (err) {
      const code = errorOf(err);
      if (code === 'is_archived') return { status: 'not_posted', reason: 'channel_archived', channel: target };
      if (code === 'channel_not_found' || code === 'method_not_supported_for_channel_type') {
        return { status: 'not_posted', reason: 'private_channel', channel: target };
      }
      return { status: 'failed', error: code, channel: target };
    }
  }

  async function toChannel(message: Message): Promise<PostOutcome> {
    if (!channel) return { status: 'not_posted', reason: 'no_channel_configured' };
    const id = await channelId(clock.now());
    if (!id) return { status: 'not_posted', reason: 'channel_not_found' };
    return post(id, message);
  }

  return {
    postToChannel: (kudos: Kudos) =>
      toChannel(
        kudosChannelPost({ giverId: kudos.giverId, recipientIds: kudos.recipientIds, value: kudos.value, message: kudos.message, source: kudos.source }),
      ),
    async notifyRecipients(kudos: Kudos) {
      const results = await Promise.all(
        kudos.recipientIds.map(async (id) => {
          const dm = kudosRecipientDm({ giverId: kudos.giverId, recipientIds: kudos.recipientIds, value: kudos.value, message: kudos.message, source: kudos.source });
          try {
            await sendDirect(client, id, dm, withRateLimit);
            return undefined;
          } catch (err) {
            logger?.warn({ recipient: id, error: errorOf(err) }, 'kudos: could not DM a recipient');
            return id;
          }
        }),
      );
      return results.filter((id): id is string => id !== undefined);
    },
    postSummary: (summary) => toChannel(valuesInActionMessage(summary)),
  };
}

/** A private message from the app to one person (their DM with Leadwell). */
export async function sendDirect(
  client: WebClient,
  userId: string,
  message: Message,
  wrap: <T>(call: () => Promise<T>) => Promise<T> = (call) => call(),
): Promise<void> {
  const opened = await wrap(() => client.conversations.open({ users: userId }));
  const dm = opened.channel?.id;
  if (!dm) throw new Error('conversations.open returned no channel');
  await wrap(() => client.chat.postMessage({ channel: dm, ...message, unfurl_links: false, unfurl_media: false }));
}
