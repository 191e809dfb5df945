import type { WebClient } from '@slack/web-api';
import type { LeadershipNotifier } from '../domain/leadership/executive-summary';
import { DeliveryError } from '../domain/notifier';
import { toDeliveryError } from './notifier';
import { executiveDigestMessage } from './ui/executive-digest';

/**
 * The executive digest over the Web API, through the dispatcher's client (no automatic retries: the dispatcher
 * applies its policy). Failures become DeliveryErrors exactly like the weekly nudge's.
 */
export function createLeadershipNotifier(deps: { client: WebClient; minGroup: number }): LeadershipNotifier {
  const { client } = deps;
  return {
    async sendExecutiveDigest(personId, digest) {
      try {
        const opened = await client.conversations.open({ users: personId });
        const channel = opened.channel?.id;
        if (!channel) throw new DeliveryError('channel_not_found');
        const res = await client.chat.postMessage({ channel, ...executiveDigestMessage(digest, deps.minGroup), unfurl_links: false, unfurl_media: false });
        return { channel: String(res.channel ?? channel), ts: String(res.ts) };
      } catch (err) {
        throw toDeliveryError(err);
      }
    },
  };
}
