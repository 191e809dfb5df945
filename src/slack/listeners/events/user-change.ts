import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { toProfile } from '../../directory';

type Args = SlackEventMiddlewareArgs<'user_change'> & AllMiddlewareArgs;

/** Keeps names, time zones, status and deactivation fresh without polling users.info. */
export function userChange(deps: ListenerDeps) {
  return async ({ event }: Args): Promise<void> => {
    deps.people.applyProfile(toProfile(event.user as Parameters<typeof toProfile>[0]));
  };
}
