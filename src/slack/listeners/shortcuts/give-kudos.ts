import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { openKudosModal } from '../views/kudos-open';

type Args = SlackShortcutMiddlewareArgs & AllMiddlewareArgs;

/** Global shortcut "Give kudos": the empty kudos modal. */
export function giveKudosShortcut(deps: ListenerDeps) {
  return async ({ ack, shortcut, client }: Args): Promise<void> => {
    await ack();
    await openKudosModal(deps, client, shortcut.trigger_id, { giverId: shortcut.user.id });
  };
}
