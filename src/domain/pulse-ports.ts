import type { PulseAggregate } from './pulse';

/** What the pulse needs from storage (src/storage/pulse-*.ts); its DM goes through the outbox (kind 'pulse'). */

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

/** Who may be asked, and whom a period's pulse asked about: one nudges row per person and period (kind 'pulse'). */
export interface PulseClaims {
  /** Active people with an active manager on record. */
  candidates(): PulseCandidate[];
  /** The manager the period's pulse asked about, when the DM went out (or may have). */
  sentAbout(personId: string, period: string): { managerId: string } | undefined;
}

export interface PulsePrompt {
  period: string;
  managerName: string;
  /** Instant the period closes, to say until when answers count. */
  closesAt: number;
}
