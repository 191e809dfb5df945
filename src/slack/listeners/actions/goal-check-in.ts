import type { ListenerDeps } from '../deps';
import { DomainError } from '../../../domain/errors';
import { openCheckInModal } from '../views/goal-open';
import { actionValue, answerRefusal, type ActionArgs } from './goal-actions-common';

function originOf(args: ActionArgs): 'home' | 'prep' | 'list' | 'reminder' {
  if (args.body.view?.type === 'home') return 'home';
  const blockId = (args.action as { block_id?: string }).block_id ?? '';
  if (blockId.startsWith('prep')) return 'prep';
  return args.body.channel?.id?.startsWith('D') ? 'reminder' : 'list';
}

/** Every "Update" button on a goal (App Home, prep card, `/goal update`, reminders): opens its check-in modal. */
export function goalCheckInAction(deps: ListenerDeps) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    await answerRefusal(deps, args, async () => {
      const goalId = Number(actionValue(args));
      if (!Number.isInteger(goalId) || goalId <= 0) throw new DomainError('goal_not_found', 'That goal no longer exists.');
      await openCheckInModal(deps, args.client, args.body.trigger_id, args.body.user.id, { goalId, origin: originOf(args) });
    });
  };
}
