import type { ListenerDeps } from '../deps';
import { openPlanModal } from '../views/plan-open';
import { actionValue, answerRefusal, type ActionArgs } from './goal-actions-common';

/** "Development plan" buttons (App Home, prep card): the value is whose plan; the domain checks the viewer may open it. */
export function planOpenAction(deps: ListenerDeps) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const viewerId = args.body.user.id;
    const personId = actionValue(args) || viewerId;
    const origin = args.body.view?.type === 'home' ? 'home' : 'prep';
    await answerRefusal(deps, args, () => openPlanModal(deps, args.client, args.body.trigger_id, viewerId, personId, origin));
  };
}
