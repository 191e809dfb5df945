import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { pulseModal, pulseNotice, pulseThanksMessage } from '../../ui/pulse-message';

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

const REFUSALS = {
  answered: 'You already answered this month\'s pulse — thanks. Answers cannot be changed: Leadwell keeps that you answered but not which answer is yours, so it cannot find yours again.',
  closed: 'This pulse has closed. The next one comes with the next pulse month.',
  'not-asked': 'There is no pulse for you to answer for that month.',
} as const;

/**
 * "Answer" on the pulse DM: the button carries the period only. Opens the small modal where the rating
 * and the optional comment are given; nothing about the answer is logged here or anywhere else.
 */
export function pulseAnswerAction(deps: ListenerDeps) {
  return async ({ ack, body, action, client, respond }: Args): Promise<void> => {
    await ack();
    const period = (action as { value?: string }).value ?? '';
    const state = await deps.pulse.answerable(body.user.id, period);
    if (state.state !== 'open') {
      if (state.state === 'answered' && body.channel?.id && body.message?.ts) {
        await client.chat.update({ channel: body.channel.id, ts: body.message.ts, ...pulseThanksMessage() });
        return;
      }
      await respond({ response_type: 'ephemeral', replace_original: false, ...pulseNotice(REFUSALS[state.state as keyof typeof REFUSALS]) });
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: pulseModal({
        period,
        managerName: state.managerName,
        minResponses: deps.pulse.minResponses,
        meta: { period, channel: body.channel?.id, ts: body.message?.ts },
      }),
    });
  };
}
