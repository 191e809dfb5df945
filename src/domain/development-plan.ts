/**
 * One living development plan per person, co-owned with their manager: both read and edit the same
 * plan; the manager can also leave suggestions. Nobody else sees it (admins included).
 */
import { DomainError } from './errors';
import { isIsoDate } from './goal';

export const STEP_STATUSES = ['not-started', 'in-progress', 'done'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const STEP_STATUS_LABELS: Record<StepStatus, string> = { 'not-started': 'Not started', 'in-progress': 'In progress', done: 'Done' };

export const PLAN_LIMITS = { text: 2000, step: 300, suggestion: 1000, steps: 5 } as const;

export interface NextStep {
  text: string;
  /** Local date ('YYYY-MM-DD'). */
  targetOn?: string;
  status: StepStatus;
}

export interface PlanSuggestion {
  id: number;
  authorId: string;
  text: string;
  createdAt: number;
}

export interface DevelopmentPlan {
  personId: string;
  strengths: string;
  areasToGrow: string;
  careerDirection: string;
  nextSteps: NextStep[];
  /** Open (unresolved) suggestions from the manager, newest first. */
  suggestions: PlanSuggestion[];
  /** 0 before the first save; the modal sends it back so a concurrent edit is caught. */
  version: number;
  updatedBy?: string;
  updatedAt?: number;
}

export interface PlanDraft {
  strengths: string;
  areasToGrow: string;
  careerDirection: string;
  nextSteps: NextStep[];
}

export interface RawStep {
  text?: string | null;
  targetOn?: string | null;
  status?: string | null;
}

export interface RawPlanInput {
  strengths?: string | null;
  areasToGrow?: string | null;
  careerDirection?: string | null;
  steps: RawStep[];
  suggestion?: string | null;
}

/** Fields: strengths, areasToGrow, careerDirection, step0…step4 (text), stepDate0…, suggestion. */
export class PlanInputError extends DomainError {
  constructor(readonly fields: Record<string, string>) {
    super('plan_invalid_input', Object.values(fields).join(' '));
  }
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\r\n/g, '\n').trim();
const len = (s: string) => Array.from(s).length;

function textField(fields: Record<string, string>, name: string, label: string, raw: string | null | undefined, max: number): string {
  const v = clean(raw);
  if (len(v) > max) fields[name] = `${label} is ${len(v)} characters; keep it to ${max}.`;
  return v;
}

/** A step with a date in the past is fine only when it is done or was already dated so (plans age). */
export function validatePlanDraft(raw: RawPlanInput, opts: { today: string; keptDates: readonly string[] }): { draft: PlanDraft; suggestion: string } {
  const fields: Record<string, string> = {};
  const strengths = textField(fields, 'strengths', 'Strengths', raw.strengths, PLAN_LIMITS.text);
  const areasToGrow = textField(fields, 'areasToGrow', 'Areas to grow', raw.areasToGrow, PLAN_LIMITS.text);
  const careerDirection = textField(fields, 'careerDirection', 'Career direction', raw.careerDirection, PLAN_LIMITS.text);
  const suggestion = textField(fields, 'suggestion', 'The suggestion', raw.suggestion, PLAN_LIMITS.suggestion);
  const nextSteps: NextStep[] = [];
  raw.steps.slice(0, PLAN_LIMITS.steps).forEach((step, i) => {
    const text = clean(step.text).replace(/\s+/g, ' ');
    const targetOn = clean(step.targetOn) || undefined;
    const status = (STEP_STATUSES as readonly string[]).includes(step.status ?? '') ? (step.status as StepStatus) : 'not-started';
    if (!text) {
      if (targetOn) fields[`step${i}`] = 'Describe the step, or clear its date.';
      return;
    }
    if (len(text) > PLAN_LIMITS.step) fields[`step${i}`] = `This step is ${len(text)} characters; keep it to ${PLAN_LIMITS.step}.`;
    if (targetOn !== undefined) {
      if (!isIsoDate(targetOn)) fields[`stepDate${i}`] = 'Pick a date from the calendar.';
      else if (targetOn < opts.today && status !== 'done' && !opts.keptDates.includes(targetOn)) {
        fields[`stepDate${i}`] = 'The target date is in the past; pick today or later.';
      }
    }
    nextSteps.push({ text, targetOn, status });
  });
  if (Object.keys(fields).length > 0) throw new PlanInputError(fields);
  return { draft: { strengths, areasToGrow, careerDirection, nextSteps }, suggestion };
}

export function openSteps(plan: Pick<DevelopmentPlan, 'nextSteps'>): NextStep[] {
  return plan.nextSteps.filter((s) => s.status !== 'done');
}

export function isEmptyPlan(plan: Pick<DevelopmentPlan, 'strengths' | 'areasToGrow' | 'careerDirection' | 'nextSteps'>): boolean {
  return !plan.strengths && !plan.areasToGrow && !plan.careerDirection && plan.nextSteps.length === 0;
}

export interface DevelopmentPlanRepository {
  /** The plan with its steps and open suggestions; a blank version-0 plan when none was saved. */
  get(personId: string): Promise<DevelopmentPlan>;
  /** Saves when the stored version still equals `expectedVersion`; false when someone saved in between. */
  save(personId: string, draft: PlanDraft, expectedVersion: number, by: string, at: number): Promise<boolean>;
  /** Stores a suggestion once per key. */
  addSuggestion(personId: string, authorId: string, text: string, key: string, at: number): Promise<boolean>;
  resolveSuggestions(personId: string, ids: readonly number[], at: number): Promise<number>;
}
