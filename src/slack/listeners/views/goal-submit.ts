import { z } from 'zod';
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { logOf } from '../named';
import { isDomainError } from '../../../domain/errors';
import { GoalInputError, VISIBILITY_LABELS } from '../../../domain/goal';
import {
  GOAL_DUE_ACTION,
  GOAL_DUE_BLOCK,
  GOAL_FIELD_BLOCKS,
  GOAL_KIND_ACTION,
  GOAL_KIND_BLOCK,
  GOAL_MEASURE_ACTION,
  GOAL_MEASURE_BLOCK,
  GOAL_TITLE_ACTION,
  GOAL_TITLE_BLOCK,
  GOAL_VISIBILITY_ACTION,
  GOAL_VISIBILITY_BLOCK,
  GOAL_WHY_ACTION,
  GOAL_WHY_BLOCK,
} from '../../ui/goal-modal';
import { goalSavedView } from '../../ui/goal-check-in-modal';
import { escapeMrkdwn, truncate } from '../../ui/one-on-one-format';
import { refreshAfterGoalChange } from './goal-refresh';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const text = z.object({ value: z.string().nullish() });
const choice = z.object({ selected_option: z.object({ value: z.string() }).nullish() });
const stateSchema = z.object({
  [GOAL_TITLE_BLOCK]: z.object({ [GOAL_TITLE_ACTION]: text }),
  [GOAL_WHY_BLOCK]: z.object({ [GOAL_WHY_ACTION]: text }).optional(),
  [GOAL_MEASURE_BLOCK]: z.object({ [GOAL_MEASURE_ACTION]: text }).optional(),
  [GOAL_DUE_BLOCK]: z.object({ [GOAL_DUE_ACTION]: z.object({ selected_date: z.string().nullish() }) }).optional(),
  [GOAL_KIND_BLOCK]: z.object({ [GOAL_KIND_ACTION]: choice }).optional(),
  [GOAL_VISIBILITY_BLOCK]: z.object({ [GOAL_VISIBILITY_ACTION]: choice }),
});
const metadataSchema = z.object({ goalId: z.number().int().optional(), origin: z.string().optional() });

export function parseMetadata<T>(schema: z.ZodType<T>, raw: string | undefined): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(raw || '{}'));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Create or edit: every rule answered on its field; a double submit of one modal creates one goal. */
export function goalSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view, client, context }: Args): Promise<void> => {
    const parsed = stateSchema.safeParse(view.state.values);
    const meta = parseMetadata(metadataSchema, view.private_metadata);
    if (!parsed.success || !meta) {
      await ack({ response_action: 'errors', errors: { [GOAL_TITLE_BLOCK]: 'Something in the form did not come through; please try again.' } });
      return;
    }
    const s = parsed.data;
    const raw = {
      title: s[GOAL_TITLE_BLOCK][GOAL_TITLE_ACTION].value,
      why: s[GOAL_WHY_BLOCK]?.[GOAL_WHY_ACTION].value,
      measure: s[GOAL_MEASURE_BLOCK]?.[GOAL_MEASURE_ACTION].value,
      dueOn: s[GOAL_DUE_BLOCK]?.[GOAL_DUE_ACTION].selected_date,
      kind: s[GOAL_KIND_BLOCK]?.[GOAL_KIND_ACTION].selected_option?.value,
      visibility: s[GOAL_VISIBILITY_BLOCK][GOAL_VISIBILITY_ACTION].selected_option?.value,
    };
    const userId = body.user.id;
    let goal;
    try {
      goal =
        meta.goalId !== undefined
          ? await deps.goals.edit({ actorId: userId, goalId: meta.goalId, raw })
          : (await deps.goals.create({ actorId: userId, raw, requestKey: `view:${view.id}` })).goal;
    } catch (err) {
      if (err instanceof GoalInputError) {
        const errors: Record<string, string> = {};
        for (const [field, message] of Object.entries(err.fields)) errors[GOAL_FIELD_BLOCKS[field] ?? GOAL_TITLE_BLOCK] = message;
        await ack({ response_action: 'errors', errors });
        return;
      }
      if (isDomainError(err)) {
        await ack({ response_action: 'errors', errors: { [GOAL_FIELD_BLOCKS[err.field ?? ''] ?? GOAL_TITLE_BLOCK]: err.userMessage } });
        return;
      }
      throw err;
    }
    const seenBy = goal.visibility === 'private' ? 'Only you can see it.' : `Visible to: ${VISIBILITY_LABELS[goal.visibility].toLowerCase()}.`;
    await ack({
      response_action: 'update',
      view: goalSavedView(meta.goalId !== undefined ? 'Goal saved' : 'Goal created', [
        `:dart: *${escapeMrkdwn(truncate(goal.title, 150))}*`,
        seenBy,
        'Check in whenever something moves: `/goal update`, or the *Update* button in App Home.',
      ]),
    });
    logOf(context)?.info({ goalId: goal.id, edit: meta.goalId !== undefined }, 'goal saved');
    if (meta.origin === 'home') await refreshAfterGoalChange(deps, client, [userId], logOf(context));
  };
}
