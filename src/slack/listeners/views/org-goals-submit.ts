import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { isDomainError } from '../../../domain/errors';
import { MAX_ORG_GOALS } from '../../../domain/leadership/org-goals';
import { OrgGoalInputError, type OrgGoalInput } from '../../../domain/leadership/org-goal-service';
import { ORG_GOAL_VALUE_ACTION, orgGoalBlock, orgGoalsSavedMessage } from '../../ui/org-goals-modal';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type Values = ViewSubmitAction['view']['state']['values'];

/** Reads one slot from the submitted state; anything missing or odd becomes undefined for the service to judge. */
function slotOf(values: Values, slot: number): OrgGoalInput {
  const entry = (field: 'metric' | 'target' | 'deadline') => values[orgGoalBlock(field, slot)]?.[ORG_GOAL_VALUE_ACTION];
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    slot,
    metric: text(entry('metric')?.selected_option?.value),
    target: text(entry('target')?.value),
    deadline: text(entry('deadline')?.selected_date),
  };
}

/** Saves the organisation goals; a bad slot is answered on its field and nothing is saved. */
export function orgGoalsSubmit(deps: ListenerDeps) {
  return async ({ ack, view, body }: Args): Promise<void> => {
    const leadership = deps.leadership;
    if (!leadership) return void (await ack());
    const inputs = Array.from({ length: MAX_ORG_GOALS }, (_, i) => slotOf(view.state.values, i + 1));
    try {
      const progress = await leadership.goals.save(body.user.id, inputs);
      const saved = orgGoalsSavedMessage(progress);
      await ack({
        response_action: 'update',
        view: { type: 'modal', title: { type: 'plain_text', text: 'Organisation goals' }, close: { type: 'plain_text', text: 'Done' }, blocks: saved.blocks },
      });
    } catch (err) {
      if (err instanceof OrgGoalInputError) {
        const errors = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => {
          const [field, slot] = k.split('_') as ['metric' | 'target' | 'deadline', string];
          return [orgGoalBlock(field, Number(slot)), v];
        }));
        return void (await ack({ response_action: 'errors', errors }));
      }
      if (!isDomainError(err)) throw err;
      await ack({ response_action: 'errors', errors: { [orgGoalBlock('metric', 1)]: err.userMessage } });
    }
  };
}
