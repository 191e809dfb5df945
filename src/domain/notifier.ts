import type { ContentLevel } from './ports';
import type { MidLevelSection } from './leadership/mid-level';

/**
 * The Notifier port: the only way jobs reach Slack. Methods are semantic (what is sent, to whom);
 * slack/notifier.ts turns them into Block Kit and Web API calls.
 */

export interface OverdueOneOnOne {
  reportId: string;
  name: string;
  /** Local date of the last 1:1; undefined when none is on record. */
  lastHeldOn?: string;
  daysSince?: number;
  /** Days past the manager's cadence target. */
  overdueBy?: number;
}

export interface UnrecognisedReport {
  reportId: string;
  name: string;
  /** When they were last recognised (epoch ms); undefined when never. */
  lastRecognisedAt?: number;
}

export interface OwnedActionItem {
  id: number;
  text: string;
  /** The report whose 1:1 it came from. */
  reportId: string;
  /** Days since the 1:1 it came from (its date, not when the item was typed in). */
  ageDays: number;
}

export interface NudgeTip {
  id: string;
  title: string;
  body: string;
  level: ContentLevel;
  /** The one question to try this week, and words to open with, when the item has them. Never `reflect`. */
  askFirst?: string;
  say?: string;
}

/** A list shown in the digest: the first few entries and how many more there are. */
export interface Shortlist<T> {
  shown: T[];
  more: number;
}

export interface WeeklyDigest {
  type: 'weekly';
  /** The queued nudge the buttons log against; undefined in a preview. */
  nudgeId?: number;
  personId: string;
  /** ISO week of the manager's local calendar, '2026-W48'. */
  week: string;
  cadenceDays: number;
  teamSize: number;
  overdue: Shortlist<OverdueOneOnOne>;
  unrecognised: Shortlist<UnrecognisedReport>;
  actionItems: Shortlist<OwnedActionItem>;
  /** The manager's own goals with no check-in for 14 days (goals feature); undefined when goals are not wired. */
  staleGoals?: Shortlist<StaleGoal>;
  tip?: NudgeTip;
  /** For someone whose reports manage people: their managers' habits (issue 21); undefined for everyone else. */
  managersBelow?: MidLevelSection;
}

export interface StaleGoal {
  id: number;
  title: string;
  quietDays: number;
}

/** Someone the manager prepared a 1:1 for (or met) who is not on their team on record. */
export interface PreparedPerson {
  reportId: string;
  name: string;
  /** Their manager on record when it is someone else: no one-click add then. */
  managerId?: string;
}

/** For someone who manages (by their level or history) but has nobody on record as a report. */
export interface OnboardingDigest {
  type: 'onboarding';
  nudgeId?: number;
  personId: string;
  week: string;
  /** The people they prepared for lately: one click adds each to their team. */
  prepared: PreparedPerson[];
  tip?: NudgeTip;
}

export type NudgeDigest = WeeklyDigest | OnboardingDigest;

export interface SentMessage {
  channel: string;
  ts: string;
}

/**
 * A delivery that did not happen (or may have). `code` is Slack's error string (`user_not_found`),
 * `ratelimited`, `http_<status>`, or a network code (`ECONNREFUSED`, `timeout`); see nudge-errors.ts.
 */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    readonly retryAfterMs?: number,
  ) {
    super(`delivery failed: ${code}`);
  }
}

export interface Notifier {
  /** Posts the weekly digest to the person's DM with the app. Throws DeliveryError. */
  sendWeeklyNudge(personId: string, digest: NudgeDigest): Promise<SentMessage>;
}
