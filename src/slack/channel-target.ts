import type { WebClient } from '@slack/web-api';
import { DeliveryError } from '../domain/outbox/delivery';
import { toDeliveryError } from './slack-errors';

/**
 * Where a channel post goes. The reference may be an id (C…/G…, preferred: no lookup) or a name (#kudos), resolved
 * with conversations.list. Before the first post the bot checks the channel: it joins a public one it is not in;
 * a private channel it is not in, or an archived one, is a permanent failure with a reason an admin can act on.
 */
interface ChannelInfo {
  id?: string;
  is_private?: boolean;
  is_archived?: boolean;
  is_member?: boolean;
  name?: string;
}

type Call = <T>(method: string, call: () => Promise<T>) => Promise<T>;

const ID = /^[CG][A-Z0-9]+$/;

export interface ChannelTargets {
  /** The channel id to post in; throws a DeliveryError (private_channel, channel_archived, channel_not_found). */
  resolve(ref: string, call: Call): Promise<string>;
  /** A post said the channel changed (removed, archived): look again next time. */
  forget(ref: string): void;
}

export function createChannelTargets(client: WebClient): ChannelTargets {
  const ready = new Map<string, string>();

  async function findByName(name: string, call: Call): Promise<ChannelInfo | undefined> {
    let cursor: string | undefined;
    do {
      const res = await call('conversations.list', () =>
        client.conversations.list({ types: 'public_channel,private_channel', exclude_archived: false, limit: 1000, cursor }),
      );
      const hit = res.channels?.find((c) => c.name?.toLowerCase() === name);
      if (hit) return hit as ChannelInfo;
      cursor = res.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return undefined;
  }

  async function lookUp(ref: string, call: Call): Promise<ChannelInfo | undefined> {
    if (!ID.test(ref)) return findByName(ref.replace(/^#/, '').toLowerCase(), call);
    try {
      return (await call('conversations.info', () => client.conversations.info({ channel: ref }))).channel as ChannelInfo | undefined;
    } catch (err) {
      // Slack hides a private channel from a bot that is not in it.
      if (toDeliveryError(err).code === 'channel_not_found') return undefined;
      throw err;
    }
  }

  return {
    async resolve(ref, call) {
      const known = ready.get(ref);
      if (known) return known;
      const info = await lookUp(ref, call);
      if (!info?.id) throw new DeliveryError('channel_not_found', 'permanent');
      if (info.is_archived) throw new DeliveryError('channel_archived', 'permanent');
      if (!info.is_member) {
        if (info.is_private) throw new DeliveryError('private_channel', 'permanent');
        try {
          await call('conversations.join', () => client.conversations.join({ channel: info.id! }));
        } catch (err) {
          const code = toDeliveryError(err).code;
          if (code === 'is_archived') throw new DeliveryError('channel_archived', 'permanent');
          if (code === 'method_not_supported_for_channel_type') throw new DeliveryError('private_channel', 'permanent');
          throw err;
        }
      }
      ready.set(ref, info.id);
      return info.id;
    },
    forget: (ref) => void ready.delete(ref),
  };
}
