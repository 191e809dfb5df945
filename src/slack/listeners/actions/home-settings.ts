import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { pageOf, publishHome } from './home-publish';
import { settingsModal } from '../../ui/settings-modal';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export function homeOpenSettingsAction(deps: ListenerDeps) {
  return async ({ ack, body, client }: Args): Promise<void> => {
    await ack();
    await deps.people.ensure(body.user.id);
    await client.views.open({ trigger_id: body.trigger_id, view: settingsModal(await deps.personalSettings.get(body.user.id), { page: pageOf(body) }) });
  };
}

/** "Got it" under the welcome: gone for good, the tab re-renders without it. */
export function homeWelcomeDismissAction(deps: ListenerDeps) {
  return async ({ ack, body, client }: Args): Promise<void> => {
    await ack();
    await deps.home.dismissWelcome(body.user.id);
    await publishHome(deps, client, body.user.id, pageOf(body));
  };
}

/** One click to pause or resume the weekly nudge; the tab re-renders with the new state. */
export function homeNudgesToggleAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client }: Args): Promise<void> => {
    await ack();
    await deps.personalSettings.update(body.user.id, { nudgesPaused: action.value === 'pause' });
    await publishHome(deps, client, body.user.id, pageOf(body));
  };
}
