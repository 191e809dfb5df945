import { DomainError } from './errors';
import type { PeopleRepository } from './people';
import type { Clock, EventLog } from './ports';
import { closesAt, isOpen, isPeriod, isPulseMonth, MAX_COMMENT, pulseMoment, shiftPeriod } from './pulse';
import { createPulsePool } from './pulse-pool';
import type { PulseClaims, PulseNotifier, PulseReads, PulseRepository, PulseSettings } from './pulse-ports';
import { isAway } from './nudge-schedule';

const HOUR = 60 * 60 * 1000;
/** Slack errors that retrying will not fix. */
const PERMANENT = new Set(['user_not_found', 'account_inactive', 'user_disabled', 'cannot_dm_bot', 'not_authed', 'invalid_auth', 'token_revoked', 'missing_scope', 'channel_not_found']);

export interface PulseServiceDeps {
  repo: PulseRepository;
  claims: PulseClaims;
  settings: PulseSettings;
  people: Pick<PeopleRepository, 'get'>;
  notifier?: PulseNotifier;
  events?: EventLog;
  clock: Clock;
  /** PULSE_MIN_RESPONSES: results below it are never shown. */
  minResponses: number;
  workspaces?: { canSend(teamId: string): boolean };
  /**
   * Pacing between DMs (NUDGE_RATE_PER_MINUTE in production) so a large workspace is not sent in one burst;
   * a run stops after `maxRunMs` and the next run carries on. Real time, not the injected clock.
   */
  pace?: { intervalMs: number; maxRunMs?: number; sleep?: (ms: number) => Promise<void> };
  /** PULSE_ENABLED=false: nothing is sent and nothing can be answered. */
  enabled?: boolean;
  /** Shuffles the batches (tests inject a seeded source). */
  random?: () => number;
}

export interface PulseRunReport {
  sent: number;
  failed: number;
  /** Slack rate-limited the run: this many were put back for the next run. */
  deferred: number;
}

/** What the answer modal needs to know before it opens. */
export type PulseAnswerable = { state: 'open'; period: string; managerName: string } | { state: 'answered' | 'closed' | 'not-asked'; period: string };

export function createPulseService(deps: PulseServiceDeps) {
  const { repo, claims, clock } = deps;
  const sleep = deps.pace?.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let stopping = false;
  const pool = createPulsePool({ minResponses: deps.minResponses, random: deps.random });
  /** Receipts a restart left without their answer (found at start-up): those people are asked again. */
  let lost: Array<{ receipt: string; period: string }> = [];

  /** Writes or discards the groups of every closed period (the job, answers and reports call it). */
  function releaseClosed(now: number = clock.now()): void {
    const { release, discard } = pool.takeClosed((period) => now >= closesAt(period));
    for (const b of release) repo.release(b.period, b.answers);
    for (const b of discard) repo.discard(b.answers.map((a) => a.receipt));
  }

  /** Asks again, by a new DM, each person whose answer a restart lost while their month is still open. */
  async function askLostAgain(now: number): Promise<void> {
    const open = lost.filter((l) => isOpen(l.period, now));
    lost = [];
    if (open.length === 0 || !deps.notifier) return;
    const receipts = new Set(open.map((l) => l.receipt));
    for (const c of claims.candidates()) {
      for (const period of new Set(open.map((l) => l.period))) {
        const asked = claims.sentAbout(c.id, period);
        if (!asked || !receipts.has(repo.receiptOf(c.id, period))) continue;
        const manager = deps.people.get(asked.managerId);
        const managerName = manager?.name || manager?.realName || 'your manager';
        await deps.notifier.sendPulse(c.id, { period, managerName, closesAt: closesAt(period), again: true }).catch(() => undefined);
      }
    }
  }

  function check(personId: string, period: string): PulseAnswerable & { managerId?: string } {
    if (!isPeriod(period)) return { state: 'not-asked', period };
    if (deps.enabled === false) return { state: 'closed', period };
    const asked = claims.sentAbout(personId, period);
    if (!asked) return { state: 'not-asked', period };
    if (!isOpen(period, clock.now())) return { state: 'closed', period };
    if (repo.hasAnswered(personId, period)) return { state: 'answered', period };
    const manager = deps.people.get(asked.managerId);
    return { state: 'open', period, managerName: manager?.name || manager?.realName || 'your manager', managerId: asked.managerId };
  }

  /** Sends one person's pulse if due; false when Slack asked to slow down and the run should stop. */
  async function sendOne(c: ReturnType<PulseClaims['candidates']>[number], now: number, report: PulseRunReport, every: number): Promise<boolean> {
    if (c.nudgesPaused || (c.snoozedUntil ?? 0) > now || isAway(c)) return true; // away today: tried again on a later working day
    if (c.teamId && deps.workspaces && !deps.workspaces.canSend(c.teamId)) return true;
    const moment = pulseMoment(now, c.tz);
    if (!moment.due || !isPulseMonth(moment.period, every)) return true;
    if (!claims.claim(c.id, moment.period, c.managerId, now)) return true;
    const manager = deps.people.get(c.managerId);
    try {
      const sent = await deps.notifier!.sendPulse(c.id, { period: moment.period, managerName: manager?.name || manager?.realName || 'your manager', closesAt: closesAt(moment.period) });
      claims.sent(c.id, moment.period, sent.channel, sent.ts, now);
      report.sent += 1;
      return true;
    } catch (err) {
      const e = err as { code?: string; retryAfterMs?: number; retryAfter?: number; data?: { error?: string } };
      const code = e.data?.error ?? e.code ?? 'error';
      if (code === 'ratelimited' || code === 'slack_webapi_rate_limited_error') {
        // Nothing was sent. Everyone after this person would meet the same 429: stop the run, keep their attempts.
        claims.deferred(c.id, moment.period, now + Math.max(e.retryAfterMs ?? 0, (e.retryAfter ?? 0) * 1000, 1000), now);
        report.deferred += 1;
        return false;
      }
      const wait = Math.max(e.retryAfterMs ?? 0, (e.retryAfter ?? 0) * 1000, HOUR);
      claims.failed(c.id, moment.period, code, PERMANENT.has(code) ? undefined : now + wait, now);
      report.failed += 1;
      return true;
    }
  }

  return {
    /** One pass of the monthly pulse: safe to run as often as the scheduler likes (one nudges row per person and period). */
    async run(now: number = clock.now()): Promise<PulseRunReport> {
      const report: PulseRunReport = { sent: 0, failed: 0, deferred: 0 };
      releaseClosed(now);
      await askLostAgain(now);
      const every = deps.settings.everyMonths();
      if (every <= 0 || !deps.notifier || deps.enabled === false) return report;
      const started = Date.now();
      for (const c of claims.candidates()) {
        if (stopping || (deps.pace && Date.now() - started > (deps.pace.maxRunMs ?? 5 * 60_000))) break;
        const before = report.sent + report.failed;
        if (!(await sendOne(c, now, report, every))) break;
        if (deps.pace && report.sent + report.failed > before && deps.pace.intervalMs > 0) await sleep(deps.pace.intervalMs);
      }
      if (report.sent + report.failed > 0) deps.events?.append({ kind: 'pulse.sent', data: { ...report } }, now);
      return report;
    },

    /** Whether this person may answer this period now (the button checks before opening the modal). */
    answerable(personId: string, period: string): PulseAnswerable {
      const { managerId: _omit, ...rest } = check(personId, period);
      return rest as PulseAnswerable;
    },

    /**
     * Records an answer: the receipt is written now (it stops a second answer), the answer waits in memory
     * for a shuffled batch (pulse-pool.ts). Nothing about it is logged or put in the event log.
     */
    answer(personId: string, period: string, rating: number, comment: string): 'recorded' | 'duplicate' {
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new DomainError('pulse_rating', 'Pick a rating from 1 to 5.', 'rating');
      const text = comment.trim();
      // The limit is on what the person writes: the database holds the longer sealed form (migration 0013).
      if (text.length > MAX_COMMENT) throw new DomainError('pulse_comment', `Keep the comment under ${MAX_COMMENT} characters.`, 'comment');
      if (text !== '' && !repo.canKeepComments()) {
        throw new DomainError('pulse_comment_needs_key', 'Comments are switched off on this Leadwell until its operator sets LEADWELL_DATA_KEY (comments are stored encrypted). Clear the comment to send your rating.', 'comment');
      }
      const c = check(personId, period);
      if (c.state === 'answered') return 'duplicate';
      if (c.state === 'closed') throw new DomainError('pulse_closed', 'This pulse has closed; the next one comes next month.');
      if (c.state === 'not-asked' || !c.managerId) throw new DomainError('pulse_not_asked', 'There is no pulse for you to answer for that month.');
      const receipt = repo.claimReceipt(personId, period);
      if (!receipt) return 'duplicate';
      const batch = pool.add(period, { receipt, managerId: c.managerId, rating, comment: text });
      if (batch) repo.release(batch.period, batch.answers);
      return 'recorded';
    },

    releaseClosed,
    /** Reads for reports: a closed month's batches are written first (the job may not have run since the close). */
    settledReads(): PulseReads {
      return {
        aggregates: (period, managerIds) => (releaseClosed(), repo.aggregates(period, managerIds)),
        comments: (managerId, period) => (releaseClosed(), repo.comments(managerId, period)),
      };
    },
    /**
     * Start-up: receipts never released belong to answers the last process held in memory when it stopped.
     * They are deleted (so those people may answer again) and the next run asks them again.
     */
    recoverLostAnswers(): number {
      lost = repo.dropUnreleased();
      return lost.length;
    },
    /** Answers waiting in memory for their batch (a count, never who or what). */
    pending: () => pool.size(),

    minResponses: deps.minResponses,
    /** Shutdown: the send in flight finishes, nothing more is sent. */
    stop(): void {
      stopping = true;
    },
    everyMonths: () => deps.settings.everyMonths(),
    setEveryMonths(months: number): void {
      if (![0, 1, 2, 3, 6, 12].includes(months)) throw new DomainError('pulse_every', 'The pulse can run every 1, 2, 3, 6 or 12 months, or `off`.');
      deps.settings.setEveryMonths(months, clock.now());
    },
    /** The period after the given one in which a pulse goes out. */
    nextPulsePeriod(fromPeriod: string): string | undefined {
      const every = deps.settings.everyMonths();
      if (every <= 0) return undefined;
      let p = fromPeriod;
      for (let i = 0; i < 13; i += 1, p = shiftPeriod(p, 1)) if (isPulseMonth(p, every)) return p;
      return undefined;
    },
  };
}

export type PulseService = ReturnType<typeof createPulseService>;
