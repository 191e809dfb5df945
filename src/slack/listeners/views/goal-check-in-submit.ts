import { z } from 'zod';
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { logOf } from '../named';
import { isDomainError } from '../../../domain/errors';
import { GoalInputError, STATUS_LABELS } from '../../../domain/goal';
import {
  CHECK_IN_FIELD_BLOCKS,
  CHECK_IN_NOTE_ACTION,
  CHECK_IN_NOTE_BLOCK,
  CHECK_IN_PROGRESS_ACTION,
  CHECK_IN_PROGRESS_BLOCK,
  CHECK_IN_STATUS_ACTION,
  CHECK_IN_STATUS_BLOCK,
  goalSavedView,
} from '../../ui/goal-check-in-modal';
import { STATUS_EMOJI } from '../../ui/goal-format';
import { escapeMrkdwn, truncate } from '../../ui/one-on-one-format';
import { parseMetadata } from './goal-submit';
import { refreshAfterGoalChange } from './goal-refresh';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const stateSchema = z.object({
  [CHECK_IN_STATUS_BLOCK]: z.object({ [CHECK_IN_STATUS_ACTION]: z.object({ selected_option: z.object({ value: z.string() }).nullish() }) }),
  [CHECK_IN_PROGRESS_BLOCK]: z.object({ [CHECK_IN_PROGRESS_ACTION]: z.object({ value: z.string().nullish() }) }).optional(),
  [CHECK_IN_NOTE_BLOCK]: z.object({ [CHECK_IN_NOTE_ACTION]: z.object({ value: z.string().nullish() }) }).optional(),
});
const metadataSchema = z.object({ goalId: z.number().int(), origin: z.string().optional() });

/** Saves a check-in (history kept); the manager's check-in on a report's goal is recorded as theirs. */
export function goalCheckInSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view, client, context }: Args): Promise<void> => {
    const parsed = stateSchema.safeParse(view.state.values);
    const meta = parseMetadata(metadataSchema, view.private_metadata);
    if (!parsed.success || !meta) {
      await ack({ response_action: 'errors', errors: { [CHECK_IN_STATUS_BLOCK]: 'Something in the form did not come through; please try again.' } });
      return;
    }
    const s = parsed.data;
    const raw = {
      status: s[CHECK_IN_STATUS_BLOCK][CHECK_IN_STATUS_ACTION].selected_option?.value,
      progress: s[CHECK_IN_PROGRESS_BLOCK]?.[CHECK_IN_PROGRESS_ACTION].value,
      note: s[CHECK_IN_NOTE_BLOCK]?.[CHECK_IN_NOTE_ACTION].value,
    };
    let result;
    try {
      result = (await deps.goals.checkIn({ actorId: body.user.id, goalId: meta.goalId, raw, requestKey: `view:${view.id}` }));
    } catch (err) {
      if (err instanceof GoalInputError) {
        const errors: Record<string, string> = {};
        for (const [field, message] of Object.entries(err.fields)) errors[CHECK_IN_FIELD_BLOCKS[field] ?? CHECK_IN_STATUS_BLOCK] = message;
        await ack({ response_action: 'errors', errors });
        return;
      }
      if (isDomainError(err)) {
        await ack({ response_action: 'errors', errors: { [CHECK_IN_STATUS_BLOCK]: err.userMessage } });
        return;
      }
      throw err;
    }
    const { goal, checkIn } = result;
    const progress = checkIn.progress !== undefined ? ` · ${checkIn.progress}%` : '';
    await ack({
      response_action: 'update',
      view: goalSavedView('Check-in saved', [
        `${STATUS_EMOJI[checkIn.status]} *${escapeMrkdwn(truncate(goal.title, 150))}* — ${STATUS_LABELS[checkIn.status]}${progress}`,
        checkIn.status === 'done' ? ':tada: Done. Worth a mention in your next 1:1.' : 'Saved to the goal\'s history.',
      ]),
    });
    logOf(context)?.info({ goalId: goal.id, status: checkIn.status, created: result.created }, 'goal check-in');
    if (meta.origin === 'home') await refreshAfterGoalChange(deps, client, [body.user.id], logOf(context));
  };
}
