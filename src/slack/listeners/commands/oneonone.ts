import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Placeholder until the 1:1 prep card lands: acknowledges and says what is coming. */
export function oneOnOneCommand(_deps: ListenerDeps) {
  return async ({ ack }: Args): Promise<void> => {
    await ack({ response_type: 'ephemeral', text: '1:1 prep is being set up. Try `/coach` for what Leadwell can do today.' });
  };
}
