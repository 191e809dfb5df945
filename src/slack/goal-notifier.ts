import type { WebClient } from '@slack/web-api';
import type { GoalReminderNotifier } from '../domain/goal-reminders';
import { goalReminderMessage } from './ui/goal-reminder';

/** Sends the monthly goal reminder to the person's DM with the app (the goal reminder's Notifier). */
export function createGoalReminderNotifier(deps: { client: WebClient }): GoalReminderNotifier {
  return {
    async sendGoalReminder(personId, goals) {
      const dm = await deps.client.conversations.open({ users: personId });
      const channel = dm.channel?.id;
      if (!channel) throw Object.assign(new Error('no DM channel'), { code: 'channel_not_found' });
      const message = goalReminderMessage(goals);
      const res = await deps.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
      return { channel, ts: res.ts ?? '' };
    },
  };
}
