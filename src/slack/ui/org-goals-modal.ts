import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { GOAL_METRICS, MAX_ORG_GOALS, type GoalProgress } from '../../domain/leadership/org-goals';
import type { OrgGoalRow } from '../../domain/leadership/ports';
import { goalLine } from './leadership-format';

/** Admins set up to three organisation goals for leadership habits: metric, target and deadline per slot. */
export const ORG_GOALS_CALLBACK = 'org_goals_modal';
export const ORG_GOAL_VALUE_ACTION = 'value';
export const orgGoalBlock = (field: 'metric' | 'target' | 'deadline', slot: number): string => `org_goal_${field}_${slot}`;

const option = (text: string, value: string): PlainTextOption => ({ text: { type: 'plain_text', text }, value });
const METRIC_OPTIONS = Object.entries(GOAL_METRICS).map(([value, text]) => option(text, value));

function slotBlocks(slot: number, goal: OrgGoalRow | undefined): KnownBlock[] {
  const picked = METRIC_OPTIONS.find((o) => o.value === goal?.metric);
  return [
    { type: 'header', text: { type: 'plain_text', text: `Goal ${slot}` } },
    {
      type: 'input', block_id: orgGoalBlock('metric', slot), optional: true,
      label: { type: 'plain_text', text: 'Habit' },
      hint: { type: 'plain_text', text: 'Leave empty for no goal in this slot.' },
      element: { type: 'static_select', action_id: ORG_GOAL_VALUE_ACTION, options: METRIC_OPTIONS, ...(picked ? { initial_option: picked } : {}), placeholder: { type: 'plain_text', text: 'Pick a habit' } },
    },
    {
      type: 'input', block_id: orgGoalBlock('target', slot), optional: true,
      label: { type: 'plain_text', text: 'Target (%)' },
      element: { type: 'plain_text_input', action_id: ORG_GOAL_VALUE_ACTION, max_length: 4, ...(goal ? { initial_value: String(goal.target) } : {}), placeholder: { type: 'plain_text', text: 'e.g. 80' } },
    },
    {
      type: 'input', block_id: orgGoalBlock('deadline', slot), optional: true,
      label: { type: 'plain_text', text: 'Reached by' },
      element: { type: 'datepicker', action_id: ORG_GOAL_VALUE_ACTION, ...(goal ? { initial_date: goal.deadline } : {}) },
    },
  ];
}

export function orgGoalsModal(goals: readonly OrgGoalRow[]): ModalView {
  const bySlot = new Map(goals.map((g) => [g.slot, g]));
  const blocks: KnownBlock[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'Up to three goals for the whole organisation. Progress shows in the admin report (`/coach report org`) and in every executive’s monthly digest.' }] },
  ];
  for (let slot = 1; slot <= MAX_ORG_GOALS; slot += 1) blocks.push(...slotBlocks(slot, bySlot.get(slot)));
  return {
    type: 'modal',
    callback_id: ORG_GOALS_CALLBACK,
    title: { type: 'plain_text', text: 'Organisation goals' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

export function orgGoalsSavedMessage(progress: readonly GoalProgress[]): { text: string; blocks: KnownBlock[] } {
  const text = progress.length === 0 ? 'Organisation goals cleared.' : `Organisation goals saved:\n${progress.map(goalLine).join('\n')}`;
  return { text: progress.length === 0 ? text : `Organisation goals saved (${progress.length}).`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** `/coach goals` for someone who is not an admin: the goals and where the organisation stands. */
export function orgGoalsProgressMessage(progress: readonly GoalProgress[]): { text: string; blocks: KnownBlock[] } {
  const text = progress.length === 0 ? 'Your organisation has no leadership goals set yet. Leadwell admins set them with `/coach goals`.' : `*Organisation goals*\n${progress.map(goalLine).join('\n')}`;
  return { text: progress.length === 0 ? text : `Organisation goals (${progress.length}).`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
