import type { WebClient } from '@slack/web-api';
import { postDm } from './dm';
import type { PulseNotifier } from '../domain/pulse-ports';
import { pulseMessage } from './ui/pulse-message';

/** Sends the monthly pulse question to the person's DM with the app (the pulse's Notifier port). */
export function createPulseNotifier(deps: { client: WebClient; minResponses: number }): PulseNotifier {
  return {
    async sendPulse(personId, prompt) {
      return postDm(deps.client, personId, pulseMessage(prompt, deps.minResponses));
    },
  };
}
