import type { WebClient } from '@slack/web-api';
import { postDm, withRetryAfter } from './dm';
import type { KnownBlock } from '@slack/types';
import type { Logger } from '../logger';
import type { Kudos } from '../domain/kudos';
import type { KudosDelivery, PostOutcome } from '../domain/kudos-service';
import { kudosChannelPost, kudosRecipientDm } from './ui/kudos-post';
import { valuesInActionMessage } from './ui/kudos-summary';

/**
 * The Slack side of recognition. KUDOS_CHANNEL may be an id (C…/G…, preferred: no lookup) or a
 * name (#kudos), resolved with conversations.list (channels:read; groups:read for private ones). Before
 * the first post the bot checks the channel: it joins a public one it is not in; a private channel it
 * is not in, or an archived one, is reported (not_posted) so the giver can be told.
 * A 429 is waited out (Retry-After) and the same post retried at most twice: a rate-limited call
 * posted nothing, so the retry cannot duplicate it.
 */
export interface KudosPosterOptions {
  client: WebClient;
  channel?: string;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** Longest Retry-After we are willing to wait inside a request. */
  maxWaitMs?: number;
}

type Message = { text: string; blocks: KnownBlock[] };
const RETRIES = 2;
const ID = /^[CG][A-Z0-9]+$/;
/** Post errors that mean our picture of the channel is out of date. */
const STALE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

interface ChannelInfo {
  id?: string;
  name?: string;
  is_private?: boolean;
  is_archived?: boolean;
  is_member?: boolean;
}

const errorOf = (err: unknown) => (err as { data?: { error?: string } }).data?.error ?? (err as { code?: string }).code ?? 'unknown_error';

/** The channel as people know it, for messages: `<#C123>` for an id, `#kudos` for a name. */
export function kudosChannelLabel(channel: string | undefined): string | undefined {
  if (!channel) return undefined;
  return /^[CG][A-Z0-9]+$/.test(channel) ? `<#${channel}>` : `#${channel.replace(/^#/, '')}`;
}

export function createKudosPoster(options: KudosPosterOptions): KudosDelivery {
  const { client, channel, logger } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxWaitMs = options.maxWaitMs ?? 30_000;

  const withRateLimit = <T>(call: () => Promise<T>): Promise<T> =>
    withRetryAfter(call, {
      retries: RETRIES,
      maxWaitMs,
      sleep,
      onWait: (attempt, waitMs) => logger?.warn({ attempt, waitMs }, 'kudos: rate limited by Slack, waiting Retry-After'),
    });

  /** What we know about the kudos channel; kept while posts succeed, forgotten when one says otherwise. */
  let ready: string | undefined;

  async function findByName(name: string): Promise<ChannelInfo | undefined> {
    let cursor: string | undefined;
    do {
      const res = await withRateLimit(() =>
        client.conversations.list({ types: 'public_channel,private_channel', exclude_archived: false, limit: 1000, cursor }),
      );
      const hit = res.channels?.find((c) => c.name?.toLowerCase() === name);
      if (hit) return hit as ChannelInfo;
      cursor = res.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return undefined;
  }

  async function lookUp(ref: string): Promise<ChannelInfo | undefined> {
    if (!ID.test(ref)) return findByName(ref.replace(/^#/, '').toLowerCase());
    try {
      return (await withRateLimit(() => client.conversations.info({ channel: ref }))).channel as ChannelInfo | undefined;
    } catch (err) {
      // Slack hides a private channel from a bot that is not in it.
      if (errorOf(err) === 'channel_not_found') return undefined;
      throw err;
    }
  }

  /** The channel id to post in, joining a public channel first; or why we cannot post there. */
  async function prepare(ref: string): Promise<{ id: string } | PostOutcome> {
    if (ready) return { id: ready };
    const info = await lookUp(ref);
    const id = info?.id;
    if (!info || !id) return { status: 'not_posted', reason: 'channel_not_found', channel: ID.test(ref) ? ref : undefined };
    if (info.is_archived) return { status: 'not_posted', reason: 'channel_archived', channel: id };
    if (!info.is_member) {
      if (info.is_private) return { status: 'not_posted', reason: 'private_channel', channel: id };
      try {
        await withRateLimit(() => client.conversations.join({ channel: id }));
        logger?.info({ channel: id }, 'kudos: joined the kudos channel');
      } catch (err) {
        const code = errorOf(err);
        if (code === 'is_archived') return { status: 'not_posted', reason: 'channel_archived', channel: id };
        if (code === 'method_not_supported_for_channel_type') return { status: 'not_posted', reason: 'private_channel', channel: id };
        return { status: 'failed', error: code, channel: id };
      }
    }
    ready = id;
    return { id };
  }

  async function toChannel(message: Message): Promise<PostOutcome> {
    if (!channel) return { status: 'not_posted', reason: 'no_channel_configured' };
    for (let attempt = 0; ; attempt += 1) {
      const target = await prepare(channel);
      if (!('id' in target)) return target;
      try {
        const res = await withRateLimit(() => client.chat.postMessage({ channel: target.id, ...message, unfurl_links: false, unfurl_media: false }));
        return { status: 'posted', channel: String(res.channel ?? target.id), ts: String(res.ts) };
      } catch (err) {
        const code = errorOf(err);
        if (!STALE.has(code)) return { status: 'failed', error: code, channel: target.id };
        // Removed from the channel, or it was archived since: look again once (rejoin, or say why not).
        ready = undefined;
        if (attempt >= 1) return { status: 'failed', error: code, channel: target.id };
      }
    }
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
  await postDm(client, userId, message, wrap);
}
