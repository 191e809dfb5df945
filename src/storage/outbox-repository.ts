import type { Db } from './database';
import type { OutboxOutcome, OutboxRow, OutboxStatus, OutboxStore, PlannedMessage } from '../domain/ports';
import { INTERRUPTED, MAX_RETRY_AFTER_MS } from '../domain/outbox/policy';
import { asyncPort } from './interim-async';

interface Row {
  id: number;
  kind: string;
  recipient: string;
  dedupe_key: string;
  status: OutboxStatus;
  reason: string | null;
  payload: string;
  group_key: string | null;
  nudge_id: number | null;
  due_at: number;
  attempts: number;
  next_attempt_at: number;
  channel_id: string | null;
  message_ts: string | null;
  created_at: number;
  updated_at: number;
}

function parse(raw: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function toOutboxRow(r: Row): OutboxRow {
  return {
    id: r.id,
    kind: r.kind,
    recipient: r.recipient,
    dedupeKey: r.dedupe_key,
    status: r.status,
    reason: r.reason ?? undefined,
    payload: parse(r.payload),
    group: r.group_key ?? undefined,
    nudgeId: r.nudge_id ?? undefined,
    dueAt: r.due_at,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    channelId: r.channel_id ?? undefined,
    messageTs: r.message_ts ?? undefined,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const ACTIVE = "('planned', 'claimed', 'sending')";
/**
 * The claim: one UPDATE over a sub-select, so a row goes to exactly one dispatcher. On PostgreSQL the sub-select
 * takes `FOR UPDATE SKIP LOCKED`, so instances polling together take different rows instead of waiting.
 * A waiting row (the giver's confirmation) is due only once the rest of its group is settled.
 */
const claimSql = (filter: string) => `
  UPDATE outbox SET status = 'claimed', claimed_by = @owner, lease_until = @lease, attempts = attempts + 1, updated_at = @now
  WHERE id IN (
    SELECT o.id FROM outbox o
    WHERE o.status = 'planned' AND o.next_attempt_at <= @now ${filter}
      AND (o.waits = 0 OR NOT EXISTS (
        SELECT 1 FROM outbox d WHERE d.group_key = o.group_key AND d.waits = 0 AND d.status IN ${ACTIVE}))
    ORDER BY o.next_attempt_at, o.id LIMIT @limit)
  RETURNING *`;
/** Exported so a test can EXPLAIN the poll: it must seek outbox_due. */
export const OUTBOX_CLAIM_SQL = claimSql('');

/** Channel problems that mean a kudos was not posted (rather than failed): an admin has to act. */
const NOT_POSTED = new Set(['private_channel', 'channel_archived', 'channel_not_found']);

const ledgerStatus = (s: OutboxStatus): string | undefined => (s === 'claimed' || s === 'planned' ? undefined : s);

/** The outbox (migration 0012) and its rate gate: all of the outbox's SQL lives here. */
export function createOutboxStore(db: Db): OutboxStore {
  const insertLedger = db.prepare(`INSERT INTO nudges (person_id, kind, period, status, due_at, next_attempt_at, payload, created_at, updated_at)
    VALUES (@personId, @kind, @period, 'planned', @dueAt, @dueAt, @payload, @now, @now) ON CONFLICT (person_id, kind, period) DO NOTHING`);
  const ledger = db.prepare<[string, string, string], { id: number; status: string }>('SELECT id, status FROM nudges WHERE person_id = ? AND kind = ? AND period = ?');
  const insert = db.prepare(`INSERT INTO outbox (kind, recipient, dedupe_key, payload, group_key, waits, nudge_id, due_at, next_attempt_at, created_at, updated_at)
    VALUES (@kind, @recipient, @key, @payload, @group, @waits, @nudgeId, @dueAt, @dueAt, @now, @now) ON CONFLICT (dedupe_key) DO NOTHING`);
  const claimDue = db.prepare<[Record<string, unknown>], Row>(OUTBOX_CLAIM_SQL);
  const claimKeys = db.prepare<[Record<string, unknown>], Row>(claimSql('AND o.dedupe_key IN (SELECT value FROM json_each(@keys))'));
  const claimGroup = db.prepare<[Record<string, unknown>], Row>(claimSql('AND o.group_key = @group'));
  const get = db.prepare<[number], Row>('SELECT * FROM outbox WHERE id = ?');
  const sending = db.prepare(`UPDATE outbox SET status = 'sending', lease_until = @lease, updated_at = @now
    WHERE id = @id AND status = 'claimed' AND claimed_by = @owner`);
  const settle = db.prepare(`UPDATE outbox SET status = @status, reason = @reason, channel_id = @channel, message_ts = @ts, lease_until = NULL,
    payload = CASE WHEN @status IN ('sent', 'skipped') OR kind = 'file' THEN '{}' ELSE payload END, updated_at = @now
    WHERE id = @id AND claimed_by = @owner AND status IN ('claimed', 'sending', 'uncertain')`);
  const release = db.prepare(`UPDATE outbox SET status = 'planned', next_attempt_at = @next, reason = @reason, attempts = attempts - @refund,
    claimed_by = NULL, lease_until = NULL, updated_at = @now WHERE id = @id AND claimed_by = @owner AND status IN ('claimed', 'sending')`);
  const unclaim = db.prepare("UPDATE outbox SET status = 'planned', claimed_by = NULL, lease_until = NULL, updated_at = ? WHERE status = 'claimed' AND lease_until < ?");
  const orphaned = db.prepare<[number, number], Row>(`UPDATE outbox SET status = 'uncertain', reason = '${INTERRUPTED}', lease_until = NULL, updated_at = ?
    WHERE status = 'sending' AND lease_until < ? RETURNING *`);
  const mirrorNudge = db.prepare('UPDATE nudges SET status = @status, reason = @reason, channel_id = @channel, message_ts = @ts, attempts = @attempts, updated_at = @now WHERE id = @id');
  const mirrorKudos = db.prepare(`UPDATE kudos SET post_status = @status, post_error = @reason, post_channel = COALESCE(@channel, post_channel), post_ts = @ts
    WHERE id = @id AND post_ts IS NULL`);
  const ledgerPayload = db.prepare('UPDATE nudges SET payload = ?, updated_at = ? WHERE id = ?');
  const byKey = db.prepare<[string], Row>('SELECT * FROM outbox WHERE dedupe_key IN (SELECT value FROM json_each(?)) ORDER BY id');
  const inGroup = db.prepare<[string], Row>('SELECT * FROM outbox WHERE group_key = ? ORDER BY id');
  const stats = db.prepare<[{ since: number }], { depth: number; oldest: number | null; failed: number | null; uncertain: number | null }>(`
    SELECT (SELECT COUNT(*) FROM outbox WHERE status IN ${ACTIVE}) AS depth,
           (SELECT MIN(due_at) FROM outbox WHERE status IN ${ACTIVE}) AS oldest,
           (SELECT COUNT(*) FROM outbox WHERE status = 'failed' AND updated_at >= @since) AS failed,
           (SELECT COUNT(*) FROM outbox WHERE status = 'uncertain' AND updated_at >= @since) AS uncertain`);
  const failures = db.prepare<[number], Row>("SELECT * FROM outbox WHERE status IN ('failed', 'uncertain') ORDER BY updated_at DESC, id DESC LIMIT ?");
  const prune = db.prepare("DELETE FROM outbox WHERE status IN ('sent', 'skipped', 'failed', 'uncertain') AND updated_at < ?");
  // A file's content is never kept after a try (it may be a person's data): there is nothing to retry.
  const retry = db.prepare("UPDATE outbox SET status = 'planned', attempts = 0, next_attempt_at = @now, claimed_by = NULL, updated_at = @now WHERE id = @id AND status = 'failed' AND kind <> 'file'");
  const readSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const writeSetting = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  const num = (key: string) => Number(readSetting.get(key)?.value ?? 0) || 0;

  /** The records that follow an outbox row: the period's nudges row, the kudos row of a channel post. */
  function mirror(row: Row, status: OutboxStatus, o: { reason?: string | null; channel?: string | null; ts?: string | null }, now: number): void {
    const s = ledgerStatus(status);
    if (!s) return;
    if (row.nudge_id !== null) {
      mirrorNudge.run({ id: row.nudge_id, status: s, reason: o.reason ?? null, channel: o.channel ?? null, ts: o.ts ?? null, attempts: row.attempts, now });
    }
    const kudosId = parse(row.payload).kudosId;
    if (row.kind === 'kudos.post' && typeof kudosId === 'number' && s !== 'sending') {
      const posted = s === 'sent';
      const status = posted ? 'posted' : NOT_POSTED.has(o.reason ?? '') ? 'not_posted' : 'failed';
      mirrorKudos.run({ id: kudosId, status, reason: posted ? null : (o.reason ?? s), channel: o.channel ?? null, ts: posted ? (o.ts ?? null) : null });
    }
  }

  const planOne = (m: PlannedMessage, now: number): number => {
    let nudgeId: number | null = null;
    if (m.ledger) {
      const l = m.ledger;
      insertLedger.run({ personId: l.personId, kind: l.kind, period: l.period, dueAt: m.dueAt, payload: JSON.stringify(l.payload ?? {}), now });
      const record = ledger.get(l.personId, l.kind, l.period);
      // The period was already decided (skipped, sent, given up): nothing more to send for it.
      if (!record || record.status !== 'planned') return 0;
      nudgeId = record.id;
    }
    return insert.run({
      kind: m.kind,
      recipient: m.recipient,
      key: m.dedupeKey,
      payload: JSON.stringify(m.payload),
      group: m.group ?? null,
      waits: m.waits ? 1 : 0,
      nudgeId,
      dueAt: m.dueAt,
      now,
    }).changes;
  };
  const planAll = db.transaction((messages: readonly PlannedMessage[], now: number) => messages.reduce((n, m) => n + planOne(m, now), 0));

  const settleTx = db.transaction((id: number, owner: string, outcome: OutboxOutcome, now: number) => {
    const channel = outcome.status === 'sent' ? outcome.channel : null;
    const ts = outcome.status === 'sent' ? outcome.ts : null;
    const reason = outcome.status === 'sent' ? null : outcome.reason.slice(0, 300);
    const before = get.get(id); // read first: a sent row's payload is blanked by the update
    if (!before || settle.run({ id, owner, status: outcome.status, reason, channel, ts, now }).changes !== 1) return;
    mirror(before, outcome.status, { reason, channel, ts }, now);
  });
  const sendingTx = db.transaction((id: number, owner: string, lease: number, now: number): boolean => {
    if (sending.run({ id, owner, lease, now }).changes !== 1) return false;
    const row = get.get(id);
    if (row) mirror(row, 'sending', {}, now);
    return true;
  });
  const releaseTx = db.transaction((id: number, owner: string, next: number, reason: string | null, refund: boolean, now: number) => {
    if (release.run({ id, owner, next, reason, refund: refund ? 1 : 0, now }).changes !== 1) return;
    const row = get.get(id);
    // Back to waiting: so is its period record (it may have been marked sending).
    if (row?.nudge_id != null) mirrorNudge.run({ id: row.nudge_id, status: 'planned', reason, channel: null, ts: null, attempts: row.attempts, now });
  });
  const recoverTx = db.transaction((now: number) => {
    const released = unclaim.run(now, now).changes;
    const lost = orphaned.all(now, now);
    for (const row of lost) mirror(row, 'uncertain', { reason: INTERRUPTED }, now);
    return { released, uncertain: lost.length };
  });
  const claimTx = db.transaction((o: Parameters<OutboxStore['claim']>[0]) => {
    const params = { now: o.now, lease: o.leaseUntil, owner: o.owner, limit: o.limit };
    const rows = o.keys ? claimKeys.all({ ...params, keys: JSON.stringify(o.keys) }) : o.group ? claimGroup.all({ ...params, group: o.group }) : claimDue.all(params);
    return rows.map(toOutboxRow).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id);
  });
  // GCRA: `next_at` is the theoretical arrival time; a call may run up to `burstMs` ahead of it, as Slack's tiers
  // tolerate bursts. A value further ahead than it could legitimately be means the clock jumped back: ignored.
  const reserve = db.transaction((tier: string, now: number, intervalMs: number, burstMs: number): number => {
    const hold = num(`outbox.rate.${tier}.hold_until`);
    if (hold > now && hold - now <= MAX_RETRY_AFTER_MS) return hold - now;
    if (intervalMs <= 0) return 0;
    const stored = num(`outbox.rate.${tier}.next_at`);
    const tat = stored > now + burstMs + intervalMs ? now : Math.max(stored, now);
    if (tat - now > burstMs) return tat - now - burstMs;
    writeSetting.run(`outbox.rate.${tier}.next_at`, String(tat + intervalMs), now);
    return 0;
  });
  const hold = db.transaction((tier: string, until: number, now: number) => {
    const key = `outbox.rate.${tier}.hold_until`;
    const current = num(key);
    if (until > current || current - now > MAX_RETRY_AFTER_MS) writeSetting.run(key, String(until), now);
  });

  return asyncPort<OutboxStore>({
    plan: (messages, now) => (messages.length === 0 ? 0 : planAll(messages, now)),
    claim: (o) => claimTx.immediate(o),
    markSending: (id, owner, lease, now) => sendingTx.immediate(id, owner, lease, now),
    settle: (id, owner, outcome, now) => settleTx.immediate(id, owner, outcome, now),
    release: (id, owner, next, reason, refund, now) => releaseTx.immediate(id, owner, next, reason ?? null, refund, now),
    recoverExpired: (now) => recoverTx.immediate(now),
    recordLedgerPayload: (nudgeId, payload, now) => void ledgerPayload.run(JSON.stringify(payload), now, nudgeId),
    byKeys: (keys) => byKey.all(JSON.stringify(keys)).map(toOutboxRow),
    inGroup: (group) => inGroup.all(group).map(toOutboxRow),
    // Failures count over the last week: what an admin can still act on.
    stats: (now) => {
      const r = stats.get({ since: now - 7 * 24 * 60 * 60_000 })!;
      return { depth: r.depth, oldestDueAt: r.oldest ?? undefined, failed: r.failed ?? 0, uncertain: r.uncertain ?? 0 };
    },
    recentFailures: (limit) => failures.all(limit).map(toOutboxRow),
    retry: (id, now) => retry.run({ id, now }).changes === 1,
    prune: (before) => prune.run(before).changes,
    reserveSlot: (tier, now, intervalMs, burstMs) => reserve.immediate(tier, now, intervalMs, burstMs),
    holdTier: (tier, until, now) => hold.immediate(tier, until, now),
  });
}
