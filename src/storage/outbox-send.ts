import type { Selectable } from 'kysely';
import type { OutboxOutcome, OutboxStatus } from '../domain/ports';
import type { Executor } from './engine';
import { preparedShared } from './prepared-named';
import type { OutboxTable } from './schema-outbox';
import type { NudgeStatus } from './schema';

export type OutboxRowData = Selectable<OutboxTable>;

/**
 * The send path's statements (claimed → sending → settled, and the records that follow a row), run for every
 * message sent: built once per database (prepared-named.ts), each `p` a stand-in read field by field.
 */
const MARK_SENDING = (db: Executor, p: { id: number; owner: string; lease: number; now: number }) =>
  db.updateTable('outbox').set({ status: 'sending', lease_until: p.lease, updated_at: p.now })
    .where('id', '=', p.id).where('status', '=', 'claimed').where('claimed_by', '=', p.owner).returningAll();
const BY_ID = (db: Executor, p: { id: number }) => db.selectFrom('outbox').selectAll().where('id', '=', p.id);
type Settled = { id: number; owner: string; status: OutboxStatus; reason: string | null; channel: string | null; ts: string | null; now: number };
const SETTLABLE = ['claimed', 'sending', 'uncertain'] as const;
/** Sent or skipped: the payload is not kept. */
const SETTLE_BLANK = (db: Executor, p: Settled) => db.updateTable('outbox')
  .set({ status: p.status, reason: p.reason, channel_id: p.channel, message_ts: p.ts, lease_until: null, updated_at: p.now, payload: '{}' })
  .where('id', '=', p.id).where('claimed_by', '=', p.owner).where('status', 'in', SETTLABLE);
/** Failed or uncertain: kept for an admin's retry, except a file's content. */
const SETTLE_KEEP = (db: Executor, p: Settled) => db.updateTable('outbox')
  .set((eb) => ({ status: p.status, reason: p.reason, channel_id: p.channel, message_ts: p.ts, lease_until: null, updated_at: p.now,
    payload: eb.case().when('kind', '=', 'file').then('{}').else(eb.ref('payload')).end() }))
  .where('id', '=', p.id).where('claimed_by', '=', p.owner).where('status', 'in', SETTLABLE);
type Ledger = { id: number; status: NudgeStatus; reason: string | null; channel: string | null; ts: string | null; attempts: number; now: number };
const MIRROR_LEDGER = (db: Executor, p: Ledger) => db.updateTable('nudges')
  .set({ status: p.status, reason: p.reason, channel_id: p.channel, message_ts: p.ts, attempts: p.attempts, updated_at: p.now }).where('id', '=', p.id);
type Post = { id: number; status: 'posted' | 'not_posted' | 'failed'; error: string | null; channel: string | null; ts: string | null };
// post_ts IS NULL is the guard: a kudos posted once is never marked otherwise.
const MIRROR_POST = (db: Executor, p: Post) => db.updateTable('kudos')
  .set((eb) => ({ post_status: p.status, post_error: p.error, post_channel: eb.fn.coalesce(eb.val(p.channel), eb.ref('post_channel')), post_ts: p.ts }))
  .where('id', '=', p.id).where('post_ts', 'is', null);

/** Channel problems that mean a kudos was not posted (rather than failed): an admin has to act. */
const NOT_POSTED = new Set(['private_channel', 'channel_archived', 'channel_not_found']);
const ledgerStatus = (s: OutboxStatus) => (s === 'claimed' || s === 'planned' ? undefined : s);
type Mirrored = { reason?: string | null; channel?: string | null; ts?: string | null };

/** A row's payload as stored (JSON text); anything unreadable as an empty object, never a throw. */
export function parsePayload(raw: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The records that follow an outbox row: the period's nudges row, the kudos row of a channel post. */
export async function mirror(db: Executor, row: OutboxRowData, status: OutboxStatus, o: Mirrored, now: number): Promise<void> {
  const s = ledgerStatus(status);
  if (!s) return;
  if (row.nudge_id !== null) {
    await preparedShared(db, MIRROR_LEDGER)({ id: Number(row.nudge_id), status: s, reason: o.reason ?? null, channel: o.channel ?? null, ts: o.ts ?? null, attempts: row.attempts, now });
  }
  if (row.kind !== 'kudos.post' || s === 'sending') return;
  const kudosId = parsePayload(row.payload).kudosId;
  if (typeof kudosId !== 'number') return;
  const posted = s === 'sent';
  await preparedShared(db, MIRROR_POST)({
    id: kudosId, status: posted ? 'posted' : NOT_POSTED.has(o.reason ?? '') ? 'not_posted' : 'failed',
    error: posted ? null : (o.reason ?? s), channel: o.channel ?? null, ts: posted ? (o.ts ?? null) : null,
  });
}

/** claimed → sending by its owner; the row as it is now, or undefined when the claim was lost. */
export async function markSending(db: Executor, id: number, owner: string, lease: number, now: number): Promise<boolean> {
  const [row] = (await preparedShared(db, MARK_SENDING)({ id, owner, lease, now })).rows;
  if (row) await mirror(db, row, 'sending', {}, now);
  return row !== undefined;
}

/** Records the end of a send, by its owner only (also after a lease ran out: a late success is still a success). */
export async function settle(db: Executor, id: number, owner: string, outcome: OutboxOutcome, now: number): Promise<void> {
  const sent = outcome.status === 'sent';
  const values = { id, owner, status: outcome.status, reason: sent ? null : outcome.reason.slice(0, 300), channel: sent ? outcome.channel : null, ts: sent ? outcome.ts : null, now };
  const [before] = (await preparedShared(db, BY_ID)({ id })).rows; // read first: a sent row's payload is blanked by the update
  const blank = outcome.status === 'sent' || outcome.status === 'skipped';
  const result = await preparedShared(db, blank ? SETTLE_BLANK : SETTLE_KEEP)(values);
  if (before && Number(result.numAffectedRows ?? 0n) === 1) await mirror(db, before, outcome.status, values, now);
}
