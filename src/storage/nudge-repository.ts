import type { NudgeQueue, NudgeStatus, QueuedNudge } from '../domain/nudge-ports';
import { affected, type Executor } from './engine';
import { atomic } from './atomic';

interface NudgeRow {
  id: number; person_id: string; kind: string; period: string; status: NudgeStatus; reason: string | null; due_at: number; attempts: number;
  next_attempt_at: number; channel_id: string | null; message_ts: string | null; payload: string; created_at: number; updated_at: number;
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
    id: r.id, personId: r.person_id, kind: r.kind, period: r.period, status: r.status, reason: r.reason ?? undefined, dueAt: r.due_at,
    attempts: r.attempts, nextAttemptAt: r.next_attempt_at, channelId: r.channel_id ?? undefined, messageTs: r.message_ts ?? undefined,
    payload: parsePayload(r.payload), createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** Rows per INSERT: 9 values each stays far below both engines' bound-parameter limits. */
const BATCH = 500;

/**
 * The record of each period's nudge in the `nudges` table: planned once per (person, kind, period), by
 * INSERT … ON CONFLICT DO NOTHING, so a rerun, a restart or a second instance planning the same period adds
 * nothing. Sending and its status belong to the outbox, which keeps the record's status in step.
 */
export function createNudgeQueue(db: Executor): NudgeQueue {
  const one = (row: NudgeRow | undefined) => (row ? toQueuedNudge(row) : undefined);
  return {
    plan: async (rows, at) => rows.length === 0 ? 0 : atomic(db, async (trx) => {
      let added = 0;
      for (let i = 0; i < rows.length; i += BATCH) {
        const values = rows.slice(i, i + BATCH).map((r) => ({
          person_id: r.personId, kind: r.kind, period: r.period, status: r.status, reason: r.reason ?? null, due_at: r.dueAt, next_attempt_at: r.dueAt,
          created_at: at, updated_at: at,
        }));
        added += affected(await trx.insertInto('nudges').values(values).onConflict((oc) => oc.columns(['person_id', 'kind', 'period']).doNothing()).executeTakeFirst());
      }
      return added;
    }),
    get: async (id) => one(await db.selectFrom('nudges').selectAll().where('id', '=', id).executeTakeFirst()),
    forPeriod: async (personId, kind, period) =>
      one(await db.selectFrom('nudges').selectAll().where('person_id', '=', personId).where('kind', '=', kind).where('period', '=', period).executeTakeFirst()),
    async countByStatus() {
      const out: Record<NudgeStatus, number> = { planned: 0, sending: 0, sent: 0, failed: 0, uncertain: 0, skipped: 0 };
      const rows = await db.selectFrom('nudges').select((e) => ['status', e.fn.countAll<number>().as('n')]).where('kind', 'in', ['weekly', 'executive']).groupBy('status').execute();
      for (const r of rows) out[r.status] = Number(r.n);
      return out;
    },
  };
}
