import { sql, type Selectable } from 'kysely';
import type { OutboxRow, OutboxStore, PlannedMessage } from '../domain/ports';
import { INTERRUPTED } from '../domain/outbox/policy';
import { affected, engineOf, opaque, type Executor } from './engine';
import type { OutboxTable } from './schema-outbox';
import { atomic } from './atomic';
import { holdTier, reserveSlot } from './outbox-rate-gate';
import { isRowId } from './row-id';
import { preparedNamed } from './prepared-named';
import { unnestRows } from './bulk-rows';
import { markSending, mirror, parsePayload, settle } from './outbox-send';
import { insertPlanRows, type PlanRow } from './outbox-plan-rows';

type Row = Selectable<OutboxTable>;

export function toOutboxRow(r: Row): OutboxRow {
  return {
    id: Number(r.id), kind: r.kind, recipient: r.recipient, dedupeKey: r.dedupe_key, status: r.status,
    reason: r.reason ?? undefined, payload: parsePayload(r.payload), group: r.group_key ?? undefined, waits: r.waits === 1,
    nudgeId: r.nudge_id === null ? undefined : Number(r.nudge_id), dueAt: r.due_at, attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at, channelId: r.channel_id ?? undefined, messageTs: r.message_ts ?? undefined,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

const ACTIVE = ['planned', 'claimed', 'sending'] as const;
const SETTLED = ['sent', 'skipped', 'failed', 'uncertain'] as const;
type ClaimOptions = Parameters<OutboxStore['claim']>[0];

/**
 * The claim: one UPDATE over a sub-select, so a row goes to exactly one dispatcher. On PostgreSQL the sub-select
 * (a CTE there, see below) takes `FOR UPDATE SKIP LOCKED`: instances polling together take different rows instead of waiting (and the
 * outer UPDATE re-checks `status = 'planned'`, so a row another instance took meanwhile is not taken twice).
 * A waiting row (the giver's confirmation) is due only once the rest of its group is settled. Exported so a test
 * can EXPLAIN the poll on both engines: it must seek outbox_due, a group's claim outbox_group, and the outer UPDATE
 * the primary key.
 *
 * SQLite has no statistics unless someone runs ANALYZE, and without them `status = 'planned'` looks selective: the
 * outer UPDATE walked every planned row (outbox_settled) and a group's claim every due one (outbox_due), so under a
 * backlog (kudos queued behind the chat.postMessage rate) each kudos's claim cost grew with the queue. There the
 * status terms that must not pick the index are written `+status` (SQLite's way to keep a term off an index; the
 * same test, the same rows). PostgreSQL keeps statistics itself and needs no such hint.
 */
export function outboxClaimQuery(db: Executor, o: ClaimOptions) {
  const sqlite = engineOf(db) === 'sqlite';
  const narrowed = Boolean(o.keys ?? o.group);
  // `+col` on SQLite: the same value, but not a candidate index term.
  const col = (name: 'o.status' | 'o.next_attempt_at' | 'status', hint: boolean) => (sqlite && hint ? sql.raw(`+${name.replace(/^o\./, '"o".')}`) : sql.ref(name));
  // SQLite re-plans on every run a statement whose planning read a bound value (engine.ts, opaque): the constants are
  // literals there, the group and the limit opaque. PostgreSQL binds them as before.
  const lit = <T extends string | number>(v: T) => (sqlite ? sql.lit(v) : v);
  let due = db.selectFrom('outbox as o').select('o.id')
    .where(col('o.status', narrowed), '=', lit('planned')).where(col('o.next_attempt_at', narrowed), '<=', o.now)
    .where((eb) => eb.or([eb('o.waits', '=', lit(0)), eb.not(eb.exists(
      eb.selectFrom('outbox as d').select(sql.lit(1).as('one'))
        .whereRef('d.group_key', '=', 'o.group_key').where('d.waits', '=', lit(0)).where('d.status', 'in', ACTIVE.map(lit)),
    ))]))
    .orderBy('o.next_attempt_at').orderBy('o.id').limit(opaque(db, o.limit));
  if (o.keys) due = due.where('o.dedupe_key', 'in', o.keys);
  else if (o.group) due = due.where('o.group_key', '=', opaque(db, o.group));
  const set = { status: 'claimed' as const, claimed_by: o.owner, lease_until: o.leaseUntil, updated_at: o.now };
  if (sqlite) {
    return db.updateTable('outbox').set((eb) => ({ ...set, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', due).where(col('status', true), '=', lit('planned')).returningAll();
  }
  // A locking sub-select under IN may be rescanned once per outer row (a nested-loop semi join), each rescan
  // locking the next rows past the ones this statement already took: one poll claimed 93 rows at LIMIT 10. A
  // MATERIALIZED CTE runs once, so LIMIT holds (PostgreSQL's documented pattern for a locking LIMIT).
  return db.with((cte) => cte('due').materialized(), () => due.forUpdate().skipLocked())
    .updateTable('outbox').set((eb) => ({ ...set, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id')).where('status', '=', 'planned').returningAll();
}

/** A group's rows in the order they were planned (what a request waiting on them reads back). */
export const outboxGroupQuery = (db: Executor, group: string) => db.selectFrom('outbox').selectAll().where('group_key', '=', opaque(db, group)).orderBy('id');

const KEEP = Symbol('keep the reason');

/**
 * claimed|sending → planned, by their owner only, due at `next` (release, releaseUnspent); `refund` when nothing
 * reached Slack. Each row's period record goes back to waiting too (it may have been marked sending).
 */
async function backToPlanned(trx: Executor, ids: readonly number[], owner: string, next: number, o: { reason: string | null | typeof KEEP; refund: boolean }, now: number) {
  const reason = o.reason;
  const rows = await trx.updateTable('outbox')
    .set((eb) => ({
      status: 'planned', next_attempt_at: next, attempts: eb('attempts', '-', o.refund ? 1 : 0), claimed_by: null, lease_until: null, updated_at: now,
      ...(reason === KEEP ? {} : { reason }),
    }))
    .where('id', 'in', ids).where('claimed_by', '=', owner).where('status', 'in', ['claimed', 'sending']).returning(['nudge_id', 'attempts', 'reason']).execute();
  for (const row of rows) {
    if (row.nudge_id === null) continue;
    await trx.updateTable('nudges').set({ status: 'planned', reason: row.reason, channel_id: null, message_ts: null, attempts: row.attempts, updated_at: now })
      .where('id', '=', row.nudge_id).execute();
  }
}

/** Rows per statement: 11 values each stays far below both engines' bound-parameter limits. */
const PLAN_BATCH = 500;
/** PostgreSQL sends a column as one array parameter (bulk-rows.ts), so a batch is bounded by memory only. */
const PLAN_BATCH_ARRAYS = 5_000;
const ledgerKey = (l: { personId: string; kind: string; period: string }) => JSON.stringify([l.personId, l.kind, l.period]);

/**
 * Up to PLAN_BATCH messages in three statements, whatever their number (planning runs over every manager at once:
 * a statement per message cost PostgreSQL a round trip each, 30,000 for 10,000 managers): their period records
 * (ON CONFLICT DO NOTHING: a planned or decided period stays as it is; RETURNING names the new ones), the
 * records that were there before read back (none on a first pass), then the
 * messages whose period is still undecided (or that have none), ON CONFLICT DO NOTHING on their dedupe key.
 * Returns how many messages were added.
 */
async function planBatch(db: Executor, batch: readonly PlannedMessage[], now: number): Promise<number> {
  const pg = engineOf(db) === 'postgres';
  const ledgers = batch.flatMap((m) => (m.ledger ? [{ ...m.ledger, dueAt: m.dueAt, payload: JSON.stringify(m.ledger.payload ?? {}) }] : []));
  const records = new Map<string, { id: number; status: string }>();
  if (ledgers.length > 0) {
    const ledgerRows = pg
      // One array per column on PostgreSQL (bulk-rows.ts): the same rows, a fraction of the parse and plan.
      ? db.insertInto('nudges').columns(['person_id', 'kind', 'period', 'status', 'due_at', 'next_attempt_at', 'payload', 'created_at', 'updated_at'])
        .expression(unnestRows(ledgers, [[(l) => l.personId, 'text'], [(l) => l.kind, 'text'], [(l) => l.period, 'text'], [() => 'planned', 'text'],
          [(l) => l.dueAt, 'bigint'], [(l) => l.dueAt, 'bigint'], [(l) => l.payload, 'text'], [() => now, 'bigint'], [() => now, 'bigint']]))
      : db.insertInto('nudges').values(ledgers.map((l) => ({
        person_id: l.personId, kind: l.kind, period: l.period, status: 'planned' as const, due_at: l.dueAt, next_attempt_at: l.dueAt,
        payload: l.payload, created_at: now, updated_at: now,
      })));
    const added = await ledgerRows.onConflict((oc) => oc.columns(['person_id', 'kind', 'period']).doNothing()).returning(['id', 'status', 'person_id', 'kind', 'period']).execute();
    const keep = (r: { id: number | string; status: string; person_id: string; kind: string; period: string }) => records.set(ledgerKey({ personId: r.person_id, kind: r.kind, period: r.period }), { id: Number(r.id), status: r.status });
    added.forEach(keep);
    // Periods recorded before this call (a re-check, another instance): read back to see whether still undecided.
    const older = ledgers.filter((l) => !records.has(ledgerKey(l)));
    if (older.length > 0) {
      const uniq = <T>(xs: T[]) => [...new Set(xs)];
      const found = pg
        // The exact keys, joined: each seeks the (person_id, kind, period) key.
        ? (await sql<{ id: number; status: string; person_id: string; kind: string; period: string }>`SELECT n.id, n.status, n.person_id, n.kind, n.period
            FROM (${unnestRows(older, [[(l) => l.personId, 'text'], [(l) => l.kind, 'text'], [(l) => l.period, 'text']])}) AS k(person_id, kind, period)
            JOIN nudges n ON n.person_id = k.person_id AND n.kind = k.kind AND n.period = k.period`.execute(db)).rows
        // Each column's IN list seeks the (person_id, kind, period) key; rows of other combinations are dropped here.
        : await db.selectFrom('nudges').select(['id', 'status', 'person_id', 'kind', 'period'])
          .where('person_id', 'in', uniq(older.map((l) => l.personId))).where('kind', 'in', uniq(older.map((l) => l.kind)))
          .where('period', 'in', uniq(older.map((l) => l.period))).execute();
      found.filter((r) => !records.has(ledgerKey({ personId: r.person_id, kind: r.kind, period: r.period }))).forEach(keep);
    }
  }
  // A period already decided (skipped, sent, given up): nothing more to send for it.
  const rows = batch.flatMap((m): PlanRow[] => {
    const record = m.ledger ? records.get(ledgerKey(m.ledger)) : undefined;
    if (m.ledger && record?.status !== 'planned') return [];
    return [{ kind: m.kind, recipient: m.recipient, dedupeKey: m.dedupeKey, payload: JSON.stringify(m.payload), group: m.group ?? null, waits: m.waits ? 1 : 0, nudgeId: record?.id ?? null, dueAt: m.dueAt }];
  });
  return insertPlanRows(db, rows, now);
}

const byOrder = (a: OutboxRow, b: OutboxRow) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id;

type FixedClaim = Omit<ClaimOptions, 'keys' | 'group'> & { group: string };

/** The outbox (migration 0014) and its rate gate on either engine: all of the outbox's SQL lives here. */
export function createOutboxStore(db: Executor): OutboxStore {
  // Built and compiled once: every kudos claims its group twice and reads it back twice (Kysely's build and compile
  // cost more than SQLite's answer). A claim by dedupe keys has an IN list of its own length, so it is built per call.
  const hot = {
    claimDue: preparedNamed(db, (p: FixedClaim) => outboxClaimQuery(db, { now: p.now, leaseUntil: p.leaseUntil, owner: p.owner, limit: p.limit })),
    claimGroup: preparedNamed(db, (p: FixedClaim) => outboxClaimQuery(db, { now: p.now, leaseUntil: p.leaseUntil, owner: p.owner, limit: p.limit, group: p.group })),
    inGroup: preparedNamed(db, (p: { group: string }) => outboxGroupQuery(db, p.group)),
  };
  const claimed = (rows: Row[]) => rows.map(toOutboxRow).sort(byOrder);
  return {
    plan: (messages, now) => (messages.length === 0 ? Promise.resolve(0) : atomic(db, async (trx) => {
      let n = 0;
      const size = engineOf(db) === 'postgres' ? PLAN_BATCH_ARRAYS : PLAN_BATCH;
      for (let i = 0; i < messages.length; i += size) n += await planBatch(trx, messages.slice(i, i + size), now);
      return n;
    })),
    async claim(o) {
      if (o.keys) return o.keys.length === 0 ? [] : claimed(await outboxClaimQuery(db, o).execute());
      const fixed = { now: o.now, leaseUntil: o.leaseUntil, owner: o.owner, limit: o.limit, group: o.group ?? '' };
      return claimed((await (o.group !== undefined ? hot.claimGroup(fixed) : hot.claimDue(fixed))).rows);
    },
    markSending: (id, owner, lease, now) => atomic(db, (trx) => markSending(trx, id, owner, lease, now)),
    settle: (id, owner, outcome, now) => atomic(db, (trx) => settle(trx, id, owner, outcome, now)),
    release: (id, owner, next, reason, refund, now) => atomic(db, (trx) => backToPlanned(trx, [id], owner, next, { reason: reason ?? null, refund }, now)),
    // One statement for the rows a run's gate turned away (a kudos's post and DM at a spent tier), not one each. A row
    // may be sending: a file commits before its last call, whose slot can still be refused (nothing was called).
    releaseUnspent: (ids, owner, next, now) =>
      (ids.length === 0 ? Promise.resolve() : atomic(db, (trx) => backToPlanned(trx, ids, owner, next, { reason: KEEP, refund: true }, now))),
    recoverExpired: (now) => atomic(db, async (trx) => {
      const released = await trx.updateTable('outbox').set({ status: 'planned', claimed_by: null, lease_until: null, updated_at: now })
        .where('status', '=', 'claimed').where('lease_until', '<', now).executeTakeFirst();
      const lost = await trx.updateTable('outbox').set({ status: 'uncertain', reason: INTERRUPTED, lease_until: null, updated_at: now })
        .where('status', '=', 'sending').where('lease_until', '<', now).returningAll().execute();
      for (const row of lost) await mirror(trx, row, 'uncertain', { reason: INTERRUPTED }, now);
      return { released: affected(released), uncertain: lost.length };
    }),
    recordLedgerPayload: async (nudgeId, payload, now) => {
      await db.updateTable('nudges').set({ payload: JSON.stringify(payload), updated_at: now }).where('id', '=', nudgeId).execute();
    },
    byKeys: async (keys) => (keys.length === 0 ? [] : (await db.selectFrom('outbox').selectAll().where('dedupe_key', 'in', keys).orderBy('id').execute()).map(toOutboxRow)),
    inGroup: async (group) => (await hot.inGroup({ group })).rows.map(toOutboxRow),
    stats: (now) => stats(db, now),
    recentFailures: async (limit) => (await db.selectFrom('outbox').selectAll().where('status', 'in', ['failed', 'uncertain'])
      .orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(toOutboxRow),
    // A file's content is never kept after a try (it may be a person's data): there is nothing to retry.
    retry: async (id, now) => isRowId(id) && affected(await db.updateTable('outbox').set({ status: 'planned', attempts: 0, next_attempt_at: now, claimed_by: null, updated_at: now })
      .where('id', '=', id).where('status', '=', 'failed').where('kind', '<>', 'file').executeTakeFirst()) === 1,
    prune: async (before) => affected(await db.deleteFrom('outbox').where('status', 'in', SETTLED).where('updated_at', '<', before).executeTakeFirst()),
    reserveSlot: (tier, now, intervalMs, burstMs) => reserveSlot(db, tier, now, intervalMs, burstMs),
    holdTier: (tier, until, now) => holdTier(db, tier, until, now),
  };
}

// Failures count over the last week: what an admin can still act on.
async function stats(db: Executor, now: number): Promise<Awaited<ReturnType<OutboxStore['stats']>>> {
  const since = now - 7 * 24 * 60 * 60_000;
  const r = await db.selectNoFrom((eb) => [
    eb.selectFrom('outbox').select((e) => e.fn.countAll<number>().as('n')).where('status', 'in', ACTIVE).as('depth'),
    eb.selectFrom('outbox').select((e) => e.fn.min('due_at').as('m')).where('status', 'in', ACTIVE).as('oldest'),
    eb.selectFrom('outbox').select((e) => e.fn.countAll<number>().as('n')).where('status', '=', 'failed').where('updated_at', '>=', since).as('failed'),
    eb.selectFrom('outbox').select((e) => e.fn.countAll<number>().as('n')).where('status', '=', 'uncertain').where('updated_at', '>=', since).as('uncertain'),
  ]).executeTakeFirstOrThrow();
  return { depth: Number(r.depth ?? 0), oldestDueAt: r.oldest === null ? undefined : Number(r.oldest), failed: Number(r.failed ?? 0), uncertain: Number(r.uncertain ?? 0) };
}
