import type { Level } from '../ports';
import type { ReportPerson } from '../report-ports';

/**
 * What the leadership features (mid-level digest, executive digest, prep-card habits line, turnover, org goals)
 * need from storage. src/storage/leadership-*.ts implements it. Everything is an aggregate or a count;
 * nothing here carries note text, kudos messages or pulse answers.
 */

export interface LeadershipPerson extends ReportPerson {
  tz: string;
  teamId: string;
  nudgesPaused: boolean;
  snoozedUntil?: number;
  statusText: string;
  statusEmoji: string;
}

/** A window of habit activity ending at `now`, for the whole organisation, loaded once and shared by every digest. */
export interface LeadershipData {
  now: number;
  /** Active, human people. */
  people: LeadershipPerson[];
  /** Report id → their last 1:1 with their current manager at or before `now`, and at or before `now − PERIOD`. */
  lastOneOnOne: Map<string, { now?: number; before?: number }>;
  /** Recognition in the last two recognition windows: one row per kudos and recipient. */
  kudos: Array<{ giverId: string; recipientId: string; at: number }>;
  /** Weekly nudges sent in the last two periods, and whether the manager acted on them. */
  nudges: Array<{ personId: string; dueAt: number; acted: boolean }>;
}

export interface LeadershipReadModel {
  load(now: number): Promise<LeadershipData>;
}

// ---------- departures ----------

export type DepartureRole = 'individual' | Level;
export type DepartureSource = 'slack' | 'org-import';

export interface Departure {
  id: number;
  personId: string;
  /** Display name, only for the admins' list. */
  name: string;
  leftAt: number;
  managerId?: string;
  /** Everyone above them at the time, nearest first. */
  managerChain: string[];
  role: DepartureRole;
  managerLevel?: Level;
  source: DepartureSource;
  regretted?: boolean;
}

export interface NewDeparture {
  personId: string;
  leftAt: number;
  managerId?: string;
  managerChain: string[];
  role: DepartureRole;
  managerLevel?: Level;
  source: DepartureSource;
}

export interface DepartureRepository {
  /** Records a departure unless this person already has an open one; true when a row was written. */
  record(d: NewDeparture, at: number): Promise<boolean>;
  /** The person came back (reactivated): their open departure stops counting. */
  rejoined(personId: string, at: number): Promise<void>;
  /** Open departures that left at or after `since`, newest first. */
  since(since: number): Promise<Departure[]>;
  get(id: number): Promise<Departure | undefined>;
  markRegretted(id: number, regretted: boolean | null, by: string, at: number): Promise<boolean>;
}

// ---------- organisation goals ----------

export interface OrgGoalRow {
  slot: number;
  metric: string;
  /** Percent, 1–100. */
  target: number;
  /** 'YYYY-MM-DD'. */
  deadline: string;
  /** The metric when the goal was set (0..1), so progress can be shown from where the organisation started. */
  baseline?: number;
  setBy: string;
  setAt: number;
}

export interface OrgGoalRepository {
  list(): Promise<OrgGoalRow[]>;
  /** Replaces every goal in one transaction (the modal edits all three slots at once). */
  replaceAll(goals: readonly OrgGoalRow[]): Promise<void>;
}
