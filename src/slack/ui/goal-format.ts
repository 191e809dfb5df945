import type { KnownBlock, SectionBlock } from '@slack/types';
import { STATUS_LABELS, VISIBILITY_LABELS, type GoalStatus, type GoalView } from '../../domain/goal';
import { escapeMrkdwn, formatDate, truncate } from './one-on-one-format';
import { count, daysAgo } from './words';

/** The "Update" (check-in) button on any goal line: list, App Home, prep card, reminder. Value: the goal id. */
export const GOAL_CHECK_IN_ACTION = 'goal_check_in_open';

export const STATUS_EMOJI: Record<GoalStatus, string> = {
  'on-track': ':large_green_circle:',
  'at-risk': ':large_yellow_circle:',
  'off-track': ':red_circle:',
  done: ':white_check_mark:',
};

const VISIBILITY_SHORT = { private: ':lock: private', manager: ':busts_in_silhouette: shared with manager', team: ':people_holding_hands: team' } as const;

export function statusText(g: Pick<GoalView, 'status' | 'progress'>): string {
  const progress = g.progress !== undefined && g.status !== 'done' ? ` · ${g.progress}%` : '';
  return `${STATUS_EMOJI[g.status]} ${STATUS_LABELS[g.status]}${progress}`;
}

function quietText(g: GoalView): string {
  if (g.status === 'done') return '';
  if (g.latest === undefined && g.lastCheckInAt === undefined) return g.stale ? ` · :hourglass: no check-in in ${count(g.quietDays, 'day')}` : ' · no check-in yet';
  if (g.quietDays === 0) return ' · checked in today';
  return `${g.stale ? ' · :hourglass:' : ' ·'} last check-in ${daysAgo(g.quietDays)}`;
}

/** One goal in mrkdwn: title, status, due date, how long since the last check-in, latest note when asked. */
export function goalText(g: GoalView, opts: { owner?: boolean; note?: boolean; visibility?: boolean } = {}): string {
  const team = g.kind === 'team' ? ' _(team goal)_' : '';
  const due = g.dueOn ? ` · due ${formatDate(g.dueOn)}` : '';
  const vis = opts.visibility ? ` · ${VISIBILITY_SHORT[g.visibility]}` : '';
  const lines = [`*${escapeMrkdwn(truncate(g.title, 150))}*${team}`, `${statusText(g)}${due}${quietText(g)}${vis}`];
  if (opts.note && g.latest?.note) lines.push(`> ${escapeMrkdwn(truncate(g.latest.note.replace(/\s+/g, ' '), 280))}`);
  return lines.join('\n');
}

export function checkInButton(goalId: number, label = 'Update') {
  return { type: 'button' as const, action_id: GOAL_CHECK_IN_ACTION, text: { type: 'plain_text' as const, text: label }, value: String(goalId) };
}

/** A goal line with an "Update" button when the viewer may check in. */
export function goalSection(g: GoalView, opts: { canUpdate: boolean; note?: boolean; visibility?: boolean }): SectionBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(goalText(g, opts), 3000) },
    ...(opts.canUpdate ? { accessory: checkInButton(g.id) } : {}),
  };
}

export function notice(text: string): { text: string; blocks: KnownBlock[] } {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } }] };
}

export { VISIBILITY_LABELS, escapeMrkdwn, truncate, formatDate };
