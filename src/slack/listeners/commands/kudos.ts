import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Placeholder until recognition lands. */
export function kudosCommand(_deps: ListenerDeps) {
  return async ({ ack }: Args): Promise<void> => {
    await ack({ response_type: 'ephemeral', text: 'Kudos are being set up. Check back soon!' });
  };
}
