import type { Job } from './job';
import type { GoalReminders } from '../domain/goal-reminders';
import type { OutboxDispatcherDeps } from './outbox-dispatcher';

export interface GoalReminderJobDeps extends OutboxDispatcherDeps {
  goalReminders: GoalReminders;
}

/**
 * Hourly: each person's reminder goes out at or after their own nudge hour, on a weekday, once a
 * month (the nudges row per person and month makes extra runs harmless).
 */
export const goalRemindersJob: Job<GoalReminderJobDeps> = {
  name: 'goal-reminders',
  schedule: '7 * * * *',
  async run(deps, now) {
    if ((await deps.goalReminders.run(now)).planned.length > 0) await deps.outboxDispatcher.drain();
  },
};
