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

/** The record of each period's nudge (one per person, kind, period); the outbox delivers and keeps its status. */
export interface NudgeQueue {
  /** Records what is not there yet (unique person + kind + period); returns how many rows were new. Skipped periods only: planned ones go through the outbox. */
  plan(rows: readonly PlannedNudge[], at: number): Promise<number>;
  get(id: number): Promise<QueuedNudge | undefined>;
  /** The person's nudge for a period, if any. */
  forPeriod(personId: string, kind: string, period: string): Promise<QueuedNudge | undefined>;
  countByStatus(): Promise<Record<NudgeStatus, number>>;
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
  candidates(activeSince: number): Promise<CandidateRow[]>;
  /** People this manager prepared for or met since `since` who are not on their team, latest first. */
  preparedFor(managerId: string, since: number, limit: number): Promise<PreparedForRow[]>;
  /** The manager's active direct reports with their last 1:1 with this manager and their last recognition. */
  team(managerId: string): Promise<TeamMemberReads[]>;
  /** Open action items the person owns, oldest first. */
  openItemsOwnedBy(ownerId: string, limit: number): Promise<{ items: OwnedItemRow[]; total: number }>;
  /** How many onboarding nudges this person has had (sent or possibly sent). */
  onboardingSent(personId: string): Promise<number>;
}
