import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';

type Args = SlackShortcutMiddlewareArgs & AllMiddlewareArgs;

/** Placeholder until the kudos modal lands. */
export function kudosForMessageShortcut(_deps: ListenerDeps) {
  return async ({ ack }: Args): Promise<void> => {
    await ack();
  };
}
