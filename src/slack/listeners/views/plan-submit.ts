import { z } from 'zod';
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { logOf } from '../named';
import { isDomainError } from '../../../domain/errors';
import { PLAN_LIMITS, PlanInputError, type RawStep } from '../../../domain/development-plan';
import {
  PLAN_AREAS_BLOCK,
  PLAN_DIRECTION_BLOCK,
  PLAN_RESOLVED_BLOCK,
  PLAN_STRENGTHS_BLOCK,
  PLAN_SUGGESTION_BLOCK,
  PLAN_VALUE_ACTION,
  planFieldBlock,
  stepDateBlock,
  stepStatusBlock,
  stepTextBlock,
} from '../../ui/plan-modal';
import { goalSavedView } from '../../ui/goal-check-in-modal';
import { parseMetadata } from './goal-submit';
import { refreshAfterGoalChange } from './goal-refresh';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Every plan input uses action id `value`; the element decides which property carries the answer. */
const element = z.object({
  value: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});
const stateSchema = z.record(z.string(), z.record(z.string(), element));
const metadataSchema = z.object({ personId: z.string().min(1), version: z.number().int().min(0), origin: z.string().optional() });

/** Saves the co-owned plan (with a version check) and the manager's suggestion; errors land on their fields. */
export function planSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view, client, context }: Args): Promise<void> => {
    const parsed = stateSchema.safeParse(view.state.values);
    const meta = parseMetadata(metadataSchema, view.private_metadata);
    if (!parsed.success || !meta) {
      await ack({ response_action: 'errors', errors: { [PLAN_STRENGTHS_BLOCK]: 'Something in the form did not come through; please try again.' } });
      return;
    }
    const get = (block: string) => parsed.data[block]?.[PLAN_VALUE_ACTION];
    const steps: RawStep[] = [];
    for (let i = 0; i < PLAN_LIMITS.steps; i += 1) {
      steps.push({ text: get(stepTextBlock(i))?.value, targetOn: get(stepDateBlock(i))?.selected_date, status: get(stepStatusBlock(i))?.selected_option?.value });
    }
    const resolved = (get(PLAN_RESOLVED_BLOCK)?.selected_options ?? []).map((o) => Number(o.value)).filter(Number.isInteger);
    let result;
    try {
      result = (await deps.plans.save({
        actorId: body.user.id,
        personId: meta.personId,
        raw: {
          strengths: get(PLAN_STRENGTHS_BLOCK)?.value,
          areasToGrow: get(PLAN_AREAS_BLOCK)?.value,
          careerDirection: get(PLAN_DIRECTION_BLOCK)?.value,
          suggestion: get(PLAN_SUGGESTION_BLOCK)?.value,
          steps,
        },
        expectedVersion: meta.version,
        resolvedSuggestionIds: resolved,
        requestKey: `view:${view.id}`,
      }));
    } catch (err) {
      if (err instanceof PlanInputError) {
        const errors: Record<string, string> = {};
        for (const [field, message] of Object.entries(err.fields)) errors[planFieldBlock(field)] = message;
        await ack({ response_action: 'errors', errors });
        return;
      }
      if (isDomainError(err)) {
        await ack({ response_action: 'errors', errors: { [PLAN_STRENGTHS_BLOCK]: err.userMessage } });
        return;
      }
      throw err;
    }
    const lines = [
      result.changed ? ':seedling: The development plan is saved. You and your manager both see this version.' : 'No changes to the plan itself.',
      ...(result.suggested ? ['Your suggestion was added; they will see it at the top of their plan.'] : []),
    ];
    await ack({ response_action: 'update', view: goalSavedView('Plan saved', lines) });
    logOf(context)?.info({ personId: meta.personId, changed: result.changed, suggested: result.suggested }, 'development plan saved');
    if (meta.origin === 'home') await refreshAfterGoalChange(deps, client, [body.user.id], logOf(context));
  };
}
