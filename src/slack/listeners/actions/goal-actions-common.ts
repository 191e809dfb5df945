import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { isDomainError } from '../../../domain/errors';
import { goalNotice } from '../../ui/goal-messages';
import { logOf } from '../named';
import type { ListenerDeps } from '../deps';
import { sendDm } from '../../dm';

/** Identifies one click: a retried delivery of it carries the same action_ts. */
export const actionTs = (args: { action: unknown; body: { trigger_id?: string } }) => (args.action as { action_ts?: string }).action_ts ?? args.body.trigger_id ?? '';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** The clicked element's value (button value or overflow/select option value). */
export function actionValue(args: ActionArgs): string {
  const a = args.action as { value?: string; selected_option?: { value?: string } };
  return a.value ?? a.selected_option?.value ?? '';
}

/** Runs the work; a refused action (DomainError) gets its message privately instead of an error report. */
export async function answerRefusal(deps: Pick<ListenerDeps, 'outbox' | 'clock'>, args: ActionArgs, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (!isDomainError(err)) throw err;
    logOf(args.context)?.info({ code: err.code }, 'goal action refused');
    const message = goalNotice(err.userMessage);
    if (args.body.response_url) await args.respond({ response_type: 'ephemeral', replace_original: false, ...message });
    else await sendDm(deps.outbox, { kind: 'reply', userId: args.body.user.id, key: `goal-refusal:${args.body.user.id}:${actionTs(args)}`, message, now: deps.clock.now() });
  }
}
