import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { adminLevelModal } from '../../ui/settings-admin-level';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** The admin part of App Home: "Set someone's level". Only admins see the button; others are ignored. */
export function adminLevelOpenAction(deps: ListenerDeps) {
  return async ({ ack, body, client }: Args): Promise<void> => {
    await ack();
    if (!deps.levels.isAdmin(body.user.id)) return;
    await client.views.open({ trigger_id: body.trigger_id, view: adminLevelModal() });
  };
}
