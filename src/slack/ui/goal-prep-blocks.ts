import type { KnownBlock } from '@slack/types';
import type { GoalLine, PrepPlanSummary } from '../../domain/goal-surfaces';
import { STATUS_LABELS } from '../../domain/goal';
import { checkInButton, STATUS_EMOJI } from './goal-format';
import { planButton, stepLines } from './plan-blocks';
import { escapeMrkdwn, formatDate, truncate } from './one-on-one-format';
import { count } from './words';

export const PREP_GOALS_SHOWN = 5;
/** Block ids start with `prep` so the check-in listener knows the click came from a prep card. */
export const PREP_GOAL_BLOCK_PREFIX = 'prep_goal_';

/** A goal as the prep card receives it: the goals slot's GoalSummary, with the richer fields when the goals feature fills them. */
export type PrepGoal = Partial<Omit<GoalLine, 'title' | 'status' | 'dueOn'>> & { title: string; status?: string; dueOn?: string };

function line(g: PrepGoal): string {
  const status = g.status && g.status in STATUS_EMOJI ? `${STATUS_EMOJI[g.status as GoalLine['status']]} ${STATUS_LABELS[g.status as GoalLine['status']]}` : (g.status ?? '');
  const progress = g.progress !== undefined && g.status !== 'done' ? ` · ${g.progress}%` : '';
  const due = g.dueOn ? ` · due ${formatDate(g.dueOn)}` : '';
  const quiet = g.stale ? ` · :hourglass: no check-in for ${count(g.quietDays ?? 0, 'day')}` : '';
  const team = g.kind === 'team' ? ' _(team goal)_' : '';
  const note = g.note ? `\n> ${escapeMrkdwn(truncate(g.note.replace(/\s+/g, ' '), 240))}` : '';
  return `*${escapeMrkdwn(truncate(g.title, 150))}*${team}\n${status}${progress}${due}${quiet}${note}`;
}

/** Goals shared with the manager, each with an "Update" button to record the check-in during the 1:1. */
export function prepGoalBlocks(goals: readonly PrepGoal[], reportName: string): KnownBlock[] {
  if (goals.length === 0) {
    return [{ type: 'section', text: { type: 'mrkdwn', text: `*Goals*\nNo goals shared with you yet. Ask ${escapeMrkdwn(reportName)} what they are working towards; \`/goal\` lets them write it down.` } }];
  }
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: '*Goals* (shared with you, latest check-in)' } }];
  goals.slice(0, PREP_GOALS_SHOWN).forEach((g, i) => {
    blocks.push({
      type: 'section',
      block_id: `${PREP_GOAL_BLOCK_PREFIX}${g.id ?? i}`,
      text: { type: 'mrkdwn', text: truncate(line(g), 3000) },
      ...(g.canUpdate && g.id !== undefined && g.status !== 'done' ? { accessory: checkInButton(g.id) } : {}),
    });
  });
  if (goals.length > PREP_GOALS_SHOWN) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${goals.length - PREP_GOALS_SHOWN} more in App Home.` }] });
  return blocks;
}

/** Development plan's open next steps, and a career conversation prompt when none was logged in 90 days. */
export function prepPlanBlocks(plan: PrepPlanSummary | undefined, reportName: string): KnownBlock[] {
  if (!plan) return [];
  const blocks: KnownBlock[] = [];
  if (plan.careerDue) {
    const qs = plan.careerQuestions.map((q) => `• ${escapeMrkdwn(truncate(q, 300))}`).join('\n');
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`:compass: *Time for a career conversation* — none logged with ${escapeMrkdwn(reportName)} in the last 90 days.${qs ? `\n${qs}` : ''}\nTick "career conversation" when you log this 1:1.`, 3000) },
    });
  }
  if (!plan.canOpen) return blocks;
  const parts = ['*Development plan*'];
  if (!plan.hasPlan) parts.push(`Not started yet. Build it together: strengths, areas to grow, next steps, the career ${escapeMrkdwn(reportName)} wants.`);
  if (plan.careerDirection) parts.push(`:compass: ${escapeMrkdwn(truncate(plan.careerDirection.replace(/\s+/g, ' '), 300))}`);
  if (plan.openSteps.length > 0) parts.push(`Open next steps:\n${stepLines(plan.openSteps)}`);
  else if (plan.hasPlan) parts.push('_No open next steps: agree the next one today?_');
  blocks.push({
    type: 'section',
    block_id: 'prep_plan',
    text: { type: 'mrkdwn', text: truncate(parts.join('\n'), 3000) },
    accessory: planButton(plan.personId, plan.hasPlan ? 'Open plan' : 'Start plan'),
  });
  return blocks;
}
