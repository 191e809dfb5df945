import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { PLAN_LIMITS, STEP_STATUS_LABELS, STEP_STATUSES, type DevelopmentPlan } from '../../domain/development-plan';
import { escapeMrkdwn, formatDate, truncate } from './one-on-one-format';

export const PLAN_MODAL_CALLBACK = 'plan_modal';
export const PLAN_STRENGTHS_BLOCK = 'plan_strengths';
export const PLAN_AREAS_BLOCK = 'plan_areas';
export const PLAN_DIRECTION_BLOCK = 'plan_direction';
export const PLAN_SUGGESTION_BLOCK = 'plan_suggestion';
export const PLAN_RESOLVED_BLOCK = 'plan_resolved';
/** Every input's action id is `value`: the block id says which field it is. */
export const PLAN_VALUE_ACTION = 'value';
export const stepTextBlock = (i: number) => `plan_step_text_${i}`;
export const stepDateBlock = (i: number) => `plan_step_date_${i}`;
export const stepStatusBlock = (i: number) => `plan_step_status_${i}`;

/** Domain field names (PlanInputError.fields) → block ids. */
export function planFieldBlock(field: string): string {
  const step = /^step(Date)?(\d)$/.exec(field);
  if (step) return step[1] ? stepDateBlock(Number(step[2])) : stepTextBlock(Number(step[2]));
  const map: Record<string, string> = { strengths: PLAN_STRENGTHS_BLOCK, areasToGrow: PLAN_AREAS_BLOCK, careerDirection: PLAN_DIRECTION_BLOCK, suggestion: PLAN_SUGGESTION_BLOCK };
  return map[field] ?? PLAN_STRENGTHS_BLOCK;
}

export interface PlanModalMetadata {
  personId: string;
  version: number;
  origin?: 'home' | 'prep' | 'command';
}

export interface PlanModalModel {
  plan: DevelopmentPlan;
  role: 'owner' | 'manager';
  personName: string;
  /** Names for "updated by" and suggestion authors. */
  names: Record<string, string>;
  /** The person's local date, and the date of the last update in their zone. */
  today: string;
  updatedOn?: string;
  origin?: PlanModalMetadata['origin'];
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });

function area(block: string, label: string, initial: string, placeholder: string): KnownBlock {
  return {
    type: 'input',
    block_id: block,
    optional: true,
    label: plain(label),
    element: { type: 'plain_text_input', action_id: PLAN_VALUE_ACTION, multiline: true, max_length: PLAN_LIMITS.text, placeholder: plain(placeholder), ...(initial ? { initial_value: initial } : {}) },
  };
}

function stepBlocks(plan: DevelopmentPlan, i: number): KnownBlock[] {
  const step = plan.nextSteps[i];
  const options: PlainTextOption[] = STEP_STATUSES.map((s) => ({ text: plain(STEP_STATUS_LABELS[s]), value: s }));
  return [
    {
      type: 'input',
      block_id: stepTextBlock(i),
      optional: true,
      label: plain(`Next step ${i + 1}`),
      element: { type: 'plain_text_input', action_id: PLAN_VALUE_ACTION, max_length: PLAN_LIMITS.step, placeholder: plain('A concrete action, e.g. "Run the next incident review"'), ...(step ? { initial_value: step.text } : {}) },
    },
    {
      type: 'input',
      block_id: stepDateBlock(i),
      optional: true,
      label: plain('Target date'),
      element: { type: 'datepicker', action_id: PLAN_VALUE_ACTION, placeholder: plain('Pick a date'), ...(step?.targetOn ? { initial_date: step.targetOn } : {}) },
    },
    {
      type: 'input',
      block_id: stepStatusBlock(i),
      optional: true,
      label: plain('Status'),
      element: { type: 'static_select', action_id: PLAN_VALUE_ACTION, options, initial_option: options.find((o) => o.value === (step?.status ?? 'not-started')) },
    },
  ];
}

function suggestionBlocks(model: PlanModalModel): KnownBlock[] {
  const { plan } = model;
  if (plan.suggestions.length === 0) return [];
  const lines = plan.suggestions.slice(0, 10).map((s) => `• ${escapeMrkdwn(truncate(s.text.replace(/\s+/g, ' '), 280))} _— ${escapeMrkdwn(model.names[s.authorId] ?? 'manager')}_`);
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: truncate(`*Suggestions from your manager*\n${lines.join('\n')}`, 3000) } }];
  if (model.role === 'owner') {
    blocks.push({
      type: 'input',
      block_id: PLAN_RESOLVED_BLOCK,
      optional: true,
      label: plain('Mark as handled'),
      element: {
        type: 'checkboxes',
        action_id: PLAN_VALUE_ACTION,
        options: plan.suggestions.slice(0, 10).map((s) => ({ text: plain(truncate(s.text.replace(/\s+/g, ' '), 75)), value: String(s.id) })),
      },
    });
  }
  return blocks;
}

/** The co-owned development plan, editable by the person and their manager; the manager can also suggest. */
export function planModal(model: PlanModalModel): ModalView {
  const { plan } = model;
  const who = model.role === 'owner' ? 'your manager' : escapeMrkdwn(model.personName);
  const updated = plan.updatedAt && model.updatedOn
    ? `Last updated ${formatDate(model.updatedOn)} by ${escapeMrkdwn(model.names[plan.updatedBy ?? ''] ?? 'someone')}.`
    : 'Not filled in yet.';
  const whose = model.role === 'owner' ? 'your' : `${escapeMrkdwn(model.personName)}'s`;
  const blocks: KnownBlock[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`This is ${whose} plan, shared with ${who} and nobody else. ${updated}`, 3000) }] },
    ...suggestionBlocks(model),
    area(PLAN_STRENGTHS_BLOCK, 'Strengths', plan.strengths, 'What they do well and want to keep using'),
    area(PLAN_AREAS_BLOCK, 'Areas to grow', plan.areasToGrow, 'One to three skills that would make the biggest difference'),
    area(PLAN_DIRECTION_BLOCK, 'Career direction', plan.careerDirection, 'Where they want to be in one to three years'),
    { type: 'header', text: plain('Next steps') },
  ];
  for (let i = 0; i < PLAN_LIMITS.steps; i += 1) blocks.push(...stepBlocks(plan, i));
  if (model.role === 'manager') {
    blocks.push({
      type: 'input',
      block_id: PLAN_SUGGESTION_BLOCK,
      optional: true,
      label: plain(truncate(`Add a suggestion for ${model.personName}`, 2000)),
      hint: plain('They see it at the top of their plan and decide what to do with it.'),
      element: { type: 'plain_text_input', action_id: PLAN_VALUE_ACTION, multiline: true, max_length: PLAN_LIMITS.suggestion, placeholder: plain('An idea, not an instruction') },
    });
  }
  const metadata: PlanModalMetadata = { personId: plan.personId, version: plan.version, origin: model.origin };
  return {
    type: 'modal',
    callback_id: PLAN_MODAL_CALLBACK,
    title: plain('Development plan'),
    submit: plain('Save plan'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}
