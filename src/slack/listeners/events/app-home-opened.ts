import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { publishHome } from '../actions/home-publish';
import { readHomeMetadata } from '../../ui/home-ids';

type Args = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/** Publishes a fresh Home tab each time it is opened, on the page the person last looked at. */
export function appHomeOpened(deps: ListenerDeps) {
  return async ({ event, client, context }: Args): Promise<void> => {
    if (event.tab !== 'home') return;
    if (context.teamId && !(await deps.workspaces.canSend(context.teamId))) return;
    const page = readHomeMetadata((event as { view?: { private_metadata?: string } }).view?.private_metadata).page;
    // Opened: the first open starts the person's welcome, within the same read of their Home.
    await publishHome(deps, client, event.user, page, true);
  };
}
