import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { toProfile } from '../../directory';
import { logOf } from '../named';

type Args = SlackEventMiddlewareArgs<'user_change'> & AllMiddlewareArgs;

/**
 * Keeps names, time zones, status and deactivation fresh without polling users.info. Only for people of the
 * installed workspace: Slack Connect sends changes of external people too, and a forged event could name anyone.
 */
export function userChange(deps: ListenerDeps) {
  return async ({ event, body, context }: Args): Promise<void> => {
    const user = event.user as Parameters<typeof toProfile>[0];
    const userTeam = typeof user.team_id === 'string' && user.team_id !== '' ? user.team_id : body.team_id;
    if (!deps.workspaces.isInstallation(body.team_id) || !deps.workspaces.isInstallation(userTeam)) {
      logOf(context)?.info({ eventTeam: body.team_id, userTeam }, 'user_change from another workspace ignored');
      return;
    }
    await deps.people.applyProfile(toProfile(user));
  };
}
