import type { PulseAggregate } from './pulse';

/** What the pulse needs from storage (src/storage/pulse-*.ts); its DM goes through the outbox (kind 'pulse'). */

/** An answer waiting for its batch in the shared pool (pulse-pending-ports.ts): the receipt is opaque to the domain. */
export interface PendingAnswer {
  receipt: string;
  managerId: string;
  rating: number;
  comment: string;
}

/** What may be read of the pulse: aggregates and comments, never a receipt. Needs no secret. */
export interface PulseReads {
  /** Rating counts per manager for a period; `managerIds` undefined means every manager. */
  aggregates(period: string, managerIds?: readonly string[]): Promise<PulseAggregate[]>;
  /** Non-empty comments about one manager in a period (order means nothing: the caller shuffles). */
  comments(managerId: string, period: string): Promise<string[]>;
}

/**
 * Receipts and released answers. A receipt (keyed hash of person + period) is written alone when someone
 * answers; the answer itself is written later, only inside a batch released from the pending pool (pulse-pending-ports.ts).
 */
export interface PulseRepository extends PulseReads {
  /** Writes the receipt (unreleased) in its own transaction; undefined when this person already answered this period. */
  claimReceipt(personId: string, period: string): Promise<string | undefined>;
  hasAnswered(personId: string, period: string): Promise<boolean>;
  /** Comments are stored encrypted: false while the operator has set no LEADWELL_DATA_KEY. */
  canKeepComments(): Promise<boolean>;
  /** The receipt a person would have for a period (to find whom to ask again after a restart). */
  receiptOf(personId: string, period: string): Promise<string>;
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
  everyMonths(): Promise<number>;
  setEveryMonths(months: number, at: number): Promise<void>;
}

/** Who may be asked, and whom a period's pulse asked about: one nudges row per person and period (kind 'pulse'). */
export interface PulseClaims {
  /** Active people with an active manager on record. */
  candidates(): Promise<PulseCandidate[]>;
  /** The manager the period's pulse asked about, when the DM went out (or may have). */
  sentAbout(personId: string, period: string): Promise<{ managerId: string } | undefined>;
}

export interface PulsePrompt {
  period: string;
  /** A restart lost this person's answer before it could be written with others': ask again. */
  again?: boolean;
  managerName: string;
  /** Instant the period closes, to say until when answers count. */
  closesAt: number;
}
