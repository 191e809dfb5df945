import type { KnownBlock } from '@slack/types';
import { openSteps, STEP_STATUS_LABELS, type DevelopmentPlan, type NextStep } from '../../domain/development-plan';
import { escapeMrkdwn, formatDate, truncate } from './one-on-one-format';
import { count } from './words';

/** Opens a development plan; value: whose plan (Slack user id). */
export const PLAN_OPEN_ACTION = 'plan_open';

export function planButton(personId: string, label = 'Development plan') {
  return { type: 'button' as const, action_id: PLAN_OPEN_ACTION, text: { type: 'plain_text' as const, text: truncate(label, 75) }, value: personId };
}

/** Open next steps as bullet lines, target dates included. */
export function stepLines(steps: readonly NextStep[], max = 5): string {
  return steps
    .slice(0, max)
    .map((s) => `• ${escapeMrkdwn(truncate(s.text, 200))}${s.targetOn ? ` _(by ${formatDate(s.targetOn)})_` : ''}${s.status === 'in-progress' ? ` · ${STEP_STATUS_LABELS[s.status]}` : ''}`)
    .join('\n');
}

export interface PlanSummaryModel {
  plan: DevelopmentPlan;
  /** Whose plan, from the viewer's side: "Your" or "Alice's". */
  heading: string;
  /** Local date of the last update and who made it. */
  updatedOn?: string;
  updatedByName?: string;
}

/** A compact plan for App Home: career direction, open next steps, suggestions waiting, last updated, an edit button. */
export function planSummaryBlocks(model: PlanSummaryModel): KnownBlock[] {
  const { plan } = model;
  const steps = openSteps(plan);
  const lines: string[] = [`*${escapeMrkdwn(model.heading)} development plan*`];
  if (plan.version === 0) lines.push('Not started yet: strengths, areas to grow, next steps and where you want your career to go, shared with your manager.');
  if (plan.careerDirection) lines.push(`:compass: ${escapeMrkdwn(truncate(plan.careerDirection.replace(/\s+/g, ' '), 300))}`);
  if (steps.length > 0) lines.push(`*Open next steps*\n${stepLines(steps)}`);
  else if (plan.version > 0) lines.push('_No open next steps._');
  if (plan.suggestions.length > 0) lines.push(`:speech_balloon: ${count(plan.suggestions.length, 'suggestion')} waiting`);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), 3000) }, accessory: planButton(plan.personId, plan.version === 0 ? 'Start the plan' : 'Open plan') },
  ];
  if (model.updatedOn) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Last updated ${formatDate(model.updatedOn)}${model.updatedByName ? ` by ${escapeMrkdwn(model.updatedByName)}` : ''}` }] });
  }
  return blocks;
}
