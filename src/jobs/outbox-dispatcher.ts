import crypto from 'node:crypto';
import os from 'node:os';
import type { Logger } from '../logger';
import type { Clock, OutboxRow, OutboxStore } from '../domain/ports';
import { DeliveryError, type OutboxKind, type OutboxTransport, type Prepared, type RateTier, type SendHooks } from '../domain/outbox/delivery';
import { backoffMs, DEFAULT_RETRY, MAX_RETRY_AFTER_MS, type RetryPolicy } from '../domain/outbox/policy';
import { anyClaimable } from '../domain/outbox/claimable';
import { createUnspent, type Unspent } from './outbox-unspent';
import type { Job } from './job';

/**
 * The one dispatcher for everything Leadwell sends on its own. Per row: claim (planned → claimed, with a lease)
 * → prepare (the kind's rules on fresh data) → committing (claimed → sending) → the Web API call → settle.
 * A process that dies after `committing` leaves `sending`; once the lease runs out the row is uncertain and never
 * resent, because a duplicate message is worse than a missed one. One that dies before leaves `claimed`, which
 * goes back to planned: nothing reached Slack.
 *
 * The workspace rate is a slot per Slack tier in the database (shared by every instance) driven by the injected
 * clock, so instances share one rate and tests can travel through time.
 */
export interface OutboxDispatcherOptions {
  store: OutboxStore;
  transport: OutboxTransport;
  kinds: Record<string, OutboxKind>;
  clock: Clock;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  retry?: RetryPolicy;
  /** How long a claim holds before another dispatcher may take the row back. Longer than one send (10 s timeout). */
  leaseMs?: number;
  /** One run stops after this long so shutdown and the next tick are never far away. */
  maxRunMs?: number;
  /** Longer waits for a rate slot end the run; the next tick picks up. */
  maxWaitMs?: number;
  /** Set by tests: called at each step of a send (the chaos harness kills the process there). */
  onStep?: (step: 'claimed' | 'committing' | 'posted' | 'settled', row: OutboxRow) => void;
}

export interface DispatchStats {
  sent: number;
  failed: number;
  skipped: number;
  retried: number;
  rateLimited: number;
  uncertain: number;
  recovered: number;
}

export interface OutboxDispatcher {
  /** Leases that ran out: back to planned, or uncertain when the send had begun. */
  recover(): Promise<{ released: number; uncertain: number }>;
  drain(): Promise<DispatchStats>;
  /** Sends these rows now (a request waiting on them), for at most `budgetMs`; the sends in flight finish anyway. */
  deliverNow(which: { keys?: readonly string[]; group?: string }, budgetMs: number): Promise<OutboxRow[]>;
  /** Shutdown: the send in flight finishes, nothing more is claimed. */
  stop(): void;
}

const BATCH = 10;
/**
 * Settled rows are kept this long (what an admin may still look at or retry), then deleted: the nudges records keep
 * the history, and a message's payload does not outlive its use.
 */
const KEEP_SETTLED_MS = 30 * 24 * 60 * 60_000;

class LostClaim extends Error {}

type Filter = { keys?: readonly string[]; group?: string };

const empty = (): DispatchStats => ({ sent: 0, failed: 0, skipped: 0, retried: 0, rateLimited: 0, uncertain: 0, recovered: 0 });

export function createOutboxDispatcher(o: OutboxDispatcherOptions): OutboxDispatcher {
  const { store, clock } = o;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retry = o.retry ?? DEFAULT_RETRY;
  const leaseMs = o.leaseMs ?? 60_000;
  const maxRunMs = o.maxRunMs ?? 50_000;
  const maxWaitMs = o.maxWaitMs ?? 15_000;
  const owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  let stopping = false;

  const recover = async () => {
    const r = await store.recoverExpired(clock.now());
    if (r.uncertain > 0) o.logger?.warn({ count: r.uncertain }, 'outbox: sends interrupted by a stop; recorded as uncertain, not resent');
    return r;
  };

  /**
   * Waits for the tier's workspace slot, or throws (rate-limited) when the wait does not fit this run. A request
   * waiting on its messages (`patient` false) never waits for a slot: what does not fit the rate now goes with
   * the next run.
   */
  async function slot(tier: RateTier, deadline: number, patient: boolean, full?: Map<string, number>): Promise<void> {
    // An impatient run already found this tier full: the next row would only reserve, fail and roll back again.
    const freeAt = full?.get(tier.name);
    if (freeAt !== undefined) throw new DeliveryError('rate_wait', 'rate-limited', Math.max(0, freeAt - clock.now()), tier.name);
    const intervalMs = tier.perMinute > 0 && Number.isFinite(tier.perMinute) ? 60_000 / tier.perMinute : 0;
    // Slack tolerates short bursts: a sixth of a minute's budget may go at once.
    const burstMs = intervalMs > 0 ? Math.floor(tier.perMinute / 6) * intervalMs : 0;
    let stalls = 0;
    for (;;) {
      const wait = await store.reserveSlot(tier.name, clock.now(), intervalMs, burstMs);
      if (wait === 0) return;
      if (!patient || stopping || wait > maxWaitMs || clock.now() + wait > deadline) {
        full?.set(tier.name, clock.now() + wait);
        throw new DeliveryError('rate_wait', 'rate-limited', wait, tier.name);
      }
      const before = clock.now();
      await sleep(wait);
      // A clock that does not move (a test's fixed clock) would wait forever: three stalled reads end the wait.
      stalls = clock.now() === before ? stalls + 1 : 0;
      if (stalls >= 3) throw new DeliveryError('rate_wait', 'rate-limited', wait, tier.name);
    }
  }

  async function failure(row: OutboxRow, err: unknown, committed: boolean, stats: DispatchStats, unspent: Unspent): Promise<void> {
    const now = clock.now();
    if (err instanceof LostClaim) return; // another dispatcher owns the row now
    const e = err instanceof DeliveryError ? err : undefined;
    const code = e?.code ?? 'unexpected_error';
    // Something we cannot classify after the posting call began might have come after Slack posted.
    let handling = e?.handling ?? (committed ? 'uncertain' : 'permanent');
    // Before the posting call nothing was sent: a "maybe processed" answer to a preparatory call is just transient.
    if (handling === 'uncertain' && !committed) handling = 'transient';
    if (handling === 'rate-limited') {
      const until = now + Math.min(MAX_RETRY_AFTER_MS, Math.max(1000, e?.retryAfterMs ?? 1000));
      if (code === 'rate_wait') unspent.add(row, e?.tier ?? '', until); // our own gate: nothing was called, handed back with the batch
      else {
        if (e?.tier) await store.holdTier(e.tier, until, now);
        await store.release(row.id, owner, until, 'ratelimited', true, now);
      }
      stats.rateLimited += 1;
    } else if (handling === 'transient' && row.attempts < retry.maxAttempts) {
      await store.release(row.id, owner, now + backoffMs(row.attempts, retry), code, false, now);
      stats.retried += 1;
    } else if (handling === 'uncertain') {
      await store.settle(row.id, owner, { status: 'uncertain', reason: code }, now);
      stats.uncertain += 1;
    } else {
      await store.settle(row.id, owner, { status: 'failed', reason: code }, now);
      stats.failed += 1;
    }
    o.logger?.warn({ outboxId: row.id, kind: row.kind, code, handling, attempts: row.attempts, err: e ? undefined : err }, 'outbox: send failed');
  }

  async function prepare(row: OutboxRow, now: number): Promise<Prepared> {
    const kind = o.kinds[row.kind];
    return kind ? kind.prepare(row, now) : { model: row.payload };
  }

  async function sendOne(row: OutboxRow, stats: DispatchStats, deadline: number, patient: boolean, unspent: Unspent, full?: Map<string, number>): Promise<void> {
    o.onStep?.('claimed', row);
    let prepared: Prepared;
    try {
      prepared = await prepare(row, clock.now());
    } catch (err) {
      // Nothing was sent: a bug or a database problem, not Slack. Failed with the reason, for someone to look at.
      await store.settle(row.id, owner, { status: 'failed', reason: 'prepare_error' }, clock.now());
      stats.failed += 1;
      o.logger?.error({ err, outboxId: row.id, kind: row.kind }, 'outbox: could not prepare a message');
      return;
    }
    if ('skip' in prepared) {
      await store.settle(row.id, owner, { status: 'skipped', reason: prepared.skip }, clock.now());
      stats.skipped += 1;
      return;
    }
    if (prepared.summary && row.nudgeId !== undefined) await store.recordLedgerPayload(row.nudgeId, prepared.summary, clock.now());
    let committed = false;
    const hooks: SendHooks = {
      slot: (tier) => slot(tier, deadline, patient, full),
      committing: async () => {
        o.onStep?.('committing', row);
        const now = clock.now();
        if (!(await store.markSending(row.id, owner, now + leaseMs, now))) throw new LostClaim();
        committed = true;
      },
    };
    try {
      const sent = await o.transport.send(row, prepared.model, hooks);
      o.onStep?.('posted', row);
      await store.settle(row.id, owner, { status: 'sent', channel: sent.channel, ts: sent.ts }, clock.now());
      o.onStep?.('settled', row);
      stats.sent += 1;
    } catch (err) {
      await failure(row, err, committed, stats, unspent);
    }
  }

  /**
   * Sends one claimed batch. Rows the gate turned away are handed back together at the end (one statement per
   * tier, due when the tier has a slot again), also when a send throws: until then they are only claimed, and a
   * claim that is never handed back goes back to planned when its lease runs out. False when the run's time was up.
   */
  async function sendBatch(batch: OutboxRow[], stats: DispatchStats, deadline: number, patient: boolean, full?: Map<string, number>): Promise<boolean> {
    const unspent = createUnspent();
    try {
      for (const [i, row] of batch.entries()) {
        if (stopping || clock.now() >= deadline) {
          for (const left of batch.slice(i)) await store.release(left.id, owner, left.nextAttemptAt, left.reason, true, clock.now());
          return false;
        }
        await sendOne(row, stats, deadline, patient, unspent, full);
      }
      return true;
    } finally {
      for (const [ids, until] of unspent.byTier()) await store.releaseUnspent(ids, owner, until, clock.now());
    }
  }

  const read = (filter: Filter) => (filter.keys ? store.byKeys(filter.keys) : filter.group ? store.inGroup(filter.group) : Promise.resolve([]));

  /**
   * Claims and sends until nothing more is due (or the run's time is up); unsent claims are handed back. A request's
   * run (keys or a group) reads its rows back after each batch, which it needs for its answer anyway, and claims
   * again only when that read shows a row the claim would take (a waiting row its batch unblocked, a row planned
   * meanwhile): a claim that could find nothing is a write statement for nothing. Returns the last read, if any.
   */
  async function run(filter: Filter, stats: DispatchStats, deadline: number, patient = true): Promise<OutboxRow[] | undefined> {
    // The tiers a request's run found without a free slot (a patient run waits instead, so it never needs this).
    const full = patient ? undefined : new Map<string, number>();
    const narrowed = filter.keys !== undefined || filter.group !== undefined;
    while (!stopping && clock.now() < deadline) {
      const now = clock.now();
      const batch = await store.claim({ now, leaseUntil: now + leaseMs, owner, limit: BATCH, ...filter });
      if (batch.length === 0) return narrowed ? read(filter) : undefined;
      if (!(await sendBatch(batch, stats, deadline, patient, full))) return undefined;
      if (!narrowed) continue;
      const rows = await read(filter);
      if (!anyClaimable(rows, clock.now(), filter.keys === undefined)) return rows;
    }
    return undefined;
  }

  function report(stats: DispatchStats): DispatchStats {
    if (Object.values(stats).some((n) => n > 0)) o.logger?.info({ ...stats }, 'outbox: dispatched');
    return stats;
  }

  return {
    recover,
    async drain() {
      const stats = empty();
      stats.recovered = (await recover()).uncertain;
      await store.prune(clock.now() - KEEP_SETTLED_MS);
      await run({}, stats, clock.now() + maxRunMs);
      return report(stats);
    },
    async deliverNow(which, budgetMs) {
      const stats = empty();
      const done = run(which, stats, clock.now() + maxRunMs, false)
        .then((rows) => (report(stats), rows))
        .catch((err: unknown) => void o.logger?.error({ err }, 'outbox: delivering now failed; the rows stay queued'));
      let timer: NodeJS.Timeout | undefined;
      const rows = await Promise.race([done, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), budgetMs)))]);
      clearTimeout(timer);
      // The run's own last read when it ended within the budget (nothing of it was sent after), else a read now.
      return rows ?? read(which);
    },
    stop: () => {
      stopping = true;
    },
  };
}

export interface OutboxDispatcherDeps {
  outboxDispatcher: OutboxDispatcher;
}

export const outboxDispatcherJob: Job<OutboxDispatcherDeps> = {
  name: 'outbox-dispatcher',
  schedule: '* * * * *',
  run: async (deps) => {
    await deps.outboxDispatcher.drain();
  },
};
