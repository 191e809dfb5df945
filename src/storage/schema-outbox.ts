import type { ColumnType, Generated } from 'kysely';

/** The outbox (migration 0014): every message Leadwell sends on its own; see src/storage/outbox-repository.ts. */

type Defaulted<T> = ColumnType<T, T | undefined, T>;
export type OutboxStatusColumn = 'planned' | 'claimed' | 'sending' | 'sent' | 'failed' | 'uncertain' | 'skipped';

export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  recipient: string;
  dedupe_key: string;
  status: Defaulted<OutboxStatusColumn>;
  reason: string | null;
  payload: Defaulted<string>;
  group_key: string | null;
  waits: Defaulted<number>;
  nudge_id: number | null;
  due_at: number;
  next_attempt_at: number;
  attempts: Defaulted<number>;
  lease_until: number | null;
  claimed_by: string | null;
  channel_id: string | null;
  message_ts: string | null;
  created_at: number;
  updated_at: number;
}
