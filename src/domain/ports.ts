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
  /** Picks the next item for this person without repeats until the pool is used up, records it as seen, renders it. */
  next(query: GuidanceQuery, vars?: TemplateVars): RenderedGuidance | undefined;
  /** A specific item by id (enabled only), rendered. */
  byId(id: string, vars?: TemplateVars): RenderedGuidance | undefined;
}

export interface GuidanceSeenRepository {
  /** Item ids this person has seen in this pool, most recent first; at most `limit` when given. */
  seen(personId: string, pool: string, limit?: number): string[];
  /** How many times this person has drawn from this pool: the rotation's position within its cycle. */
  count(personId: string, pool: string): number;
  record(personId: string, itemId: string, pool: string, at: number): void;
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
  append(event: AuditEvent, at: number): void;
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
