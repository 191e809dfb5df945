import { DomainError } from './errors';
import type { PeopleRepository } from './people';
import type { Clock, EventLog, OutboxStore } from './ports';
import { answerDay, closesAt, isOpen, isPeriod, isPulseMonth, MAX_COMMENT, pulseMoment, PULSE_KIND, shiftPeriod } from './pulse';
import type { PulseClaims, PulsePrompt, PulseRepository, PulseSettings } from './pulse-ports';
import { periodMessage, type PersonGate } from './nudge-outbox';
import type { OutboxKind } from './outbox/delivery';
import { isAway } from './nudge-schedule';


export interface PulseServiceDeps {
  repo: PulseRepository;
  claims: PulseClaims;
  settings: PulseSettings;
  people: Pick<PeopleRepository, 'get'>;
  outbox: Pick<OutboxStore, 'plan'>;
  events?: EventLog;
  clock: Clock;
  /** PULSE_MIN_RESPONSES: results below it are never shown. */
  minResponses: number;
  workspaces?: { canSend(teamId: string): boolean };
}

export interface PulseRunReport {
  /** Pulses planned in this run (the outbox sends them, paced by the workspace rate). */
  planned: number;
}

/** What the answer modal needs to know before it opens. */
export type PulseAnswerable = { state: 'open'; period: string; managerName: string } | { state: 'answered' | 'closed' | 'not-asked'; period: string };

export function createPulseService(deps: PulseServiceDeps) {
  const { repo, claims, clock } = deps;
  function check(personId: string, period: string): PulseAnswerable & { managerId?: string } {
    if (!isPeriod(period)) return { state: 'not-asked', period };
    const asked = claims.sentAbout(personId, period);
    if (!asked) return { state: 'not-asked', period };
    if (!isOpen(period, clock.now())) return { state: 'closed', period };
    if (repo.hasAnswered(personId, period)) return { state: 'answered', period };
    const manager = deps.people.get(asked.managerId);
    return { state: 'open', period, managerName: manager?.name || manager?.realName || 'your manager', managerId: asked.managerId };
  }

  /** Plans one person's pulse when it is due for them now; true when a new one was planned. */
  function planOne(c: ReturnType<PulseClaims['candidates']>[number], now: number, every: number): boolean {
    if (c.nudgesPaused || (c.snoozedUntil ?? 0) > now || isAway(c)) return false; // away today: tried again on a later working day
    if (c.teamId && deps.workspaces && !deps.workspaces.canSend(c.teamId)) return false;
    const moment = pulseMoment(now, c.tz);
    if (!moment.due || !isPulseMonth(moment.period, every)) return false;
    return deps.outbox.plan([periodMessage({ kind: PULSE_KIND, personId: c.id, period: moment.period, dueAt: now, payload: { managerId: c.managerId } })], now) > 0;
  }

  return {
    /** One pass of the monthly pulse: safe to run as often as the scheduler likes (one nudges row per person and period). */
    run(now: number = clock.now()): PulseRunReport {
      const report: PulseRunReport = { planned: 0 };
      const every = deps.settings.everyMonths();
      if (every <= 0) return report;
      for (const c of claims.candidates()) if (planOne(c, now, every)) report.planned += 1;
      if (report.planned > 0) deps.events?.append({ kind: 'pulse.planned', data: { ...report } }, now);
      return report;
    },

    /** Whether this person may answer this period now (the button checks before opening the modal). */
    answerable(personId: string, period: string): PulseAnswerable {
      const { managerId: _omit, ...rest } = check(personId, period);
      return rest as PulseAnswerable;
    },

    /**
     * Records an answer. Nothing about it is logged or put in the event log: the answer, the time and the
     * person must never meet anywhere but in the one-way receipt hash.
     */
    answer(personId: string, period: string, rating: number, comment: string): 'recorded' | 'duplicate' {
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new DomainError('pulse_rating', 'Pick a rating from 1 to 5.', 'rating');
      const text = comment.trim();
      if (text.length > MAX_COMMENT) throw new DomainError('pulse_comment', `Keep the comment under ${MAX_COMMENT} characters.`, 'comment');
      const c = check(personId, period);
      if (c.state === 'answered') return 'duplicate';
      if (c.state === 'closed') throw new DomainError('pulse_closed', 'This pulse has closed; the next one comes next month.');
      if (c.state === 'not-asked' || !c.managerId) throw new DomainError('pulse_not_asked', 'There is no pulse for you to answer for that month.');
      return repo.record({ personId, period, managerId: c.managerId, rating, comment: text, day: answerDay(clock.now()) });
    },

    minResponses: deps.minResponses,
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

/** At send time: the invitation names the manager as Leadwell knows them then; someone who left gets nothing. */
export function pulseKind(o: { gate: PersonGate }): OutboxKind {
  return {
    prepare(row) {
      const person = o.gate.people.get(row.recipient);
      if (!person || person.deleted || person.isBot) return { skip: 'person_inactive' };
      if (!o.gate.workspaces.canSend(person.teamId)) return { skip: 'workspace_inactive' };
      const period = String(row.payload.period ?? '');
      const manager = o.gate.people.get(String(row.payload.managerId ?? ''));
      const prompt: PulsePrompt = { period, managerName: manager?.name || manager?.realName || 'your manager', closesAt: closesAt(period) };
      return { model: prompt };
    },
  };
}
