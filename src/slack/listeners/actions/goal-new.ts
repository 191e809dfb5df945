import type { ListenerDeps } from '../deps';
import { openGoalModal } from '../views/goal-open';
import { answerRefusal, type ActionArgs } from './goal-actions-common';

/** "New goal" button (App Home, `/goal list`, empty lists). */
export function goalNewAction(deps: ListenerDeps) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const origin = args.body.view?.type === 'home' ? 'home' : 'list';
    await answerRefusal(deps, args, () => openGoalModal(deps, args.client, args.body.trigger_id, args.body.user.id, { origin }));
  };
}
