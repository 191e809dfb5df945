import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { logOf } from '../named';
import { lineDecidedMessage, lineRefusalMessage } from '../../ui/reporting-line';
import { publishHome } from './home-publish';
import { sendDm } from '../../dm';
import { actionTs } from './goal-actions-common';

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/**
 * Confirm / Not me on a reporting-line request. The button carries only the request id; who may answer is
 * decided by the domain on every click, so a forged value, another person's click or a replay changes nothing.
 */
export function reportingLineAnswerAction(deps: ListenerDeps, answer: 'confirm' | 'decline') {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const value = (args.action as { value?: unknown }).value;
    const requestId = typeof value === 'string' ? value.slice(0, 64) : '';
    const result = await deps.reportingLines.decide(requestId, args.body.user.id, answer);
    const decided = result.outcome !== 'refused';
    if (!decided) logOf(args.context)?.info({ code: result.code }, 'reporting line answer refused');
    const message = decided ? lineDecidedMessage(result.outcome, result.request) : lineRefusalMessage(result.message);
    if (args.body.response_url) {
      await args.respond({ response_type: 'ephemeral', replace_original: decided, ...message });
    } else {
      await sendDm(deps.outbox, { kind: 'reply', userId: args.body.user.id, key: `line-answer:${requestId}:${args.body.user.id}:${actionTs(args)}`, message, now: deps.clock.now() });
    }
    // The new manager's Home tab shows the person at once, not at the next open.
    if (result.outcome === 'confirmed') {
      await publishHome(deps, args.client, result.request.toManagerId).catch((err: unknown) => logOf(args.context)?.warn({ err }, 'home not refreshed after a confirmed reporting line'));
    }
  };
}
