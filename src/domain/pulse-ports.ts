import type { PulseAggregate } from './pulse';

/** What the pulse needs from storage (src/storage/pulse-*.ts) and from Slack (src/slack/pulse-notifier.ts). */

export interface PulseAnswer {
  personId: string;
  period: string;
  managerId: string;
  rating: number;
  comment: string;
  /** UTC day 'YYYY-MM-DD'; the exact time is never stored. */
  day: string;
}

export interface PulseRepository {
  /**
   * Writes the receipt (keyed hash of person + period, UNIQUE) and the anonymous response in one
   * transaction; 'duplicate' when this person already answered this period (nothing written).
   * The person id is used for the hash only and is never stored.
   */
  record(answer: PulseAnswer): 'recorded' | 'duplicate';
  hasAnswered(personId: string, period: string): boolean;
  /** Rating counts per manager for a period; `managerIds` undefined means every manager. */
  aggregates(period: string, managerIds?: readonly string[]): PulseAggregate[];
  /** Non-empty comments about one manager in a period (order means nothing: the caller shuffles). */
  comments(managerId: string, period: string): string[];
}

export interface PulseCandidate {
  id: string;
  teamId: string;
  tz: string;
  managerId: string;
  nudgesPaused: boolean;
  snoozedUntil?: number;
  statusText: string;
  statusEmoji: string;
}

export interface PulseSettings {
  /** 1 = monthly (default), 2, 3, 6 or 12; 0 = off. */
  everyMonths(): number;
  setEveryMonths(months: number, at: number): void;
}

/** One row per person and period in `nudges` (kind 'pulse'): the send's idempotency key. */
export interface PulseClaims {
  /** Active people with an active manager on record. */
  candidates(): PulseCandidate[];
  /** Takes the period's pulse for sending; false when it was sent, is being sent, or gave up. */
  claim(personId: string, period: string, managerId: string, now: number): boolean;
  sent(personId: string, period: string, channel: string, ts: string, now: number): void;
  failed(personId: string, period: string, reason: string, retryAt: number | undefined, now: number): void;
  /** Slack said "slow down" before anything was sent: try again at `retryAt`, without using up an attempt. */
  deferred(personId: string, period: string, retryAt: number, now: number): void;
  /** The manager the period's pulse asked about, when the DM went out (or may have). */
  sentAbout(personId: string, period: string): { managerId: string } | undefined;
}

export interface PulsePrompt {
  period: string;
  managerName: string;
  /** Instant the period closes, to say until when answers count. */
  closesAt: number;
}

export interface PulseNotifier {
  sendPulse(personId: string, prompt: PulsePrompt): Promise<{ channel: string; ts: string }>;
}
