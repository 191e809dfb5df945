import type { AllMiddlewareArgs, BlockButtonAction, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { ListenerDeps } from '../deps';
import { NUDGE_CONTROLS_BLOCK, NUDGE_FEEDBACK_BLOCK, parseNudgeValue, replaceBlock } from '../../ui/nudge-message';
import { FEEDBACK_THANKS, nudgeDoneContext, PAUSED_TEXT, snoozedText } from '../../ui/nudge-replies';
import { answerDomainError } from './one-on-one-common';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Swaps the used button row of the nudge for a confirmation; a preview (ephemeral) gets a new line instead. */
async function confirmInPlace(respond: RespondFn, body: BlockButtonAction, blockId: string, text: string): Promise<void> {
  const blocks = (body.message?.blocks ?? []) as KnownBlock[];
  if (blocks.length > 0 && blocks.some((b) => 'block_id' in b && b.block_id === blockId)) {
    await respond({ replace_original: true, text: body.message?.text ?? text, blocks: replaceBlock(blocks, blockId, [nudgeDoneContext(text)]) });
    return;
  }
  await respond({ response_type: 'ephemeral', replace_original: false, text });
}

export function nudgeSnoozeAction(deps: ListenerDeps) {
  return async ({ ack, action, body, respond }: Args): Promise<void> => {
    await ack();
    try {
      const schedule = await deps.nudges.snooze(body.user.id, parseNudgeValue(action.value)?.n);
      await confirmInPlace(respond, body, NUDGE_CONTROLS_BLOCK, snoozedText(schedule));
    } catch (err) {
      await answerDomainError(respond, err);
    }
  };
}

export function nudgePauseAction(deps: ListenerDeps) {
  return async ({ ack, action, body, respond }: Args): Promise<void> => {
    await ack();
    try {
      await deps.nudges.pause(body.user.id, parseNudgeValue(action.value)?.n);
      await confirmInPlace(respond, body, NUDGE_CONTROLS_BLOCK, PAUSED_TEXT);
    } catch (err) {
      await answerDomainError(respond, err);
    }
  };
}

/** 👍 / 👎 on the tip of the week, logged with the tip's id against the nudge. */
export function nudgeFeedbackAction(deps: ListenerDeps, verdict: 'useful' | 'not_useful') {
  return async ({ ack, action, body, respond }: Args): Promise<void> => {
    await ack();
    const value = parseNudgeValue(action.value);
    if (!value) return;
    await deps.nudges.recordAction(body.user.id, value.n, verdict, { tipId: value.t });
    await confirmInPlace(respond, body, NUDGE_FEEDBACK_BLOCK, FEEDBACK_THANKS[verdict]);
  };
}
