import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { openKudosModal } from '../views/kudos-open';

type Args = SlackShortcutMiddlewareArgs & AllMiddlewareArgs;

/** Global shortcut "Give kudos": the empty kudos modal. */
export function giveKudosShortcut(deps: ListenerDeps) {
  return async ({ ack, shortcut, client }: Args): Promise<void> => {
    await ack();
    await openKudosModal(deps, client, { triggerId: shortcut.trigger_id, userId: shortcut.user.id });
  };
}
