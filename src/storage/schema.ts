import type { ColumnType, Generated } from 'kysely';

/**
 * The schema as Kysely sees it: one interface per table, the same on SQLite (migrations/) and PostgreSQL
 * (migrations/postgres/). Times are epoch milliseconds (BIGINT on PostgreSQL, read back as numbers),
 * flags are 0/1 integers on both engines. `Generated` marks a column the database fills when omitted
 * (identity ids and defaults). A new migration updates this file, TABLES below and both engines' SQL.
 */

/** A column with a database default: optional on insert, always present when read. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface PeopleTable {
  id: string;
  team_id: Defaulted<string>;
  name: Defaulted<string>;
  real_name: Defaulted<string>;
  email: string | null;
  tz: Defaulted<string>;
  is_bot: Defaulted<number>;
  deleted: Defaulted<number>;
  status_text: Defaulted<string>;
  status_emoji: Defaulted<string>;
  manager_id: string | null;
  level_override: 'frontline' | 'mid-level' | 'executive' | null;
  level_source: 'self' | 'admin' | null;
  cadence_days: Defaulted<number>;
  nudge_day: Defaulted<number>;
  nudge_hour: Defaulted<number>;
  nudges_paused: Defaulted<number>;
  snoozed_until: number | null;
  became_manager_at: number | null;
  created_at: number;
  updated_at: number;
  /** 0006: the last time this person acted as a manager; the App Home welcome's first view and dismissal. */
  managing_seen_at: number | null;
  welcome_seen_at: number | null;
  welcome_dismissed_at: number | null;
  /** 0011: when Slack deactivated them (RETENTION_LEAVERS_DAYS counts from it); set on an erased person's stand-in. */
  left_at: number | null;
  erased_at: number | null;
}

export interface OneOnOnesTable {
  id: Generated<number>;
  manager_id: string;
  report_id: string;
  held_on: string;
  held_at: number;
  notes: Defaulted<string>;
  energy: number | null;
  career_talk: Defaulted<number>;
  summary_sent: Defaulted<number>;
  idempotency_key: string;
  created_at: number;
  /** 0010: what the manager said the 1:1 was about (a situation id), NULL for a regular one. */
  situation: string | null;
}

export interface ActionItemsTable {
  id: Generated<number>;
  one_on_one_id: number;
  manager_id: string;
  report_id: string;
  owner_id: string;
  text: string;
  done_at: number | null;
  created_at: number;
}

export type KudosPostStatus = 'pending' | 'posted' | 'not_posted' | 'failed';

export interface KudosTable {
  id: Generated<number>;
  giver_id: string;
  value: string;
  message: string;
  source_channel: string | null;
  source_ts: string | null;
  source_permalink: string | null;
  post_channel: string | null;
  post_ts: string | null;
  post_status: Defaulted<KudosPostStatus>;
  post_error: string | null;
  idempotency_key: string;
  created_at: number;
}

export interface KudosRecipientsTable {
  kudos_id: number;
  recipient_id: string;
  created_at: number;
  /** 0017: the order the giver named the recipients in, from 0 per kudos. */
  position: Defaulted<number>;
}

export type NudgeStatus = 'planned' | 'sending' | 'sent' | 'failed' | 'uncertain' | 'skipped';

export interface NudgesTable {
  id: Generated<number>;
  person_id: string;
  kind: string;
  period: string;
  status: Defaulted<NudgeStatus>;
  reason: string | null;
  due_at: number;
  attempts: Defaulted<number>;
  next_attempt_at: number;
  channel_id: string | null;
  message_ts: string | null;
  payload: Defaulted<string>;
  created_at: number;
  updated_at: number;
}

export interface GuidanceSeenTable {
  /** 0016: the tie-breaker for picks in the same millisecond (SQLite's rowid, a PostgreSQL identity). */
  id: Generated<number>;
  person_id: string;
  item_id: string;
  pool: string;
  seen_at: number;
}

export interface EventsTable {
  id: Generated<number>;
  at: number;
  kind: string;
  actor_id: string | null;
  subject_id: string | null;
  ref_id: number | null;
  data: Defaulted<string>;
}

export interface SlackDeliveriesTable {
  delivery_id: string;
  received_at: number;
}

export interface WorkspacesTable {
  team_id: string;
  status: Defaulted<'active' | 'uninstalled' | 'revoked'>;
  updated_at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}
