import type { NudgeCandidate, PlannedNudge } from './nudge-planner';

/** What the nudge feature needs from storage; src/storage/nudge-*.ts implements it. */

export type NudgeStatus = 'planned' | 'sending' | 'sent' | 'failed' | 'uncertain' | 'skipped';

export interface QueuedNudge {
  id: number;
  personId: string;
  kind: string;
  period: string;
  status: NudgeStatus;
  reason?: string;
  dueAt: number;
  attempts: number;
  nextAttemptAt: number;
  channelId?: string;
  messageTs?: string;
  payload: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export interface NudgeQueue {
  /** Inserts what is not there yet (unique person + kind + period); returns how many rows were new. */
  plan(rows: readonly PlannedNudge[], at: number): number;
  /** Planned nudges whose next attempt is due, oldest first. */
  due(now: number, limit: number): QueuedNudge[];
  get(id: number): QueuedNudge | undefined;
  /** planned → sending, atomically: true for exactly one caller. Counts an attempt. */
  claim(id: number, now: number): boolean;
  /** What was (or is about to be) sent, for the follow-through report; kept even when the send is uncertain. */
  recordPayload(id: number, payload: Record<string, unknown>, now: number): void;
  /** sending (or uncertain, when a slow sender finishes after recovery) → sent. */
  markSent(id: number, sent: { channel: string; ts: string }, now: number): void;
  /** sending → planned, to try again at `nextAttemptAt`; `refundAttempt` for a 429 (nothing was tried). */
  release(id: number, nextAttemptAt: number, reason: string, now: number, refundAttempt?: boolean): void;
  /** sending → failed | skipped | uncertain, with the reason. */
  finish(id: number, status: 'failed' | 'skipped' | 'uncertain', reason: string, now: number): void;
  /** Rows left in `sending` by a process that died: never resent, recorded as uncertain. */
  recoverInterrupted(updatedBefore: number, now: number): number;
  /** The person's nudge for a period, if any. */
  forPeriod(personId: string, kind: string, period: string): QueuedNudge | undefined;
  countByStatus(): Record<NudgeStatus, number>;
}

/**
 * A workspace-wide send rate shared by every dispatcher on the database, and Slack's Retry-After hold.
 * `reserve` takes the next send slot when it is free (returns 0) or says how long to wait.
 */
export interface NudgeRateGate {
  reserve(now: number, intervalMs: number): number;
  holdUntil(): number;
  hold(until: number, now: number): void;
}

export interface CandidateRow extends NudgeCandidate {
  teamId: string;
}

export interface TeamMemberReads {
  id: string;
  name: string;
  lastHeldOn?: string;
  lastRecognisedAt?: number;
}

export interface OwnedItemRow {
  id: number;
  text: string;
  reportId: string;
  createdAt: number;
  /** Local date of the 1:1 the item came from. */
  heldOn: string;
}

/** Someone the manager prepared or met who is not on their team (yet). */
export interface PreparedForRow {
  id: string;
  name: string;
  /** Their manager on record, when someone else. */
  managerId?: string;
}

/** Prepping or logging a 1:1 within this many days makes someone a nudge candidate. */
export const MANAGING_WINDOW_DAYS = 60;

export interface NudgeReadModel {
  /**
   * Everyone who may get a weekly nudge: people with active reports, a level set by themselves or an admin,
   * or who prepared or logged a 1:1 since `activeSince`.
   */
  candidates(activeSince: number): CandidateRow[];
  /** People this manager prepared for or met since `since` who are not on their team, latest first. */
  preparedFor(managerId: string, since: number, limit: number): PreparedForRow[];
  /** The manager's active direct reports with their last 1:1 with this manager and their last recognition. */
  team(managerId: string): TeamMemberReads[];
  /** Open action items the person owns, oldest first. */
  openItemsOwnedBy(ownerId: string, limit: number): { items: OwnedItemRow[]; total: number };
  /** How many onboarding nudges this person has had (sent or possibly sent). */
  onboardingSent(personId: string): number;
}
