import type { WebClient } from '@slack/web-api';
import type { PulseNotifier } from '../domain/pulse-ports';
import { pulseMessage } from './ui/pulse-message';

/** Sends the monthly pulse question to the person's DM with the app (the pulse's Notifier port). */
export function createPulseNotifier(deps: { client: WebClient; minResponses: number }): PulseNotifier {
  return {
    async sendPulse(personId, prompt) {
      const dm = await deps.client.conversations.open({ users: personId });
      const channel = dm.channel?.id;
      if (!channel) throw Object.assign(new Error('no DM channel'), { code: 'channel_not_found' });
      const message = pulseMessage(prompt, deps.minResponses);
      const res = await deps.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
      return { channel, ts: res.ts ?? '' };
    },
  };
}
