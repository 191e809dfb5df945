import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { isDomainError } from '../../../domain/errors';
import { openKudosModal } from '../views/kudos-open';
import { openLogModal } from './one-on-one-common';
import { sendDm } from '../../dm';
import { actionTs } from './goal-actions-common';
import { prepCardMessage } from '../../ui/prep-card';
import { homeNoticeModal } from '../../ui/home-notice';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * The team row buttons hand over to the 1:1 and kudos features. App Home has no channel to answer in,
 * so the prep card goes to the person's Leadwell DM (its buttons work there) and a short modal says so.
 */
export function homePrepAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client }: Args): Promise<void> => {
    await ack();
    const reportId = action.value ?? '';
    try {
      const card = await deps.oneOnOnes.prep(body.user.id, reportId);
      await client.views.open({ trigger_id: body.trigger_id, view: homeNoticeModal('Prep card sent', `Your prep card for <@${reportId}> is in your *Messages* tab with Leadwell. It stays private to you.`) });
      await sendDm(deps.outbox, { kind: 'reply', userId: body.user.id, key: `prep-card:${body.user.id}:${reportId}:${actionTs({ action, body })}`, message: prepCardMessage(card), now: deps.clock.now() });
    } catch (err) {
      if (!isDomainError(err)) throw err;
      await client.views.open({ trigger_id: body.trigger_id, view: homeNoticeModal('Cannot prepare', err.userMessage) });
    }
  };
}

export function homeLogAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client }: Args): Promise<void> => {
    await ack();
    try {
      await openLogModal({ service: deps.oneOnOnes, client, triggerId: body.trigger_id, managerId: body.user.id, reportId: action.value ?? '' });
    } catch (err) {
      if (!isDomainError(err)) throw err;
      await client.views.open({ trigger_id: body.trigger_id, view: homeNoticeModal('Cannot log this 1:1', err.userMessage) });
    }
  };
}

/** "Give kudos": on a team row the report is already picked; the big button starts empty. */
export function homeKudosAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client }: Args): Promise<void> => {
    await ack();
    const value = action.value ?? '';
    const recipientIds = /^[UW][A-Z0-9]+$/.test(value) ? [value] : [];
    await openKudosModal(deps, client, body.trigger_id, { giverId: body.user.id, recipientIds });
  };
}
