import { z } from 'zod';
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { logOf } from '../named';
import { isDomainError } from '../../../domain/errors';
import { KudosInputError, type GiveResult } from '../../../domain/kudos-service';
import { answerSubmission, type SubmissionAnswer } from '../answer-submission';
import { homeNoticeModal } from '../../ui/home-notice';
import { kudosFormView } from './kudos-open';
import {
  KUDOS_FIELD_BLOCKS,
  KUDOS_MESSAGE_ACTION,
  KUDOS_MESSAGE_BLOCK,
  KUDOS_POST_ACTION,
  KUDOS_POST_BLOCK,
  KUDOS_POST_OPTION,
  KUDOS_RECIPIENTS_ACTION,
  KUDOS_RECIPIENTS_BLOCK,
  KUDOS_VALUE_ACTION,
  KUDOS_VALUE_BLOCK,
} from '../../ui/kudos-modal';
import { ACK_BUDGET_MS } from '../answer';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const stateSchema = z.object({
  [KUDOS_RECIPIENTS_BLOCK]: z.object({ [KUDOS_RECIPIENTS_ACTION]: z.object({ selected_users: z.array(z.string()).nullish() }) }),
  [KUDOS_VALUE_BLOCK]: z.object({
    [KUDOS_VALUE_ACTION]: z.object({ selected_option: z.object({ value: z.string() }).nullish() }),
  }),
  [KUDOS_MESSAGE_BLOCK]: z.object({ [KUDOS_MESSAGE_ACTION]: z.object({ value: z.string().nullish() }) }),
  [KUDOS_POST_BLOCK]: z
    .object({ [KUDOS_POST_ACTION]: z.object({ selected_options: z.array(z.object({ value: z.string() })).nullish() }) })
    .optional(),
});

const metadataSchema = z.object({
  source: z.object({ channelId: z.string(), ts: z.string(), permalink: z.string().optional() }).optional(),
});

function parseMetadata(raw: string | undefined) {
  try {
    return metadataSchema.parse(JSON.parse(raw || '{}'));
  } catch {
    return {};
  }
}

const checking = homeNoticeModal('Give kudos', 'Checking the people you picked with Slack…');
const sent = homeNoticeModal('Give kudos', 'Your kudos is saved and on its way; I will confirm in a direct message.');
/** Slack's Web API is failing: the kudos is stored and its messages wait in the outbox. This answer goes in the ack, which needs no Web API. */
export const SAVED_FOR_LATER = 'Saved — it will be posted when Slack is back. I will send you a direct message once it is there.';
const savedForLater = homeNoticeModal('Give kudos', SAVED_FOR_LATER);
/** Left for the ack after delivering: answering late would need views.update, which fails when Slack does. */
const ACK_MARGIN_MS = 300;
/** Once the ack has gone anyway (slow look-ups), the answer follows by views.update: the messages may take this long. */
const LATE_BUDGET_MS = 3000;

/**
 * Submission of the kudos modal: every rule answered on its field, then stored once, acked, delivered.
 * The checks may wait on users.info; `answerSubmission` keeps the ack inside Slack's 3 s whatever Slack does,
 * and a late refusal comes back as the form, filled in as submitted, with the problems on top.
 */
export function kudosSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view, client, context }: Args): Promise<void> => {
    const parsed = stateSchema.safeParse(view.state.values);
    if (!parsed.success) {
      await ack({ response_action: 'errors', errors: { [KUDOS_MESSAGE_BLOCK]: 'Something in the form did not come through; please try again.' } });
      return;
    }
    const state = parsed.data;
    const postBlock = state[KUDOS_POST_BLOCK];
    const giverId = body.user.id;
    const input = {
      giverId,
      teamId: body.user.team_id ?? body.team?.id,
      recipientIds: state[KUDOS_RECIPIENTS_BLOCK][KUDOS_RECIPIENTS_ACTION].selected_users ?? [],
      value: state[KUDOS_VALUE_BLOCK][KUDOS_VALUE_ACTION].selected_option?.value ?? '',
      message: state[KUDOS_MESSAGE_BLOCK][KUDOS_MESSAGE_ACTION].value ?? '',
      messageIsEscaped: false,
      source: parseMetadata(view.private_metadata).source,
      // No checkbox block (no channel configured) counts as "do not post".
      postInChannel: (postBlock?.[KUDOS_POST_ACTION].selected_options ?? []).some((o) => o.value === KUDOS_POST_OPTION),
      // A view id is unique per opened modal: a second submit of the same modal is the same kudos.
      requestKey: `view:${view.id}`,
      confirmByDm: true,
    };
    const refused = async (errors: Record<string, string>): Promise<SubmissionAnswer> => ({
      action: 'errors',
      errors,
      lateView: await kudosFormView(deps, { giverId, recipientIds: input.recipientIds, value: input.value, message: input.message, source: input.source, notice: Object.values(errors).join(' ') }),
    });
    const started = Date.now();
    await answerSubmission(
      { ack, client, viewId: view.id },
      async () => {
        try {
          const result = await deps.kudos.give(input);
          const left = ACK_BUDGET_MS - ACK_MARGIN_MS - (Date.now() - started);
          return await deliver(deps, result, { budgetMs: left > 0 ? left : LATE_BUDGET_MS, log: logOf(context) });
        } catch (err) {
          if (err instanceof KudosInputError) {
            const errors: Record<string, string> = {};
            for (const [field, message] of Object.entries(err.fields)) errors[KUDOS_FIELD_BLOCKS[field] ?? KUDOS_MESSAGE_BLOCK] = message;
            return refused(errors);
          }
          if (isDomainError(err)) return refused({ [KUDOS_FIELD_BLOCKS[err.field ?? ''] ?? KUDOS_RECIPIENTS_BLOCK]: err.userMessage });
          throw err;
        }
      },
      { pending: checking, done: sent },
    );
  };
}

/** The kudos's messages go out now if Slack answers in time; otherwise the giver is told they wait for Slack. */
async function deliver(deps: ListenerDeps, result: GiveResult, o: { budgetMs: number; log: ReturnType<typeof logOf> }): Promise<SubmissionAnswer> {
  const { kudos } = result;
  if (result.status === 'duplicate') {
    o.log?.info({ kudosId: kudos.id }, 'kudos: duplicate submission ignored');
    return { action: 'close' };
  }
  const rows = await deps.outbox.deliverNow({ group: deps.kudos.group(kudos) }, Math.max(0, o.budgetMs));
  const outcome = await deps.kudos.outcome(kudos, rows);
  o.log?.info({ kudosId: kudos.id, post: outcome.post?.status, pending: outcome.pending }, 'kudos given');
  return outcome.pending ? { action: 'update', view: savedForLater } : { action: 'close' };
}
