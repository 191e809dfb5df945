import type { WebClient } from '@slack/web-api';
import { postDm } from './dm';
import type { GoalReminderNotifier } from '../domain/goal-reminders';
import { goalReminderMessage } from './ui/goal-reminder';

/** Sends the monthly goal reminder to the person's DM with the app (the goal reminder's Notifier). */
export function createGoalReminderNotifier(deps: { client: WebClient }): GoalReminderNotifier {
  return {
    async sendGoalReminder(personId, goals) {
      return postDm(deps.client, personId, goalReminderMessage(goals));
    },
  };
}
