import { DomainError } from './errors';
import type { PeopleRepository } from './people';
import type { Clock, EventLog, OutboxStore } from './ports';
import { closesAt, isOpen, isPeriod, isPulseMonth, MAX_COMMENT, pulseMoment, PULSE_KIND, shiftPeriod } from './pulse';
import type { PulsePendingPool } from './pulse-pending-ports';
import type { PulseClaims, PulsePrompt, PulseReads, PulseRepository, PulseSettings } from './pulse-ports';
import { nudgeDedupeKey, periodMessage, type PersonGate } from './nudge-outbox';
import type { OutboxKind } from './outbox/delivery';
import { isAway } from './nudge-schedule';


export interface PulseServiceDeps {
  repo: PulseRepository;
  /** Answers waiting for their batch, shared by every instance on the database (src/storage/pulse-pending.ts). */
  pool: PulsePendingPool;
  claims: PulseClaims;
  settings: PulseSettings;
  people: Pick<PeopleRepository, 'get'>;
  outbox: Pick<OutboxStore, 'plan'>;
  events?: EventLog;
  clock: Clock;
  /** PULSE_MIN_RESPONSES: results below it are never shown. */
  minResponses: number;
  workspaces?: { canSend(teamId: string): Promise<boolean> };
  /** PULSE_ENABLED=false: nothing is sent and nothing can be answered. */
  enabled?: boolean;
}

export interface PulseRunReport {
  /** Pulses planned in this run (the outbox sends them, paced by the workspace rate). */
  planned: number;
}

/** What the answer modal needs to know before it opens. */
export type PulseAnswerable = { state: 'open'; period: string; managerName: string } | { state: 'answered' | 'closed' | 'not-asked'; period: string };

export function createPulseService(deps: PulseServiceDeps) {
  const { repo, claims, clock, pool } = deps;
  /** Receipts whose answers can no longer be read (every instance that held the pool key stopped): asked again. */
  let lost: Array<{ receipt: string; period: string }> = [];

  /** Writes or discards the groups of every closed period, and writes any open group that reached 2k (the job, answers and reports call it). */
  async function releaseClosed(now: number = clock.now()): Promise<void> {
    await pool.releaseClosed(deps.minResponses, (period) => now >= closesAt(period));
  }

  /** Asks again, by a new DM through the outbox, each person whose answer a restart lost while their month is still open. */
  async function askLostAgain(now: number): Promise<void> {
    const open = lost.filter((l) => isOpen(l.period, now));
    lost = [];
    if (open.length === 0) return;
    const receipts = new Set(open.map((l) => l.receipt));
    for (const c of await claims.candidates()) {
      for (const period of new Set(open.map((l) => l.period))) {
        const asked = await claims.sentAbout(c.id, period);
        const receipt = await repo.receiptOf(c.id, period);
        // Someone who already answered again (the modal asked them to send it again) is not asked a second time.
        if (!asked || !receipts.has(receipt) || (await repo.hasAnswered(c.id, period))) continue;
        // Once per lost receipt: a rerun plans nothing new; the period's record stays as it was (it went out once).
        const key = `${nudgeDedupeKey(PULSE_KIND, c.id, period)}:again:${receipt.slice(0, 16)}`;
        await deps.outbox.plan([{ kind: PULSE_KIND, recipient: c.id, dedupeKey: key, dueAt: now, payload: { period, managerId: asked.managerId, again: true } }], now);
      }
    }
  }

  async function check(personId: string, period: string): Promise<PulseAnswerable & { managerId?: string }> {
    if (!isPeriod(period)) return { state: 'not-asked', period };
    if (deps.enabled === false) return { state: 'closed', period };
    const asked = await claims.sentAbout(personId, period);
    if (!asked) return { state: 'not-asked', period };
    if (!isOpen(period, clock.now())) return { state: 'closed', period };
    if (await repo.hasAnswered(personId, period)) return { state: 'answered', period };
    const manager = await deps.people.get(asked.managerId);
    return { state: 'open', period, managerName: manager?.name || manager?.realName || 'your manager', managerId: asked.managerId };
  }

  /** Plans one person's pulse when it is due for them now; true when a new one was planned. */
  async function planOne(c: Awaited<ReturnType<PulseClaims['candidates']>>[number], now: number, every: number): Promise<boolean> {
    if (c.nudgesPaused || (c.snoozedUntil ?? 0) > now || isAway(c)) return false; // away today: tried again on a later working day
    if (c.teamId && deps.workspaces && !(await deps.workspaces.canSend(c.teamId))) return false;
    const moment = pulseMoment(now, c.tz);
    if (!moment.due || !isPulseMonth(moment.period, every)) return false;
    return (await deps.outbox.plan([periodMessage({ kind: PULSE_KIND, personId: c.id, period: moment.period, dueAt: now, payload: { managerId: c.managerId } })], now)) > 0;
  }

  return {
    /** One pass of the monthly pulse: safe to run as often as the scheduler likes (one nudges row per person and period). */
    async run(now: number = clock.now()): Promise<PulseRunReport> {
      const report: PulseRunReport = { planned: 0 };
      lost.push(...(await pool.keepAlive(now)));
      await releaseClosed(now);
      await askLostAgain(now);
      const every = await deps.settings.everyMonths();
      if (every <= 0 || deps.enabled === false) return report;
      for (const c of await claims.candidates()) if (await planOne(c, now, every)) report.planned += 1;
      if (report.planned > 0) await deps.events?.append({ kind: 'pulse.planned', data: { ...report } }, now);
      return report;
    },

    /** Whether this person may answer this period now (the button checks before opening the modal). */
    async answerable(personId: string, period: string): Promise<PulseAnswerable> {
      const { managerId: _omit, ...rest } = await check(personId, period);
      return rest as PulseAnswerable;
    },

    /**
     * Records an answer: the receipt is written now (it stops a second answer), the answer waits sealed in the
     * shared pool for its batch (pulse-pending-ports.ts). Nothing about it is logged or put in the event log.
     * Deliberately not one unit of work: the receipt and the answer must never share a transaction
     * (docs/postgres.md); the receipt claim is one conditional insert, so two answers at once store one.
     */
    async answer(personId: string, period: string, rating: number, comment: string): Promise<'recorded' | 'duplicate'> {
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new DomainError('pulse_rating', 'Pick a rating from 1 to 5.', 'rating');
      const text = comment.trim();
      // The limit is on what the person writes: the database holds the longer sealed form (migration 0013).
      if (text.length > MAX_COMMENT) throw new DomainError('pulse_comment', `Keep the comment under ${MAX_COMMENT} characters.`, 'comment');
      if (text !== '' && !(await repo.canKeepComments())) {
        throw new DomainError('pulse_comment_needs_key', 'Comments are switched off on this Leadwell until its operator sets LEADWELL_DATA_KEY (comments are stored encrypted). Clear the comment to send your rating.', 'comment');
      }
      const c = await check(personId, period);
      if (c.state === 'answered') return 'duplicate';
      if (c.state === 'closed') throw new DomainError('pulse_closed', 'This pulse has closed; the next one comes next month.');
      if (c.state === 'not-asked' || !c.managerId) throw new DomainError('pulse_not_asked', 'There is no pulse for you to answer for that month.');
      // Counted as running first: a renewal of the pool key can then only come from another instance, below.
      lost.push(...(await pool.keepAlive(clock.now())));
      const receipt = await repo.claimReceipt(personId, period);
      if (!receipt) return 'duplicate';
      if (!(await pool.addPending(period, { receipt, managerId: c.managerId, rating, comment: text }))) {
        // Every instance holding the pool key stopped between the receipt and the answer: the receipt went with the key.
        throw new DomainError('pulse_send_again', 'Leadwell restarted while your answer was on its way and could not keep it. Nothing was saved: please send it again.');
      }
      await pool.releaseIfReady(period, c.managerId, deps.minResponses);
      return 'recorded';
    },

    releaseClosed,
    /** Reads for reports: a closed month's batches are written first (the job may not have run since the close). */
    settledReads(): PulseReads {
      return {
        aggregates: async (period, managerIds) => {
          await releaseClosed();
          return repo.aggregates(period, managerIds);
        },
        comments: async (managerId, period) => {
          await releaseClosed();
          return repo.comments(managerId, period);
        },
      };
    },
    /**
     * Start-up: joins the shared pool. When no running instance holds its key any more (a restart of the only
     * one, or all of them), the answers sealed to it can never be read: their receipts are deleted, so those
     * people may answer again, and the next run asks them again. Returns how many.
     */
    async recoverLostAnswers(): Promise<number> {
      const gone = await pool.join(clock.now());
      lost.push(...gone);
      return gone.length;
    },
    /** The pulse-pool job, every minute: counted as running, and the pool key handed to instances that joined. */
    async keepAlive(now: number = clock.now()): Promise<void> {
      lost.push(...(await pool.keepAlive(now)));
    },
    /** Shutdown: hands the pool key to instances still running, so what waits stays readable. */
    leave: () => pool.leave(clock.now()),
    /** Answers waiting for their batch (a count, never who or what). */
    pending: () => pool.pendingCount(),

    minResponses: deps.minResponses,
    everyMonths: () => deps.settings.everyMonths(),
    async setEveryMonths(months: number): Promise<void> {
      if (![0, 1, 2, 3, 6, 12].includes(months)) throw new DomainError('pulse_every', 'The pulse can run every 1, 2, 3, 6 or 12 months, or `off`.');
      await deps.settings.setEveryMonths(months, clock.now());
    },
    /** The period after the given one in which a pulse goes out. */
    async nextPulsePeriod(fromPeriod: string): Promise<string | undefined> {
      const every = await deps.settings.everyMonths();
      if (every <= 0) return undefined;
      let p = fromPeriod;
      for (let i = 0; i < 13; i += 1, p = shiftPeriod(p, 1)) if (isPulseMonth(p, every)) return p;
      return undefined;
    },
  };
}

export type PulseService = ReturnType<typeof createPulseService>;

/** At send time: the invitation names the manager as Leadwell knows them then; someone who left gets nothing. */
export function pulseKind(o: { gate: PersonGate }): OutboxKind {
  return {
    async prepare(row) {
      const person = await o.gate.people.get(row.recipient);
      if (!person || person.deleted || person.isBot) return { skip: 'person_inactive' };
      if (!(await o.gate.workspaces.canSend(person.teamId))) return { skip: 'workspace_inactive' };
      const period = String(row.payload.period ?? '');
      const manager = await o.gate.people.get(String(row.payload.managerId ?? ''));
      const prompt: PulsePrompt = {
        period,
        managerName: manager?.name || manager?.realName || 'your manager',
        closesAt: closesAt(period),
        ...(row.payload.again === true ? { again: true } : {}),
      };
      return { model: prompt };
    },
  };
}
