/**
 * Who reports to whom is what unlocks a person's 1:1 cadence, manager-only goals, their development plan and
 * the reports of their subtree. So a reporting line changes only when someone who can vouch for it agrees:
 * the manager on record, the person, or a Leadwell admin. These are the records and ports of that rule.
 */

export const REQUEST_STATUSES = ['pending', 'confirmed', 'declined', 'expired', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Where a change was asked for: shown in the audit trail. */
export type LineVia = 'app_home' | 'oneonone' | 'prep_card' | 'nudge' | 'admin' | 'org_import';

export interface ReportingLineRequest {
  id: string;
  personId: string;
  /** The manager on record when the request was made (undefined: none). */
  fromManagerId?: string;
  toManagerId: string;
  requestedBy: string;
  via: LineVia;
  status: RequestStatus;
  decidedBy?: string;
  createdAt: number;
  expiresAt: number;
  decidedAt?: number;
}

export type NewReportingLineRequest = Omit<ReportingLineRequest, 'id' | 'status' | 'decidedBy' | 'decidedAt'>;

export interface ReportingLineRequests {
  /** Stores a pending request, or returns the pending one for the same person and proposed manager (a double submit). */
  open(request: NewReportingLineRequest): Promise<{ request: ReportingLineRequest; created: boolean }>;
  get(id: string): Promise<ReportingLineRequest | undefined>;
  /** The pending request for this person and proposed manager, if any. */
  pending(personId: string, toManagerId: string): Promise<ReportingLineRequest | undefined>;
  /** How many requests this person has made since `since` (whatever became of them): the daily ask limit. */
  countRequestedBy(requesterId: string, since: number): Promise<number>;
  /** When this person or their manager last said no to this proposed manager, if they did since `since`. */
  lastDeclinedAt(personId: string, toManagerId: string, since: number): Promise<number | undefined>;
  /** Moves a pending request to a final status; false when it was no longer pending (a replay or a race lost). */
  settle(id: string, status: Exclude<RequestStatus, 'pending'>, decidedBy: string | undefined, at: number): Promise<boolean>;
  /** Pending requests whose time is up, oldest first. */
  due(now: number, limit: number): Promise<ReportingLineRequest[]>;
}

/** What people are told. Implemented with Slack DMs; failures are the implementation's to log, never the caller's. */
export interface ReportingLineNotifier {
  /** Asks someone who can vouch for the change to confirm it (a DM with Confirm / Not me). True when delivered. */
  askToConfirm(recipientId: string, request: ReportingLineRequest): Promise<boolean>;
  /** Tells someone about a decided change or a refusal, in one plain message. */
  tell(recipientId: string, news: ReportingLineNews): Promise<void>;
}

export type ReportingLineNews =
  | { kind: 'changed'; personId: string; fromManagerId?: string; toManagerId: string; decidedBy: string }
  | { kind: 'declined'; personId: string; toManagerId: string; decidedBy: string }
  | { kind: 'removed'; personId: string; fromManagerId: string };

/** The outcome of asking for a reporting line: small, so any surface (App Home, a prep card, a nudge) can render it. */
export type ReportingLineResult =
  | { outcome: 'already'; personId: string }
  /** Changed at once: an admin's action. */
  | { outcome: 'changed'; personId: string; fromManagerId?: string }
  /** Waiting for one of `askedIds` (or an admin) to confirm; `created` is false for a repeated ask. */
  | { outcome: 'requested'; personId: string; requestId: string; askedIds: string[]; created: boolean }
  | { outcome: 'refused'; personId: string; name: string; reason: string };

/** The answer to a Confirm / Not me click. */
export type DecisionResult =
  | { outcome: 'confirmed' | 'declined'; request: ReportingLineRequest }
  | { outcome: 'refused'; code: DecisionRefusal; message: string };

export type DecisionRefusal = 'unknown' | 'not_yours' | 'already_decided' | 'expired' | 'outdated';
