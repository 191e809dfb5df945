import type { Db } from './database';
import type { NudgeQueue, NudgeStatus, QueuedNudge } from '../domain/nudge-ports';
import { asyncPort } from './interim-async';

interface NudgeRow {
  id: number;
  person_id: string;
  kind: string;
  period: string;
  status: NudgeStatus;
  reason: string | null;
  due_at: number;
  attempts: number;
  next_attempt_at: number;
  channel_id: string | null;
  message_ts: string | null;
  payload: string;
  created_at: number;
  updated_at: number;
}

function parsePayload(raw: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function toQueuedNudge(r: NudgeRow): QueuedNudge {
  return {
    id: r.id,
    personId: r.person_id,
    kind: r.kind,
    period: r.period,
    status: r.status,
    reason: r.reason ?? undefined,
    dueAt: r.due_at,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    channelId: r.channel_id ?? undefined,
    messageTs: r.message_ts ?? undefined,
    payload: parsePayload(r.payload),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * The record of each period's nudge in the `nudges` table: planned once per (person, kind, period). Sending and
 * its status belong to the outbox (outbox-repository.ts), which keeps the record's status in step.
 */
export function createNudgeQueue(db: Db): NudgeQueue {
  const insert = db.prepare(`
    INSERT INTO nudges (person_id, kind, period, status, reason, due_at, next_attempt_at, created_at, updated_at)
    VALUES (@personId, @kind, @period, @status, @reason, @dueAt, @dueAt, @at, @at)
    ON CONFLICT (person_id, kind, period) DO NOTHING`);
  const get = db.prepare<[number], NudgeRow>('SELECT * FROM nudges WHERE id = ?');
  const forPeriod = db.prepare<[string, string, string], NudgeRow>('SELECT * FROM nudges WHERE person_id = ? AND kind = ? AND period = ?');
  const counts = db.prepare<[], { status: NudgeStatus; n: number }>(`SELECT status, COUNT(*) AS n FROM nudges WHERE kind IN ('weekly', 'executive') GROUP BY status`);

  const planAll = db.transaction((rows: Parameters<NudgeQueue['plan']>[0], at: number) => {
    let n = 0;
    for (const r of rows) n += insert.run({ personId: r.personId, kind: r.kind, period: r.period, status: r.status, reason: r.reason ?? null, dueAt: r.dueAt, at }).changes;
    return n;
  });

  return asyncPort<NudgeQueue>({
    plan: (rows, at) => (rows.length === 0 ? 0 : planAll(rows, at)),
    get: (id) => {
      const r = get.get(id);
      return r ? toQueuedNudge(r) : undefined;
    },
    forPeriod: (personId, kind, period) => {
      const r = forPeriod.get(personId, kind, period);
      return r ? toQueuedNudge(r) : undefined;
    },
    countByStatus: () => {
      const out: Record<NudgeStatus, number> = { planned: 0, sending: 0, sent: 0, failed: 0, uncertain: 0, skipped: 0 };
      for (const r of counts.all()) out[r.status] = r.n;
      return out;
    },
  });
}
