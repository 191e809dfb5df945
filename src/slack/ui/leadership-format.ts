import type { ManagerHabits, Trend } from '../../domain/leadership/habits';
import type { GoalProgress, GoalStatus } from '../../domain/leadership/org-goals';
import type { TurnoverFigure } from '../../domain/leadership/turnover';
import { escapeMrkdwn, formatDate, truncate } from './one-on-one-format';
import { count } from './words';

/** Wording shared by the leadership messages (mid-level section, executive digest, prep line, reports). */

export const percent = (share: number | undefined): string => (share === undefined ? '—' : `${Math.round(share * 100)}%`);

export const TREND_WORDS: Record<Trend, string> = {
  up: ':arrow_upper_right: better than the 4 weeks before',
  down: ':arrow_lower_right: slipping against the 4 weeks before',
  steady: ':left_right_arrow: steady against the 4 weeks before',
};

/** A manager as Slack shows them: the mention renders their current name for whoever reads it. */
export const mention = (id: string): string => `<@${id}>`;

/** "3 of 5 reports within cadence, recognised 2 people in the last 30 days": the prep card's one line. */
export function habitsPhrase(h: ManagerHabits): string {
  return `${h.withinCadence} of ${count(h.reports, 'report')} within cadence, recognised ${count(h.recognisedPeople30, 'person', 'people')} in the last 30 days`;
}

export function followThroughPhrase(h: ManagerHabits): string {
  return h.nudgesSent === 0 ? 'no nudges in 4 weeks' : `acted on ${h.nudgesActed} of ${count(h.nudgesSent, 'nudge')}`;
}

/** Why a manager was singled out, in the terms of the attention rule (domain/leadership/habits.ts). */
export function attentionReasons(h: ManagerHabits): string {
  const out: string[] = [];
  const outside = h.reports - h.withinCadence;
  if (outside > 0) out.push(`${outside} of ${count(h.reports, 'report')} past their 1:1 cadence`);
  const unrecognised = h.reports - h.reportsRecognised30;
  if (unrecognised > 0) out.push(`${unrecognised} of the team not recognised by them in 30 days`);
  if (h.trend === 'down') out.push('habits slipping against the 4 weeks before');
  return out.join(', ');
}

const STATUS_WORDS: Record<GoalStatus, string> = {
  met: ':white_check_mark: met',
  'on-track': ':large_green_circle: on track',
  behind: ':large_orange_circle: behind',
  missed: ':red_circle: missed the deadline',
  'no-data': ':white_circle: nothing to measure yet',
};

export function goalLine(g: GoalProgress): string {
  const from = g.baseline === undefined ? '' : ` (from ${percent(g.baseline)})`;
  return `• ${escapeMrkdwn(truncate(g.label, 80))}: *${percent(g.current)}*${from} → ${g.target}% by ${formatDate(g.deadline)} — ${STATUS_WORDS[g.status]}`;
}

/** A turnover figure, or why it is hidden. Never who left. */
export function turnoverText(f: TurnoverFigure | undefined, minGroup: number): string {
  if (!f) return '—';
  if (!f.shown) return `hidden (fewer than ${minGroup} people)`;
  const regretted = f.regretted === undefined ? '' : `, ${f.regretted} regretted`;
  return `*${percent(f.rate)}* (${count(f.leavers, 'leaver')} for ${f.headcount} people now${regretted})`;
}
