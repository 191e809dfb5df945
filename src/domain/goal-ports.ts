import type { CheckIn, CheckInDraft, Goal, GoalDraft, GoalStatus } from './goal';

export interface NewGoal extends GoalDraft {
  ownerId: string;
  idempotencyKey: string;
  createdAt: number;
}

export interface NewCheckIn extends CheckInDraft {
  goalId: number;
  authorId: string;
  idempotencyKey: string;
  createdAt: number;
}

/** Goal storage. Every read here returns raw records: the service applies visibility before anything leaves the domain. */
/** Goals, newest first, and the latest check-in of each that has one. */
export interface GoalsWithLatest {
  goals: Goal[];
  latest: Map<number, CheckIn>;
}

export interface GoalRepository {
  /** Inserts unless the idempotency key exists; returns the goal either way. */
  insert(goal: NewGoal): Promise<{ goal: Goal; created: boolean }>;
  update(id: number, draft: GoalDraft, at: number): Promise<Goal>;
  archive(id: number, at: number): Promise<void>;
  get(id: number): Promise<Goal | undefined>;
  /** Stores the check-in and mirrors it onto the goal in one transaction; a repeated key is not stored twice. */
  checkIn(row: NewCheckIn): Promise<{ checkIn: CheckIn; created: boolean }>;
  /** Not archived goals of these owners, done ones included, newest first. */
  activeOf(ownerIds: readonly string[]): Promise<Goal[]>;
  countActive(ownerId: string): Promise<number>;
  /** Latest check-in of each goal. */
  latestCheckIns(goalIds: readonly number[]): Promise<Map<number, CheckIn>>;
  /** activeOf and the latestCheckIns of those goals, in one statement (a chunk of owners each). */
  activeWithLatest(ownerIds: readonly string[]): Promise<GoalsWithLatest>;
  history(goalId: number, limit: number): Promise<CheckIn[]>;
  /** Owners (active, not bots) with at least one open goal with no check-in since `before` (inclusive). */
  ownersWithStaleGoals(before: number): Promise<string[]>;
  /** Counts only, for admin reports: never titles. */
  countsByStatus(staleBefore: number): Promise<GoalCounts>;
}

export type GoalCounts = Record<GoalStatus, number> & { total: number; stale: number; private: number; owners: number };

/** The per-person opt-out of the monthly goal reminder. */
export interface GoalReminderPrefs {
  optedOut(personId: string): Promise<boolean>;
  setOptedOut(personId: string, optedOut: boolean, at: number): Promise<void>;
}
