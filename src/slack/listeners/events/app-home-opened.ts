import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { homePlaceholder } from '../../ui/home-placeholder';

type Args = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

export function appHomeOpened(deps: ListenerDeps) {
  return async ({ event, client, context }: Args): Promise<void> => {
    if (event.tab !== 'home') return;
    if (context.teamId && !deps.workspaces.canSend(context.teamId)) return;
    await client.views.publish({ user_id: event.user, view: homePlaceholder() });
  };
}
