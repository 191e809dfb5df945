import type { KnownBlock } from '@slack/types';
import { STALE_DAYS, type GoalView } from '../../domain/goal';
import { goalSection } from './goal-format';

/** The opt-out button on the monthly reminder. */
export const GOAL_REMINDERS_OFF_ACTION = 'goal_reminders_off';
const SHOWN = 5;

/** The light monthly reminder for people who are not managers: quiet goals, one click to update each, one to stop. */
export function goalReminderMessage(goals: readonly GoalView[]): { text: string; blocks: KnownBlock[] } {
  const shown = goals.slice(0, SHOWN);
  const n = goals.length;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:wave: A monthly nudge: ${n === 1 ? 'one of your goals has' : `${n} of your goals have`} had no check-in for ${STALE_DAYS} days or more. A one-line update keeps you and your manager on the same page.`,
      },
    },
    ...shown.map((g) => goalSection(g, { canUpdate: true })),
    ...(n > SHOWN ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: `…and ${n - SHOWN} more: \`/goal update\`` }] }] : []),
    {
      type: 'actions',
      elements: [{ type: 'button', action_id: GOAL_REMINDERS_OFF_ACTION, text: { type: 'plain_text', text: 'Stop these reminders' }, value: 'off' }],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'At most one of these a month. `/goal reminders off` stops them too.' }] },
  ];
  return { text: `${n === 1 ? 'One of your goals has' : `${n} of your goals have`} had no check-in for ${STALE_DAYS} days or more.`, blocks };
}
