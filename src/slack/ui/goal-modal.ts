import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { GOAL_LIMITS, VISIBILITY_LABELS, type Goal, type GoalVisibility } from '../../domain/goal';
import { escapeMrkdwn, formatDate, truncate } from './one-on-one-format';

export const GOAL_MODAL_CALLBACK = 'goal_modal';
export const GOAL_TITLE_BLOCK = 'goal_title';
export const GOAL_TITLE_ACTION = 'title';
export const GOAL_WHY_BLOCK = 'goal_why';
export const GOAL_WHY_ACTION = 'why';
export const GOAL_MEASURE_BLOCK = 'goal_measure';
export const GOAL_MEASURE_ACTION = 'measure';
export const GOAL_DUE_BLOCK = 'goal_due';
export const GOAL_DUE_ACTION = 'due_on';
export const GOAL_KIND_BLOCK = 'goal_kind';
export const GOAL_KIND_ACTION = 'kind';
export const GOAL_VISIBILITY_BLOCK = 'goal_visibility';
export const GOAL_VISIBILITY_ACTION = 'visibility';

/** Domain field names (GoalInputError.fields) → the block that shows the error. */
export const GOAL_FIELD_BLOCKS: Record<string, string> = {
  title: GOAL_TITLE_BLOCK,
  why: GOAL_WHY_BLOCK,
  measure: GOAL_MEASURE_BLOCK,
  dueOn: GOAL_DUE_BLOCK,
  kind: GOAL_KIND_BLOCK,
  visibility: GOAL_VISIBILITY_BLOCK,
};

/** What the submission needs to know: edit which goal, and where the modal was opened (to refresh that surface). */
export interface GoalModalMetadata {
  goalId?: number;
  origin?: 'command' | 'home' | 'list';
}

export interface GoalModalModel {
  goal?: Goal;
  canTeam: boolean;
  /** The owner's local date, so the date picker opens on their today. */
  today: string;
  hasManager: boolean;
  metadata: GoalModalMetadata;
}

const opt = (text: string, value: string, description?: string): PlainTextOption => ({
  text: { type: 'plain_text', text: truncate(text, 75) },
  value,
  ...(description ? { description: { type: 'plain_text', text: truncate(description, 75) } } : {}),
});

function textInput(block: string, action: string, label: string, max: number, opts: { initial?: string; multiline?: boolean; optional?: boolean; placeholder: string; hint?: string }): KnownBlock {
  return {
    type: 'input',
    block_id: block,
    optional: opts.optional ?? false,
    label: { type: 'plain_text', text: label },
    ...(opts.hint ? { hint: { type: 'plain_text', text: opts.hint } } : {}),
    element: {
      type: 'plain_text_input',
      action_id: action,
      multiline: opts.multiline ?? false,
      max_length: max,
      placeholder: { type: 'plain_text', text: opts.placeholder },
      ...(opts.initial ? { initial_value: opts.initial } : {}),
    },
  };
}

function visibilityOptions(hasManager: boolean): PlainTextOption[] {
  const help: Record<GoalVisibility, string> = {
    private: 'Nobody else sees it, not even your manager',
    manager: hasManager ? 'You and your manager, in your 1:1 prep' : 'You and, once you have one, your manager',
    team: 'Your manager, your teammates and your reports',
  };
  return (['private', 'manager', 'team'] as const).map((v) => opt(VISIBILITY_LABELS[v], v, help[v]));
}

/** Create or edit a goal. Team goals are offered only to managers; everyone chooses who sees it. */
export function goalModal(model: GoalModalModel): ModalView {
  const g = model.goal;
  const kinds = [opt('Personal goal', 'personal', 'Something you own'), opt('Team goal', 'team', 'For the team you manage')];
  const visibilities = visibilityOptions(model.hasManager);
  const blocks: KnownBlock[] = [
    textInput(GOAL_TITLE_BLOCK, GOAL_TITLE_ACTION, 'Goal', GOAL_LIMITS.title, { initial: g?.title, placeholder: 'What do you want to achieve?' }),
    textInput(GOAL_WHY_BLOCK, GOAL_WHY_ACTION, 'Why it matters', GOAL_LIMITS.why, { initial: g?.why, multiline: true, optional: true, placeholder: 'Who benefits, and what changes when it is done' }),
    textInput(GOAL_MEASURE_BLOCK, GOAL_MEASURE_ACTION, 'How success is measured', GOAL_LIMITS.measure, { initial: g?.measure, multiline: true, optional: true, placeholder: 'A number, a date, or something anyone could check' }),
    {
      type: 'input',
      block_id: GOAL_DUE_BLOCK,
      optional: true,
      label: { type: 'plain_text', text: 'Due date' },
      hint: { type: 'plain_text', text: `Your local date (today is ${formatDate(model.today)}).` },
      element: { type: 'datepicker', action_id: GOAL_DUE_ACTION, placeholder: { type: 'plain_text', text: 'Pick a date' }, ...(g?.dueOn ? { initial_date: g.dueOn } : {}) },
    },
  ];
  if (model.canTeam || g?.kind === 'team') {
    blocks.push({
      type: 'input',
      block_id: GOAL_KIND_BLOCK,
      label: { type: 'plain_text', text: 'Type' },
      element: { type: 'radio_buttons', action_id: GOAL_KIND_ACTION, options: kinds, initial_option: g?.kind === 'team' ? kinds[1] : kinds[0] },
    });
  }
  blocks.push({
    type: 'input',
    block_id: GOAL_VISIBILITY_BLOCK,
    label: { type: 'plain_text', text: 'Who can see it' },
    element: {
      type: 'radio_buttons',
      action_id: GOAL_VISIBILITY_ACTION,
      options: visibilities,
      initial_option: visibilities.find((o) => o.value === (g?.visibility ?? 'manager')),
    },
  });
  if (!model.canTeam && g?.kind !== 'team') {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Team goals are for managers, for the team they lead.' }] });
  }
  if (g) blocks.unshift({ type: 'context', elements: [{ type: 'mrkdwn', text: `Editing *${escapeMrkdwn(truncate(g.title, 150))}*. Status changes go in a check-in.` }] });
  return {
    type: 'modal',
    callback_id: GOAL_MODAL_CALLBACK,
    title: { type: 'plain_text', text: g ? 'Edit goal' : 'New goal' },
    submit: { type: 'plain_text', text: g ? 'Save' : 'Create goal' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(model.metadata).slice(0, 3000),
    blocks,
  };
}
