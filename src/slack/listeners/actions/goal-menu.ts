import type { ListenerDeps } from '../deps';
import { DomainError } from '../../../domain/errors';
import { escapeMrkdwn, truncate } from '../../ui/one-on-one-format';
import { goalListMessage, goalNotice } from '../../ui/goal-messages';
import { openCheckInModal, openGoalModal } from '../views/goal-open';
import { openPlanModal } from '../views/plan-open';
import { actionValue, answerRefusal, type ActionArgs } from './goal-actions-common';

/** The menu on each goal of `/goal list` (update, edit, archive) and on each report in App Home (update, plan). */
export function goalMenuAction(deps: ListenerDeps) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    await answerRefusal(deps, args, async () => {
      const [verb, id = ''] = actionValue(args).split(':');
      const userId = args.body.user.id;
      const origin = args.body.view?.type === 'home' ? 'home' : 'list';
      if (verb === 'plan') return openPlanModal(deps, args.client, args.body.trigger_id, userId, id, 'home');
      const goalId = Number(id);
      if (!Number.isInteger(goalId) || goalId <= 0) throw new DomainError('goal_not_found', 'That goal no longer exists.');
      if (verb === 'update') return openCheckInModal(deps, args.client, args.body.trigger_id, userId, { goalId, origin });
      if (verb === 'edit') return openGoalModal(deps, args.client, args.body.trigger_id, userId, { goalId, origin });
      if (verb === 'archive') {
        const goal = await deps.goals.archive(userId, goalId);
        const list = goalListMessage(await deps.goals.mine(userId));
        const done = goalNotice(`Archived *${escapeMrkdwn(truncate(goal.title, 150))}*. It is kept, just out of your lists.`);
        await args.respond({ response_type: 'ephemeral', replace_original: true, text: done.text, blocks: [...done.blocks, ...list.blocks] });
        return;
      }
      throw new DomainError('goal_unknown_action', 'That choice is not available any more; run `/goal list` again.');
    });
  };
}
