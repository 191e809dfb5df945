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
export interface GoalRepository {
  /** Inserts unless the idempotency key exists; returns the goal either way. */
  insert(goal: NewGoal): { goal: Goal; created: boolean };
  update(id: number, draft: GoalDraft, at: number): Goal;
  archive(id: number, at: number): void;
  get(id: number): Goal | undefined;
  /** Stores the check-in and mirrors it onto the goal in one transaction; a repeated key is not stored twice. */
  checkIn(row: NewCheckIn): { checkIn: CheckIn; created: boolean };
  /** Not archived goals of these owners, done ones included, newest first. */
  activeOf(ownerIds: readonly string[]): Goal[];
  countActive(ownerId: string): number;
  /** Latest check-in of each goal. */
  latestCheckIns(goalIds: readonly number[]): Map<number, CheckIn>;
  history(goalId: number, limit: number): CheckIn[];
  /** Owners (active, not bots) with at least one open goal with no check-in since `before` (inclusive). */
  ownersWithStaleGoals(before: number): string[];
  /** Counts only, for admin reports: never titles. */
  countsByStatus(staleBefore: number): GoalCounts;
}

export type GoalCounts = Record<GoalStatus, number> & { total: number; stale: number; private: number; owners: number };

/** The per-person opt-out of the monthly goal reminder. */
export interface GoalReminderPrefs {
  optedOut(personId: string): boolean;
  setOptedOut(personId: string, optedOut: boolean, at: number): void;
}
