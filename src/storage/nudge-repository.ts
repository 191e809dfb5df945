import type { Db } from './database';
import type { NudgeQueue, NudgeStatus, QueuedNudge } from '../domain/nudge-ports';
import { WEEKLY_KIND } from '../domain/nudge-planner';
import { EXECUTIVE_KIND } from '../domain/leadership/executive-schedule';

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

/** The kinds this queue owns (a constant list, inlined: no user value reaches the SQL text). */
const KINDS = `'${WEEKLY_KIND}', '${EXECUTIVE_KIND}'`;

/** Exported so a test can EXPLAIN it: the dispatcher's poll seeks nudges_queue. */
export const NUDGE_DUE_SQL = `SELECT * FROM nudges WHERE status = 'planned' AND next_attempt_at <= ? AND kind IN (${KINDS}) ORDER BY next_attempt_at, id LIMIT ?`;

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
 * The nudge queue in the `nudges` table. Every state change is one UPDATE guarded by the expected
 * current status, so two dispatchers on one database never both act on a row: `claim` is the
 * compare-and-set (`changes === 1`) that decides who sends.
 */
export function createNudgeQueue(db: Db): NudgeQueue {
  const insert = db.prepare(`
    INSERT INTO nudges (person_id, kind, period, status, reason, due_at, next_attempt_at, created_at, updated_at)
    VALUES (@personId, @kind, @period, @status, @reason, @dueAt, @dueAt, @at, @at)
    ON CONFLICT (person_id, kind, period) DO NOTHING`);
  // Other features (goal reminders) keep their own kinds in this table; the weekly dispatcher never touches them.
  const due = db.prepare<[number, number], NudgeRow>(NUDGE_DUE_SQL);
  const get = db.prepare<[number], NudgeRow>('SELECT * FROM nudges WHERE id = ?');
  const forPeriod = db.prepare<[string, string, string], NudgeRow>('SELECT * FROM nudges WHERE person_id = ? AND kind = ? AND period = ?');
  const claim = db.prepare(
    "UPDATE nudges SET status = 'sending', attempts = attempts + 1, updated_at = @now WHERE id = @id AND status = 'planned' AND next_attempt_at <= @now",
  );
  const payload = db.prepare('UPDATE nudges SET payload = ?, updated_at = ? WHERE id = ?');
  const sent = db.prepare(`UPDATE nudges SET status = 'sent', reason = NULL, channel_id = ?, message_ts = ?, updated_at = ?
    WHERE id = ? AND status IN ('sending', 'uncertain')`);
  const release = db.prepare(`UPDATE nudges SET status = 'planned', reason = @reason, next_attempt_at = @next,
    attempts = attempts - @refund, updated_at = @now WHERE id = @id AND status = 'sending'`);
  const finish = db.prepare("UPDATE nudges SET status = @status, reason = @reason, updated_at = @now WHERE id = @id AND status = 'sending'");
  const recover = db.prepare(`UPDATE nudges SET status = 'uncertain', reason = 'interrupted: the process stopped between claiming and recording the send',
    updated_at = ? WHERE status = 'sending' AND updated_at <= ? AND kind IN (${KINDS})`);
  const counts = db.prepare<[], { status: NudgeStatus; n: number }>(`SELECT status, COUNT(*) AS n FROM nudges WHERE kind IN (${KINDS}) GROUP BY status`);

  const planAll = db.transaction((rows: Parameters<NudgeQueue['plan']>[0], at: number) => {
    let n = 0;
    for (const r of rows) n += insert.run({ personId: r.personId, kind: r.kind, period: r.period, status: r.status, reason: r.reason ?? null, dueAt: r.dueAt, at }).changes;
    return n;
  });

  return {
    plan: (rows, at) => (rows.length === 0 ? 0 : planAll(rows, at)),
    due: (now, limit) => due.all(now, limit).map(toQueuedNudge),
    get: (id) => {
      const r = get.get(id);
      return r ? toQueuedNudge(r) : undefined;
    },
    claim: (id, now) => claim.run({ id, now }).changes === 1,
    recordPayload: (id, p, now) => void payload.run(JSON.stringify(p), now, id),
    markSent: (id, s, now) => void sent.run(s.channel, s.ts, now, id),
    release: (id, next, reason, now, refundAttempt = false) => void release.run({ id, next, reason, now, refund: refundAttempt ? 1 : 0 }),
    finish: (id, status, reason, now) => void finish.run({ id, status, reason: reason.slice(0, 300), now }),
    recoverInterrupted: (before, now) => recover.run(now, before).changes,
    forPeriod: (personId, kind, period) => {
      const r = forPeriod.get(personId, kind, period);
      return r ? toQueuedNudge(r) : undefined;
    },
    countByStatus: () => {
      const out: Record<NudgeStatus, number> = { planned: 0, sending: 0, sent: 0, failed: 0, uncertain: 0, skipped: 0 };
      for (const r of counts.all()) out[r.status] = r.n;
      return out;
    },
  };
}
