import type { ListenerDeps } from '../deps';
import { goalNotice } from '../../ui/goal-messages';
import { answerRefusal, type ActionArgs } from './goal-actions-common';

/** "Stop these reminders" on the monthly goal reminder: the per-person opt-out. */
export function goalRemindersOffAction(deps: ListenerDeps) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    await answerRefusal(deps, args, async () => {
      // The button can reach someone Leadwell has not stored yet (a forwarded message, a new colleague).
      await deps.people.ensure(args.body.user.id);
      await deps.goals.setReminders(args.body.user.id, false);
      const message = goalNotice('Done: no more monthly goal reminders. `/goal reminders on` brings them back.');
      if (args.body.response_url) await args.respond({ replace_original: true, ...message });
    });
  };
}
