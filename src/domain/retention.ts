/**
 * Retention (issue 19): how long each kind of data is kept, off unless the operator sets a number of days.
 * Pure: cut-offs from a policy and a time; storage deletes, the daily job runs it, App Home shows `retentionLines`.
 */
export interface RetentionPolicy {
  readonly notesDays?: number;
  readonly pulseCommentsDays?: number;
  readonly eventsDays?: number;
  readonly leaversDays?: number;
}

export interface RetentionCutoffs {
  /** 1:1s held before this time lose their note text; dates and action items stay for cadence. */
  notesHeldBefore?: number;
  /** Pulse periods ('YYYY-MM') before this one lose their comments; ratings stay in the aggregates. */
  pulseCommentsBeforePeriod?: string;
  /** Events (activity and the audit trail) before this time are deleted. */
  eventsBefore?: number;
  /** People deactivated in Slack before this time are anonymised. */
  leftBefore?: number;
}

export interface RetentionOutcome {
  notes: number;
  pulseComments: number;
  events: number;
  leavers: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function retentionCutoffs(policy: RetentionPolicy, now: number): RetentionCutoffs {
  const before = (days?: number) => (days === undefined ? undefined : now - days * DAY_MS);
  const pulse = before(policy.pulseCommentsDays);
  return {
    notesHeldBefore: before(policy.notesDays),
    // A period goes once all of it is older than the limit: periods before the month the cut-off falls in.
    pulseCommentsBeforePeriod: pulse === undefined ? undefined : new Date(pulse).toISOString().slice(0, 7),
    eventsBefore: before(policy.eventsDays),
    leftBefore: before(policy.leaversDays),
  };
}

const kept = (days: number | undefined, what: string, after: string) =>
  days === undefined ? `${what}: kept until deleted by hand (no limit set)` : `${what}: ${after} after ${days} day${days === 1 ? '' : 's'}`;

/** What is kept and for how long, in words, for App Home's admin section and the docs. */
export function retentionLines(policy: RetentionPolicy, backups: { dir?: string; keep: number }): string[] {
  return [
    kept(policy.notesDays, '1:1 notes', 'text erased (dates and action items stay)'),
    kept(policy.pulseCommentsDays, 'Pulse comments', 'erased (ratings stay, anonymous)'),
    kept(policy.eventsDays, 'Activity and audit events', 'deleted'),
    kept(policy.leaversDays, 'People who left Slack', 'anonymised'),
    backups.dir ? `Backups: daily, the last ${backups.keep} kept` : 'Backups: not scheduled in the app (BACKUP_DIR not set)',
  ];
}

export interface RetentionStore {
  /** Blanks and deletes what the cut-offs make due; one transaction. Leavers are the eraser's work. */
  apply(c: RetentionCutoffs): Promise<Omit<RetentionOutcome, 'leavers'>>;
  /** Leavers due for anonymisation (deactivated before the cut-off, not yet erased, not bots). */
  leaversDue(leftBefore: number, limit: number): Promise<string[]>;
  /** Moves the WAL into the file and truncates it, so deleted text leaves the -wal file too (secure_delete zeroes the rest). */
  flush(): Promise<void>;
}
