import type { KnownBlock } from '@slack/types';
import { STALE_DAYS, type GoalView } from '../../domain/goal';
import type { GoalCounts } from '../../domain/goal-ports';
import { goalSection, goalText, notice } from './goal-format';
import { truncate } from './one-on-one-format';
import { count } from './words';

/** Overflow on each goal of `/goal list`; option values are `<verb>:<goalId>`. */
export const GOAL_MENU_ACTION = 'goal_menu';
/** "New goal" button (App Home, empty lists). */
export const GOAL_NEW_ACTION = 'goal_new';

export type GoalMenuVerb = 'update' | 'edit' | 'archive';

/** Messages hold 50 blocks: a header, 20 goals and a footer stay under it. */
export const GOALS_LISTED = 20;

type Message = { text: string; blocks: KnownBlock[] };

export function newGoalButton(label = 'New goal') {
  return { type: 'button' as const, action_id: GOAL_NEW_ACTION, text: { type: 'plain_text' as const, text: label }, value: 'new', style: 'primary' as const };
}

function menu(goalId: number) {
  const o = (text: string, verb: GoalMenuVerb) => ({ text: { type: 'plain_text' as const, text }, value: `${verb}:${goalId}` });
  return {
    type: 'overflow' as const,
    action_id: GOAL_MENU_ACTION,
    options: [o('Update (check in)', 'update'), o('Edit goal', 'edit'), o('Archive goal', 'archive')],
  };
}

function more(n: number): KnownBlock[] {
  return n > 0 ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${n} more. Mark finished goals done or archive them to keep the list short.` }] }] : [];
}

/** `/goal list`: every goal of mine with its status; a menu on each to update, edit or archive. */
export function goalListMessage(goals: readonly GoalView[]): Message {
  if (goals.length === 0) {
    return {
      text: 'You have no goals yet.',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'You have no goals yet. A good goal says what, why it matters and how you will know it is done.' } },
        { type: 'actions', elements: [newGoalButton('Set a goal')] },
      ],
    };
  }
  const shown = goals.slice(0, GOALS_LISTED);
  const open = goals.filter((g) => g.status !== 'done').length;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Your goals' } },
    ...shown.map((g): KnownBlock => ({ type: 'section', block_id: `goal_list_${g.id}`, text: { type: 'mrkdwn', text: truncate(goalText(g, { note: true, visibility: true }), 3000) }, accessory: menu(g.id) })),
    ...more(goals.length - shown.length),
    { type: 'actions', elements: [newGoalButton()] },
  ];
  return { text: `You have ${count(open, 'open goal')}.`, blocks };
}

/** `/goal update` with several goals: each open goal with an "Update" button, the quiet ones first. */
export function goalUpdatePicker(goals: readonly GoalView[]): Message {
  const open = goals.filter((g) => g.status !== 'done').sort((a, b) => b.quietDays - a.quietDays);
  if (open.length === 0) return { ...notice('You have no open goals to update. `/goal` sets a new one.'), blocks: [...notice('You have no open goals to update.').blocks, { type: 'actions', elements: [newGoalButton('Set a goal')] }] };
  const shown = open.slice(0, GOALS_LISTED);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: '*Which goal do you want to update?*' } },
    ...shown.map((g) => goalSection(g, { canUpdate: true })),
    ...more(open.length - shown.length),
  ];
  return { text: `Pick one of your ${open.length} open goals to update.`, blocks };
}

export function goalHelpMessage(opts: { remindersOn: boolean; isManager: boolean }): Message {
  const reminder = opts.isManager
    ? `Goals with no check-in for ${STALE_DAYS} days show up in your weekly nudge.`
    : `Once a month, if a goal has had no check-in for ${STALE_DAYS} days, Leadwell sends you a short reminder (now *${opts.remindersOn ? 'on' : 'off'}*; \`/goal reminders ${opts.remindersOn ? 'off' : 'on'}\` to switch).`;
  const text = [
    '*Goals with Leadwell*',
    '• `/goal` — set a new goal: what, why it matters, how success is measured, due date and who can see it',
    '• `/goal update` — check in on a goal: on track, at risk, off track or done, with progress and a note',
    '• `/goal list` — your goals, with a menu to update, edit or archive each',
    '• `/goal reminders on|off` — the monthly reminder about quiet goals',
    '• `/goal plan` — your development plan; `/goal plan @name` opens a report\'s plan (managers)',
    '',
    'Who sees what: a *private* goal is yours alone; *shared with my manager* appears in their 1:1 prep card; *team* goals show to your manager and your team. Admins only ever see counts.',
    reminder,
    'Your development plan (strengths, areas to grow, next steps, career direction) lives in the Leadwell App Home, shared with your manager.',
  ].join('\n');
  return { text: 'How /goal works', blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** Admin-only org figures: counts, never a title, a note or a name. */
export function goalReportMessage(c: GoalCounts): Message {
  const text = [
    '*Goals across the organisation* (counts only: goal text stays with the people who can see it)',
    `• Open and done goals: *${c.total}* held by *${c.owners}* people`,
    `• On track ${c['on-track']} · at risk ${c['at-risk']} · off track ${c['off-track']} · done ${c.done}`,
    `• No check-in for ${STALE_DAYS}+ days: *${c.stale}*`,
    `• Private (seen by their owner only): ${c.private}`,
  ].join('\n');
  return { text: `Goals: ${c.total} in total, ${c.stale} without a recent check-in.`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export { notice as goalNotice };
