import type { Logger } from '../logger';
import type { Clock } from '../domain/ports';
import type { PeopleRepository, Person } from '../domain/people';
import type { WorkspaceService } from '../domain/workspace-service';
import { DeliveryError, type Notifier, type SentMessage } from '../domain/notifier';
import { isAway } from '../domain/nudge-schedule';
import { WEEKLY_KIND } from '../domain/nudge-planner';
import { digestSummary, type NudgeDigests } from '../domain/nudge-digest';
import { backoffMs, classifyFailure, DEFAULT_RETRY, MAX_RETRY_AFTER_MS, type RetryPolicy } from '../domain/nudge-errors';
import type { NudgeQueue, NudgeRateGate, QueuedNudge } from '../domain/nudge-ports';
import type { Job } from './job';

/**
 * Sends queued nudges. Order of writes per nudge: claim (planned → sending, atomic) → send → mark
 * sent. A crash between send and mark leaves `sending`; the next dispatcher records it as uncertain
 * and never sends it again, because a duplicate nudge is worse than a missed one.
 *
 * The workspace rate is a token slot in SQLite (nudge-rate-gate.ts) driven by the injected clock,
 * not an in-memory limiter such as bottleneck: the queue is already persistent, two instances must
 * share one rate, and tests travel through time with a fixed clock.
 */
export interface NudgeDispatcherOptions {
  queue: NudgeQueue;
  gate: NudgeRateGate;
  notifier: Notifier;
  digests: NudgeDigests;
  people: Pick<PeopleRepository, 'get'>;
  workspaces: Pick<WorkspaceService, 'canSend'>;
  clock: Clock;
  logger?: Logger;
  /** NUDGE_RATE_PER_MINUTE; 0 or Infinity sends as fast as Slack answers (bench). */
  ratePerMinute: number;
  sleep?: (ms: number) => Promise<void>;
  retry?: RetryPolicy;
  /** A row in `sending` for longer than this belongs to a dead process. A send takes ≤ 10 s (client timeout). */
  leaseMs?: number;
  /** One run stops after this long so shutdown and the next cron tick are never far away. */
  maxRunMs?: number;
  /** Longer waits (a long Retry-After) end the run; the next tick picks up. */
  maxWaitMs?: number;
  /** A nudge not sent this long after its slot is stale: skipped. */
  maxAgeMs?: number;
  /** Other kinds queued in the same table (the executive digest): how to prepare each. The weekly kind is built in. */
  kinds?: Record<string, NudgeKindHandler>;
}

/** What a queued row of another kind becomes: a message ready to send with its payload summary, or a skip reason. */
export type PreparedNudge = { summary: Record<string, unknown>; send(): Promise<SentMessage> } | { skip: string };

export interface NudgeKindHandler {
  prepare(person: Person, row: QueuedNudge): PreparedNudge;
}

export interface DrainStats {
  sent: number;
  failed: number;
  skipped: number;
  retried: number;
  rateLimited: number;
  uncertain: number;
  recovered: number;
  lost: number;
}

export interface NudgeDispatcher {
  /** Marks rows left in `sending` by a dead process as uncertain; returns how many. */
  recover(): number;
  drain(): Promise<DrainStats>;
  /** Shutdown: the run in progress finishes the send in flight and returns; later runs do nothing. */
  stop(): void;
}

const CHANNEL_GAP_MS = 1000;
const BATCH = 100;

export function createNudgeDispatcher(o: NudgeDispatcherOptions): NudgeDispatcher {
  const { queue, gate, clock } = o;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retry = o.retry ?? DEFAULT_RETRY;
  const leaseMs = o.leaseMs ?? 2 * 60_000;
  const maxRunMs = o.maxRunMs ?? 50_000;
  const maxWaitMs = o.maxWaitMs ?? 15_000;
  const maxAgeMs = o.maxAgeMs ?? 24 * 60 * 60_000;
  const intervalMs = o.ratePerMinute > 0 && Number.isFinite(o.ratePerMinute) ? 60_000 / o.ratePerMinute : 0;
  const lastSentTo = new Map<string, number>();
  let stopping = false;

  const recover = () => {
    const now = clock.now();
    const n = queue.recoverInterrupted(now - leaseMs, now);
    if (n > 0) o.logger?.warn({ count: n }, 'nudges: found sends interrupted by a stop; recorded as uncertain, not resent');
    return n;
  };

  /** Waits for the workspace slot; false when the wait is too long for this run. */
  async function takeSlot(started: number): Promise<boolean> {
    let stalls = 0;
    for (;;) {
      const wait = gate.reserve(clock.now(), intervalMs);
      if (wait === 0) return true;
      if (stopping || wait > maxWaitMs || clock.now() + wait - started > maxRunMs) return false;
      const before = clock.now();
      await sleep(wait);
      // A clock that does not move (a test's fixed clock) would make this wait forever: end the run instead.
      // One still reading after a 1 ms timer is not proof (timers and Date.now() round differently): three are.
      stalls = clock.now() === before ? stalls + 1 : 0;
      if (stalls >= 3) return false;
    }
  }

  function failure(row: QueuedNudge, err: unknown, stats: DrainStats): void {
    const now = clock.now();
    const code = err instanceof DeliveryError ? err.code : 'unexpected_error';
    // An error we cannot classify might have come after Slack accepted the message.
    const handling = err instanceof DeliveryError ? classifyFailure(code) : 'uncertain';
    const attempts = row.attempts + 1;
    if (handling === 'rate-limited') {
      const until = now + Math.min(MAX_RETRY_AFTER_MS, Math.max(1000, (err as DeliveryError).retryAfterMs ?? 1000));
      gate.hold(until, now);
      queue.release(row.id, until, 'ratelimited', now, true);
      stats.rateLimited += 1;
    } else if (handling === 'transient' && attempts < retry.maxAttempts) {
      queue.release(row.id, now + backoffMs(attempts, retry), code, now);
      stats.retried += 1;
    } else if (handling === 'uncertain') {
      queue.finish(row.id, 'uncertain', code, now);
      stats.uncertain += 1;
    } else {
      queue.finish(row.id, 'failed', handling === 'transient' ? `${code} (gave up after ${attempts} attempts)` : code, now);
      stats.failed += 1;
    }
    o.logger?.warn({ nudgeId: row.id, personId: row.personId, code, handling, attempts, err: err instanceof DeliveryError ? undefined : err }, 'nudges: send failed');
  }

  /** Why a claimed nudge must not go out, if it must not. */
  function skipReason(row: QueuedNudge, now: number): string | undefined {
    const person = o.people.get(row.personId);
    if (!person || person.deleted || person.isBot) return 'person_inactive';
    if (!o.workspaces.canSend(person.teamId)) return 'workspace_inactive';
    // Planning looked at these minutes ago; a click since then (pause, snooze) or a new status wins.
    if (person.nudgesPaused) return 'paused';
    if (person.snoozedUntil !== undefined && person.snoozedUntil > row.dueAt) return 'snoozed';
    if (isAway(person)) return 'away';
    if (now > row.dueAt + maxAgeMs) return 'expired';
    return undefined;
  }

  /** A nudge that must not go out is closed without taking a send slot: a backlog of skips costs no rate. */
  function skipIfNeeded(row: QueuedNudge, stats: DrainStats): boolean {
    const now = clock.now();
    const skip = skipReason(row, now);
    if (!skip) return false;
    if (queue.claim(row.id, now)) {
      queue.finish(row.id, 'skipped', skip, now);
      stats.skipped += 1;
    } else stats.lost += 1;
    return true;
  }

  async function sendOne(row: QueuedNudge, stats: DrainStats): Promise<void> {
    const gap = Math.min(CHANNEL_GAP_MS, (lastSentTo.get(row.personId) ?? -Infinity) + CHANNEL_GAP_MS - clock.now());
    if (gap > 0) await sleep(gap);
    const now = clock.now();
    if (!queue.claim(row.id, now)) {
      stats.lost += 1; // another dispatcher took it
      return;
    }
    let prepared: PreparedNudge;
    try {
      prepared = prepare(o.people.get(row.personId)!, row);
      if ('skip' in prepared) {
        queue.finish(row.id, 'skipped', prepared.skip, now);
        stats.skipped += 1;
        return;
      }
      queue.recordPayload(row.id, prepared.summary, now);
    } catch (err) {
      // Nothing was sent: a bug or a database problem, not Slack. Failed, with the reason, for someone to look at.
      queue.finish(row.id, 'failed', `digest_error: ${(err as Error).message}`, now);
      stats.failed += 1;
      o.logger?.error({ err, nudgeId: row.id }, 'nudges: could not build the digest');
      return;
    }
    try {
      const sent = await prepared.send();
      lastSentTo.set(row.personId, clock.now());
      queue.markSent(row.id, sent, clock.now());
      stats.sent += 1;
    } catch (err) {
      failure(row, err, stats);
    }
  }

  /** The weekly digest (built in), or another kind's handler. */
  function prepare(person: Person, row: QueuedNudge): PreparedNudge {
    const other = o.kinds?.[row.kind];
    if (other) return other.prepare(person, row);
    if (row.kind !== WEEKLY_KIND) return { skip: 'no_handler_for_kind' };
    const digest = o.digests.build(person, row.id);
    if (!o.digests.worthSending(digest)) return { skip: 'onboarding_done' };
    return { summary: digestSummary(digest), send: () => o.notifier.sendWeeklyNudge(row.personId, digest) };
  }

  function report(stats: DrainStats): DrainStats {
    const { sent, failed, skipped, retried, rateLimited, uncertain, recovered } = stats;
    if (sent + failed + skipped + retried + rateLimited + uncertain + recovered > 0) o.logger?.info({ ...stats }, 'nudges: dispatched');
    return stats;
  }

  async function drain(): Promise<DrainStats> {
    const stats: DrainStats = { sent: 0, failed: 0, skipped: 0, retried: 0, rateLimited: 0, uncertain: 0, recovered: recover(), lost: 0 };
    const started = clock.now();
    while (!stopping && clock.now() - started < maxRunMs) {
      const batch = queue.due(clock.now(), BATCH);
      if (batch.length === 0) break;
      for (const row of batch) {
        if (skipIfNeeded(row, stats)) continue;
        if (!(await takeSlot(started))) return report(stats);
        await sendOne(row, stats);
        if (stopping) break;
      }
    }
    report(stats);
    return stats;
  }

  return {
    recover,
    drain,
    stop: () => {
      stopping = true;
    },
  };
}

export interface NudgeDispatcherDeps {
  nudgeDispatcher: NudgeDispatcher;
}

export const nudgeDispatcherJob: Job<NudgeDispatcherDeps> = {
  name: 'nudge-dispatcher',
  schedule: '* * * * *',
  run: async (deps) => {
    await deps.nudgeDispatcher.drain();
  },
};
