import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { isDomainError } from '../../../domain/errors';
import { goalNotice } from '../../ui/goal-messages';
import { logOf } from '../named';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** The clicked element's value (button value or overflow/select option value). */
export function actionValue(args: ActionArgs): string {
  const a = args.action as { value?: string; selected_option?: { value?: string } };
  return a.value ?? a.selected_option?.value ?? '';
}

/** Runs the work; a refused action (DomainError) gets its message privately instead of an error report. */
export async function answerRefusal(args: ActionArgs, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (!isDomainError(err)) throw err;
    logOf(args.context)?.info({ code: err.code }, 'goal action refused');
    const message = goalNotice(err.userMessage);
    if (args.body.response_url) await args.respond({ response_type: 'ephemeral', replace_original: false, ...message });
    else await args.client.chat.postMessage({ channel: args.body.user.id, ...message });
  }
}
