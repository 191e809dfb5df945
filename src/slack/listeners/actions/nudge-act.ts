import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { parseNudgeValue } from '../../ui/nudge-message';
import { prepCardMessage } from '../../ui/prep-card';
import { openKudosModal } from '../views/kudos-open';
import { answerDomainError, respondPrivately } from './one-on-one-common';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** **Prep 1:1** on a nudge: the 1:1 feature's prep card, below the nudge, private to the manager. */
export function nudgePrepAction(deps: ListenerDeps) {
  return async ({ ack, action, body, respond }: Args): Promise<void> => {
    await ack();
    const value = parseNudgeValue(action.value);
    if (!value?.r) return;
    deps.nudges.recordAction(body.user.id, value.n, 'prep', { reportId: value.r });
    try {
      await respondPrivately(respond, prepCardMessage(deps.oneOnOnes.prep(body.user.id, value.r)));
    } catch (err) {
      await answerDomainError(respond, err);
    }
  };
}

/** **Give kudos** on a nudge: the kudos modal with the report already picked (trigger ids live 3 s: open first). */
export function nudgeKudosAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client }: Args): Promise<void> => {
    await ack();
    const value = parseNudgeValue(action.value);
    if (!value?.r) return;
    await openKudosModal(deps, client, body.trigger_id, { giverId: body.user.id, recipientIds: [value.r] });
    deps.nudges.recordAction(body.user.id, value.n, 'kudos', { reportId: value.r });
  };
}
