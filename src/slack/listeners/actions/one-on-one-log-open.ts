import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { answerDomainError, openLogModal, parseButtonValue } from './one-on-one-common';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** "Log this 1:1" on the prep card: opens the log modal at once (the trigger id lives 3 s). */
export function logOpenAction(deps: ListenerDeps) {
  return async ({ ack, action, body, respond, client }: Args): Promise<void> => {
    await ack();
    const value = parseButtonValue(action.value);
    if (!value) return;
    try {
      await openLogModal({
        service: deps.oneOnOnes,
        client,
        triggerId: body.trigger_id,
        managerId: body.user.id,
        reportId: value.r,
        responseUrl: body.response_url,
        cardItems: value.g,
        openedAt: deps.clock.now(),
        situation: value.s,
      });
    } catch (err) {
      await answerDomainError(respond, err);
    }
  };
}
