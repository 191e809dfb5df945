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
import { kudosConfirmation } from '../../ui/kudos-replies';
import { kudosChannelLabel, sendDirect } from '../../kudos-poster';

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
    };
    const refused = (errors: Record<string, string>): SubmissionAnswer => ({
      action: 'errors',
      errors,
      lateView: kudosFormView(deps, { giverId, recipientIds: input.recipientIds, value: input.value, message: input.message, source: input.source, notice: Object.values(errors).join(' ') }),
    });
    let result: GiveResult | undefined;
    await answerSubmission(
      { ack, client, viewId: view.id },
      async () => {
        try {
          result = await deps.kudos.give(input);
          return { action: 'close' };
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
    if (result) await deliver(deps, result, { client, giverId, viewId: view.id, log: logOf(context) });
  };
}

async function deliver(deps: ListenerDeps, result: GiveResult, o: { client: Args['client']; giverId: string; viewId: string; log: ReturnType<typeof logOf> }): Promise<void> {
  const { kudos } = result;
  if (result.status === 'duplicate') {
    o.log?.info({ kudosId: kudos.id }, 'kudos: duplicate submission ignored');
    // A re-submit of this very modal already got its confirmation; a twin from another one gets a word.
    if (kudos.idempotencyKey !== `view:${o.viewId}`) {
      await sendDirect(o.client, o.giverId, kudosConfirmation({ recipientIds: kudos.recipientIds, value: kudos.value, duplicate: true, unreachable: [] }));
    }
    return;
  }
  const report = await deps.kudos.deliver(kudos);
  o.log?.info({ kudosId: kudos.id, post: report.post.status, unreachable: report.unreachable.length }, 'kudos given');
  await sendDirect(
    o.client,
    o.giverId,
    kudosConfirmation({
      recipientIds: kudos.recipientIds,
      value: kudos.value,
      post: report.post,
      unreachable: report.unreachable,
      channelLabel: kudosChannelLabel(deps.settings.kudosChannel),
    }),
  );
}
