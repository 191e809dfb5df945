/**
 * The interfaces the domain needs from the outside world. storage/, content/ and
 * slack/notifier.ts implement them; the domain imports nothing but these and zod.
 */

export const LEVELS = ['frontline', 'mid-level', 'executive'] as const;
export type Level = (typeof LEVELS)[number];

/** Time comes from here so tests can travel through weeks. Epoch milliseconds. */
export interface Clock {
  now(): number;
}

// ---------- content ----------

export type ContentLevel = Level | 'all';

/** A credited idea: `{author, work, year}` as written in prompts/. */
export interface GuidanceSourceRef {
  author: string;
  work: string;
  year: number;
}

/** The advice parts an item carries besides its body (prompts/README.md): plain text, no placeholders. */
export interface GuidanceParts {
  /** Questions for the other person; `askFirst` is one of them. */
  ask: string[];
  askFirst?: string;
  /** Questions for the manager to think about: never shown as questions to ask. */
  reflect: string[];
  /** An opening line the manager can say word for word. */
  say?: string;
  ifPushback?: string;
  /** "Check with HR/legal before …". */
  hrCheck?: string;
}

export interface GuidanceItem extends GuidanceParts {
  id: string;
  level: ContentLevel;
  topic: string;
  title: string;
  /** Situations it was written for; `everyday` for no particular moment. */
  when: string[];
  sources: GuidanceSourceRef[];
  enabled: boolean;
  /** Slack mrkdwn, may contain {{placeholders}}. */
  body: string;
  /** Where it was loaded from, for error messages. */
  file: string;
}

export interface GuidanceQuery {
  /** Whose rotation this draws from. */
  personId: string;
  /** The manager's level; `all` draws only from level-independent items (e.g. the kudos modal hints). */
  level: ContentLevel;
  topic?: string;
  /** A situation from the item's `when` list: first-1:1, overdue, performance, ... Absent: everyday items. */
  situation?: string;
  /** Only items for this situation: no fallback to everyday items (the caller has its own fallback order). */
  exact?: boolean;
}

/** Values for the {{placeholders}}; escaped for mrkdwn when rendered. */
export const TEMPLATE_PLACEHOLDERS = ['name', 'manager_name', 'days_since_last', 'cadence_days', 'report_count'] as const;
/** Only the placeholders the library knows: a misspelt key is a compile error, not an empty gap in advice. */
export type TemplateVars = Partial<Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string | number | undefined>>;

export interface RenderedGuidance extends GuidanceParts {
  id: string;
  title: string;
  body: string;
  topic: string;
  level: ContentLevel;
  /** The situation the item was chosen for; undefined when it came from everyday items (including the fallback). */
  situation?: string;
  /** The situations the item was written for (its `when`), so a card redrawn later can tell whether it still fits. */
  when?: string[];
}

export interface GuidanceSource {
  /** Number of enabled items. */
  count(): number;
  /** Topics that have enabled items for this level (or for all levels), sorted. */
  topics(level: ContentLevel): string[];
  /**
   * Picks the next item for this person without repeats until the pool is used up, records it as seen, renders it.
   * With `draws`, the pick is added there instead of recorded, and the rotation counts the picks already in it: the
   * caller records them with its own write (a prep card, in the one statement that records the card).
   */
  next(query: GuidanceQuery, vars?: TemplateVars, draws?: GuidanceDraws): Promise<RenderedGuidance | undefined>;
  /** A specific item by id (enabled only), rendered. */
  byId(id: string, vars?: TemplateVars): RenderedGuidance | undefined;
}

/** One person's picks not yet recorded, oldest first (GuidanceSource.next): each the pool it came from and the item. */
export type GuidanceDraws = Array<{ pool: string; itemId: string }>;

export interface GuidanceSeenRepository {
  /** Item ids this person has seen in this pool, most recent first; at most `limit` when given. */
  seen(personId: string, pool: string, limit?: number): Promise<string[]>;
  /** How many times this person has drawn from this pool: the rotation's position within its cycle. */
  count(personId: string, pool: string): Promise<number>;
  /** count() and the `limit` most recent item ids (as seen()) in one read. */
  latest(personId: string, pool: string, limit: number): Promise<{ count: number; itemIds: string[] }>;
  record(personId: string, itemId: string, pool: string, at: number): Promise<void>;
}

// ---------- events (append-only audit) ----------

export interface AuditEvent {
  kind: string;
  actorId?: string;
  subjectId?: string;
  refId?: number;
  /** Never note text. */
  data?: Record<string, unknown>;
}

export interface EventLog {
  append(event: AuditEvent, at: number): Promise<void>;
}

// ---------- Slack deliveries ----------

export interface DeliveryLog {
  /** True the first time a delivery id is seen, false for a retry of one already handled. */
  firstSeen(deliveryId: string, at: number): Promise<boolean>;
}

/** Requests already taken (a signature, an envelope id), remembered until they could no longer be replayed. */
export interface SeenRequests {
  /** True the first time `key` is offered; false for a replay. Atomic across instances sharing the database. */
  firstSeen(key: string, expiresAt: number, now: number): Promise<boolean>;
}

/**
 * Short-lived claims held in the database every instance shares, so a guard against a double click or a reused
 * cookie holds whichever instance the second request reaches. A claim lasts until `expiresAt` (a crashed holder
 * blocks nobody past it) or until given back.
 */
export interface Claims {
  /** True when this call took `key` until `expiresAt`: nobody held it, or its holder's time ran out. Atomic across instances. */
  take(key: string, expiresAt: number, now: number): Promise<boolean>;
  /** Gives back the claim taken with this `expiresAt`; a claim someone else has taken over since is left alone. */
  release(key: string, expiresAt: number): Promise<void>;
  /** Whether someone holds `key` at `now`. */
  held(key: string, now: number): Promise<boolean>;
}

// ---------- transactions ----------

/**
 * All-or-nothing storage work: `run` hands the callback repositories bound to one transaction and commits
 * when its promise resolves (rolls back when it rejects). The callback may be run more than once (a
 * PostgreSQL serialization retry), so it does nothing but storage calls: no Slack, no clock-dependent side
 * effects outside the database.
 */
export interface UnitOfWork<R> {
  run<T>(work: (repos: R) => Promise<T>): Promise<T>;
}

// ---------- the outbox (everything Leadwell sends on its own) ----------

export type OutboxStatus = 'planned' | 'claimed' | 'sending' | 'sent' | 'failed' | 'uncertain' | 'skipped';

/** A message a producer wants sent; see domain/outbox/ for the rules. */
export interface PlannedMessage {
  kind: string;
  /** A Slack user id (a DM) or a channel reference (a channel post). */
  recipient: string;
  /** Unique per message ever: planning the same key again changes nothing. */
  dedupeKey: string;
  dueAt: number;
  /** Ids and small facts the message is rendered from at send time; blanked once the row is settled. */
  payload: Record<string, unknown>;
  /** Rows of one group: a `waits` row goes out only after every other row of its group is settled. */
  group?: string;
  waits?: boolean;
  /** The period's record in `nudges` (one per person, kind, period) that this message delivers; created with it. */
  ledger?: { personId: string; kind: string; period: string; payload?: Record<string, unknown> };
}

export interface OutboxRow {
  id: number;
  kind: string;
  recipient: string;
  dedupeKey: string;
  status: OutboxStatus;
  reason?: string;
  payload: Record<string, unknown>;
  group?: string;
  /** Sent only once the rest of its group is settled (the giver's confirmation). */
  waits?: boolean;
  nudgeId?: number;
  dueAt: number;
  attempts: number;
  nextAttemptAt: number;
  channelId?: string;
  messageTs?: string;
  createdAt: number;
  updatedAt: number;
}

export type OutboxOutcome =
  | { status: 'sent'; channel: string; ts: string }
  | { status: 'failed' | 'skipped' | 'uncertain'; reason: string };

export interface OutboxStats {
  /** Planned, claimed or being sent. */
  depth: number;
  /** Due time of the oldest message still waiting; undefined when none waits. */
  oldestDueAt?: number;
  failed: number;
  uncertain: number;
}

/**
 * Storage for the outbox (src/storage/outbox-repository.ts). Every change is guarded by the status it expects
 * and by the claim's owner, so dispatchers in several processes never act on one row together.
 */
export interface OutboxStore {
  /** Inserts what is not there yet (by dedupe key), with its nudges record when it has one; returns how many are new. */
  plan(messages: readonly PlannedMessage[], now: number): Promise<number>;
  /** planned and due → claimed by `owner` until `leaseUntil`, oldest first; `keys` limits it to those rows. */
  claim(o: { now: number; leaseUntil: number; owner: string; limit: number; keys?: readonly string[]; group?: string }): Promise<OutboxRow[]>;
  /** claimed → sending, right before the Web API call; false when the claim was lost (lease run out). */
  markSending(id: number, owner: string, leaseUntil: number, now: number): Promise<boolean>;
  /** Records the end of a send (also after a lease ran out: a late success is still a success). */
  settle(id: number, owner: string, outcome: OutboxOutcome, now: number): Promise<void>;
  /** claimed|sending → planned, to try at `nextAttemptAt`; `refund` when nothing reached Slack (a 429, a wait). */
  release(id: number, owner: string, nextAttemptAt: number, reason: string | undefined, refund: boolean, now: number): Promise<void>;
  /**
   * claimed|sending → planned for rows the rate gate turned away before their call, all in one statement: due at
   * `nextAttemptAt`, the attempt refunded, the reason kept (release for many). Rows no longer `owner`'s are left alone.
   */
  releaseUnspent(ids: readonly number[], owner: string, nextAttemptAt: number, now: number): Promise<void>;
  /** Leases that ran out: claimed → planned (nothing was sent), sending → uncertain (never resent). */
  recoverExpired(now: number): Promise<{ released: number; uncertain: number }>;
  /** What a weekly nudge carried, on its nudges record (the follow-through report reads it). */
  recordLedgerPayload(nudgeId: number, payload: Record<string, unknown>, now: number): Promise<void>;
  byKeys(keys: readonly string[]): Promise<OutboxRow[]>;
  inGroup(group: string): Promise<OutboxRow[]>;
  stats(now: number): Promise<OutboxStats>;
  /** The latest failed or uncertain rows, newest first. */
  recentFailures(limit: number): Promise<OutboxRow[]>;
  /** Deletes settled rows last changed before `before` (the period records in nudges keep the history); returns how many. */
  prune(before: number): Promise<number>;
  /** failed → planned (an admin's one-click retry); false when the row is not failed. */
  retry(id: number, now: number): Promise<boolean>;
  /** Workspace-wide send slots per Slack rate tier (up to `burstMs` ahead): 0 when a slot was taken, else how long to wait. */
  reserveSlot(tier: string, now: number, intervalMs: number, burstMs: number): Promise<number>;
  /** Slack's Retry-After for a tier, shared by every dispatcher. */
  holdTier(tier: string, until: number, now: number): Promise<void>;
}
