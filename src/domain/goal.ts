/**
 * Goals and check-ins: the records, the limits, the input rules and who may see what.
 * Visibility is decided here, once, so every surface (Slack views, reports, exports) asks the same function.
 */
import { DateTime } from 'luxon';
import { DomainError } from './errors';

export const GOAL_STATUSES = ['on-track', 'at-risk', 'off-track', 'done'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export const GOAL_KINDS = ['personal', 'team'] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];
/** private: the owner only · manager: the owner and their manager · team: also the owner's peers and reports. */
export const GOAL_VISIBILITIES = ['private', 'manager', 'team'] as const;
export type GoalVisibility = (typeof GOAL_VISIBILITIES)[number];

export const GOAL_LIMITS = { title: 150, why: 1000, measure: 1000, note: 1000 } as const;
/** A goal with no check-in for this long shows up in nudges and reminders. */
export const STALE_DAYS = 14;
/** How many active goals one person may keep: enough for real work, few enough to fit every view. */
export const MAX_ACTIVE_GOALS = 20;

export const STATUS_LABELS: Record<GoalStatus, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  done: 'Done',
};
export const VISIBILITY_LABELS: Record<GoalVisibility, string> = {
  private: 'Private (only me)',
  manager: 'Shared with my manager',
  team: 'Team (my manager and my team)',
};

export interface Goal {
  id: number;
  ownerId: string;
  kind: GoalKind;
  visibility: GoalVisibility;
  title: string;
  why: string;
  measure: string;
  /** Local date in the owner's time zone ('YYYY-MM-DD'). */
  dueOn?: string;
  status: GoalStatus;
  progress?: number;
  lastCheckInAt?: number;
  archivedAt?: number;
  createdAt: number;
  updatedAt: number;
}

export interface CheckIn {
  id: number;
  goalId: number;
  authorId: string;
  status: GoalStatus;
  progress?: number;
  note: string;
  createdAt: number;
}

/** A goal as a viewer sees it: with its latest check-in. */
export interface GoalView extends Goal {
  latest?: CheckIn;
  /** Whole days since the last check-in (or creation when none). */
  quietDays: number;
  stale: boolean;
}

export interface GoalDraft {
  title: string;
  why: string;
  measure: string;
  dueOn?: string;
  kind: GoalKind;
  visibility: GoalVisibility;
}

export interface CheckInDraft {
  status: GoalStatus;
  progress?: number;
  note: string;
}

/** Bad input, answered field by field in the modal. Fields: title, why, measure, dueOn, kind, visibility, status, progress, note. */
export class GoalInputError extends DomainError {
  constructor(readonly fields: Record<string, string>) {
    super('goal_invalid_input', Object.values(fields).join(' '));
  }
}

export interface RawGoalInput {
  title?: string | null;
  why?: string | null;
  measure?: string | null;
  dueOn?: string | null;
  kind?: string | null;
  visibility?: string | null;
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\r\n/g, '\n').trim();
const len = (s: string) => Array.from(s).length;
const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s, { zone: 'UTC' }).isValid;
}

function checkLength(fields: Record<string, string>, name: string, label: string, value: string, max: number): void {
  if (len(value) > max) fields[name] = `${label} is ${len(value)} characters; keep it to ${max}.`;
}

/**
 * Validates a goal from the modal. `today` is the owner's local date; a due date in the past is refused
 * unless it is the one the goal already had (editing the title of an overdue goal must stay possible).
 */
export function validateGoalDraft(raw: RawGoalInput, opts: { today: string; canTeam: boolean; keptDueOn?: string }): GoalDraft {
  const fields: Record<string, string> = {};
  const title = clean(raw.title).replace(/\s+/g, ' ');
  const why = clean(raw.why);
  const measure = clean(raw.measure);
  const dueOn = clean(raw.dueOn) || undefined;
  if (!title) fields.title = 'Give the goal a title.';
  else checkLength(fields, 'title', 'The title', title, GOAL_LIMITS.title);
  checkLength(fields, 'why', 'Why it matters', why, GOAL_LIMITS.why);
  checkLength(fields, 'measure', 'How success is measured', measure, GOAL_LIMITS.measure);
  if (dueOn !== undefined) {
    if (!isIsoDate(dueOn)) fields.dueOn = 'Pick a date from the calendar.';
    else if (dueOn < opts.today && dueOn !== opts.keptDueOn) fields.dueOn = 'The due date is in the past; pick today or a later date.';
  }
  const kind = raw.kind ? raw.kind : 'personal';
  if (!isOneOf(GOAL_KINDS, kind)) fields.kind = 'Pick personal or team.';
  else if (kind === 'team' && !opts.canTeam) fields.kind = 'Team goals are for managers, for their own team; make it a personal goal.';
  const visibility = raw.visibility ?? '';
  if (!isOneOf(GOAL_VISIBILITIES, visibility)) fields.visibility = 'Pick who can see this goal.';
  if (Object.keys(fields).length > 0) throw new GoalInputError(fields);
  return { title, why, measure, dueOn, kind: kind as GoalKind, visibility: visibility as GoalVisibility };
}

export function validateCheckIn(raw: { status?: string | null; progress?: string | number | null; note?: string | null }): CheckInDraft {
  const fields: Record<string, string> = {};
  const status = raw.status ?? '';
  if (!isOneOf(GOAL_STATUSES, status)) fields.status = 'Pick a status.';
  let progress: number | undefined;
  const p = typeof raw.progress === 'number' ? String(raw.progress) : clean(raw.progress).replace(/%$/, '').trim();
  if (p !== '') {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 100) fields.progress = 'Progress is a whole number from 0 to 100.';
    else progress = Number(p);
  }
  const note = clean(raw.note);
  checkLength(fields, 'note', 'The note', note, GOAL_LIMITS.note);
  if (Object.keys(fields).length > 0) throw new GoalInputError(fields);
  // Done means done: progress follows unless the person said otherwise.
  if (status === 'done' && progress === undefined) progress = 100;
  return { status: status as GoalStatus, progress, note };
}

/** How the viewer stands to the goal's owner. */
export type Relation = 'owner' | 'manager' | 'peer' | 'report' | 'none';

export interface PersonLink {
  id: string;
  managerId?: string;
  deleted?: boolean;
}

export function relationTo(viewer: PersonLink, owner: PersonLink): Relation {
  if (viewer.id === owner.id) return 'owner';
  if (viewer.deleted) return 'none';
  if (owner.managerId === viewer.id) return 'manager';
  if (viewer.managerId !== undefined && viewer.managerId === owner.id) return 'report';
  if (viewer.managerId !== undefined && viewer.managerId === owner.managerId) return 'peer';
  return 'none';
}

/** The one visibility rule. Admins get no special right to goal text: they see counts in reports. */
export function canSeeGoal(goal: Pick<Goal, 'visibility'>, relation: Relation): boolean {
  if (relation === 'owner') return true;
  if (relation === 'manager') return goal.visibility === 'manager' || goal.visibility === 'team';
  if (relation === 'peer' || relation === 'report') return goal.visibility === 'team';
  return false;
}

/** Who may record a check-in: the owner, and their manager on a goal shared with them (the 1:1 is where it is discussed). */
export function canCheckIn(goal: Pick<Goal, 'visibility'>, relation: Relation): boolean {
  return relation === 'owner' || (relation === 'manager' && canSeeGoal(goal, relation));
}

const DAY = 24 * 60 * 60 * 1000;

export function quietDays(goal: Pick<Goal, 'lastCheckInAt' | 'createdAt'>, now: number): number {
  return Math.max(0, Math.floor((now - (goal.lastCheckInAt ?? goal.createdAt)) / DAY));
}

/** Active (not done, not archived) and no check-in for STALE_DAYS. */
export function isStale(goal: Pick<Goal, 'status' | 'archivedAt' | 'lastCheckInAt' | 'createdAt'>, now: number): boolean {
  return goal.status !== 'done' && goal.archivedAt === undefined && quietDays(goal, now) >= STALE_DAYS;
}

export function toView(goal: Goal, now: number, latest?: CheckIn): GoalView {
  return { ...goal, latest, quietDays: quietDays(goal, now), stale: isStale(goal, now) };
}
