import type { Clock, EventLog, UnitOfWork } from '../ports';
import { displayName, type PeopleRepository, type Person } from '../people';
import type { PeopleService } from '../people-service';
import { DomainError } from '../errors';
import type {
  DecisionRefusal, DecisionResult, LineVia, ReportingLineNews, ReportingLineNotifier, ReportingLineRequest, ReportingLineRequests, ReportingLineResult,
} from './reporting-line';
import { activeManagerOf, askRefusal, ASKS_PER_DAY, checkLine, mayDecide, REFUSALS, TOO_MANY_ASKS } from './reporting-line-rules';

export const REQUEST_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface LineRequestInput {
  /** Who asks: the proposed manager themselves, or an admin. */
  requesterId: string;
  personId: string;
  managerId: string;
  via: LineVia;
}

export interface ReportingLineService {
  /**
   * The one way a person gets a (new) manager from Slack: changes at once only for an admin; otherwise stores a
   * request and asks the manager on record and the person (or, with no manager on record, the person) to confirm.
   */
  requestReportingLine(input: LineRequestInput): Promise<ReportingLineResult>;
  /** Refusals an ask would meet, without writing or asking anything (to answer a form on its field). */
  check(managerId: string, personId: string): Promise<Extract<ReportingLineResult, { outcome: 'refused' }> | undefined>;
  /** Of these people, those a non-admin could not ask for today without passing the daily limit (to refuse a form up front). */
  beyondDailyLimit(requesterId: string, personIds: readonly string[]): Promise<Array<Extract<ReportingLineResult, { outcome: 'refused' }>>>;
  /** A Confirm / Not me click. Refusals carry a friendly message; nothing changes for them. */
  decide(requestId: string, actorId: string, answer: 'confirm' | 'decline'): Promise<DecisionResult>;
  /** The manager on record takes someone off their team; the person is told. */
  removeReport(managerId: string, reportId: string): Promise<Person>;
  /** Marks requests whose time is up as expired (audited). Returns how many. */
  expireDue(now: number): Promise<number>;
}

/** A reporting-line decision and the line change and audit it brings, together or not at all. */
export type ReportingLineWork = UnitOfWork<{ people: PeopleRepository; requests: ReportingLineRequests; events: EventLog }>;

export interface ReportingLineDeps {
  people: PeopleService;
  requests: ReportingLineRequests;
  uow: ReportingLineWork;
  notifier: ReportingLineNotifier;
  clock: Clock;
  isAdmin: (personId: string) => boolean;
  ttlMs?: number;
}

type Audit = (kind: string, actorId: string | undefined, subjectId: string, data: Record<string, unknown>) => Promise<void>;

export function createReportingLineService(deps: ReportingLineDeps): ReportingLineService {
  const { people, requests, notifier, clock, uow } = deps;
  const repo = people.repository;
  const auditTo = (events: EventLog): Audit => (kind, actorId, subjectId, data) => events.append({ kind, actorId, subjectId, data }, clock.now());
  const tellAll = async (ids: Array<string | undefined>, news: ReportingLineNews, except?: string) => {
    for (const id of new Set(ids)) if (id && id !== except) await notifier.tell(id, news);
  };

  async function changeNow(input: LineRequestInput, person: Person): Promise<ReportingLineResult> {
    const from = person.managerId;
    await uow.run(async ({ people: repo, events }) => {
      await repo.setManager(person.id, input.managerId, clock.now());
      await auditTo(events)('org.manager_set', input.requesterId, person.id, { from: from ?? null, to: input.managerId, via: input.via, admin: true });
    });
    const news: ReportingLineNews = { kind: 'changed', personId: person.id, fromManagerId: from, toManagerId: input.managerId, decidedBy: input.requesterId };
    await tellAll([from, person.id, input.managerId], news, input.requesterId);
    return { outcome: 'changed', personId: person.id, fromManagerId: from };
  }

  /**
   * In one transaction: the badgering check (daily limit, a recent no), replacing a stale request and storing the
   * new one, so two asks at once cannot both pass the limit. Returns the refusal, or the request to ask about.
   */
  function openRequest(input: LineRequestInput, person: Person) {
    const now = clock.now();
    return uow.run(async ({ requests, events }) => {
      const audit = auditTo(events);
      const badgering = await askRefusal(requests, now, input.requesterId, input.personId, input.managerId);
      if (badgering) {
        await audit('org.line_request_refused', input.requesterId, input.personId, { to: input.managerId, via: input.via, reason: badgering === TOO_MANY_ASKS ? 'daily_limit' : 'declined_lately' });
        return { refused: badgering };
      }
      // A repeat ask after the manager on record changed: the waiting request can no longer be confirmed and its
      // DMs went to the wrong manager, so it is replaced rather than reported as "asked" again.
      const stale = await requests.pending(person.id, input.managerId);
      if (stale && stale.fromManagerId !== (person.managerId ?? undefined) && (await requests.settle(stale.id, 'cancelled', undefined, now))) {
        await audit('org.line_request_cancelled', input.requesterId, person.id, { requestId: stale.id, reason: 'org_chart_changed' });
      }
      const opened = await requests.open({
        personId: person.id, fromManagerId: person.managerId, toManagerId: input.managerId, requestedBy: input.requesterId, via: input.via,
        createdAt: now, expiresAt: now + (deps.ttlMs ?? REQUEST_TTL_MS),
      });
      if (opened.created) {
        await audit('org.line_requested', input.requesterId, person.id, { requestId: opened.request.id, from: person.managerId ?? null, to: input.managerId, via: input.via });
      }
      return opened;
    });
  }

  async function ask(input: LineRequestInput, person: Person): Promise<ReportingLineResult> {
    const current = await activeManagerOf(repo, person);
    const opened = await openRequest(input, person);
    if ('refused' in opened) return { outcome: 'refused', personId: input.personId, name: displayName(person), reason: opened.refused };
    const { request, created } = opened;
    const askedIds = current ? [current.id, person.id] : [person.id];
    if (created) for (const id of askedIds) await notifier.askToConfirm(id, request);
    return { outcome: 'requested', personId: person.id, requestId: request.id, askedIds, created };
  }

  async function requestReportingLine(input: LineRequestInput): Promise<ReportingLineResult> {
    const admin = deps.isAdmin(input.requesterId);
    if (input.requesterId !== input.managerId && !admin) {
      throw new DomainError('line_not_yours', 'You can ask for people to join your own team only.');
    }
    await people.ensure(input.managerId);
    const checked = await checkLine(people, input.managerId, input.personId);
    if ('refused' in checked) return checked.refused;
    if ('already' in checked) return { outcome: 'already', personId: input.personId };
    if (admin) return changeNow(input, checked.person);
    return ask(input, checked.person);
  }

  async function beyondDailyLimit(requesterId: string, personIds: readonly string[]) {
    if (deps.isAdmin(requesterId)) return [];
    const fresh: string[] = [];
    for (const id of new Set(personIds)) {
      if ((await repo.get(id))?.managerId !== requesterId && !(await requests.pending(id, requesterId))) fresh.push(id);
    }
    const left = Math.max(0, ASKS_PER_DAY - (await requests.countRequestedBy(requesterId, clock.now() - 24 * 60 * 60 * 1000)));
    const refused: Array<Extract<ReportingLineResult, { outcome: 'refused' }>> = [];
    for (const id of fresh.slice(left)) {
      const p = await repo.get(id);
      refused.push({ outcome: 'refused' as const, personId: id, name: p ? displayName(p) : id, reason: TOO_MANY_ASKS });
    }
    return refused;
  }

  function settleExpired(request: ReportingLineRequest): Promise<void> {
    return uow.run(async ({ requests, events }) => {
      if (await requests.settle(request.id, 'expired', undefined, clock.now())) {
        await auditTo(events)('org.line_request_expired', undefined, request.personId, { requestId: request.id, to: request.toManagerId });
      }
    });
  }

  /** In one transaction: still pending, still the same manager on record, no loop → the line changes. */
  function confirmNow(request: ReportingLineRequest, actorId: string): Promise<DecisionRefusal | undefined> {
    return uow.run(async ({ people: repo, requests, events }) => {
      const audit = auditTo(events);
      const person = await repo.get(request.personId);
      const to = await repo.get(request.toManagerId);
      const stale = !person || !to || person.deleted || to.deleted || (person.managerId ?? undefined) !== request.fromManagerId || (await repo.wouldCycle(request.personId, request.toManagerId));
      if (stale) {
        if (await requests.settle(request.id, 'cancelled', actorId, clock.now())) await audit('org.line_request_cancelled', actorId, request.personId, { requestId: request.id, reason: 'org_chart_changed' });
        return 'outdated';
      }
      if (!(await requests.settle(request.id, 'confirmed', actorId, clock.now()))) return 'already_decided';
      await repo.setManager(request.personId, request.toManagerId, clock.now());
      await audit('org.manager_set', actorId, request.personId, { from: request.fromManagerId ?? null, to: request.toManagerId, via: request.via, requestId: request.id, confirmedBy: actorId });
      return undefined;
    });
  }

  /** The no and its audit event together; false when the request was no longer pending. */
  function declineNow(request: ReportingLineRequest, actorId: string): Promise<boolean> {
    return uow.run(async ({ requests, events }) => {
      if (!(await requests.settle(request.id, 'declined', actorId, clock.now()))) return false;
      await auditTo(events)('org.line_request_declined', actorId, request.personId, { requestId: request.id, to: request.toManagerId });
      return true;
    });
  }

  async function decide(requestId: string, actorId: string, answer: 'confirm' | 'decline'): Promise<DecisionResult> {
    const refuse = (code: DecisionRefusal): DecisionResult => ({ outcome: 'refused', code, message: REFUSALS[code] });
    const request = await requests.get(requestId);
    if (!request) return refuse('unknown');
    if (!(await mayDecide(repo, request, actorId, deps.isAdmin))) return refuse('not_yours');
    if (request.status !== 'pending') return refuse('already_decided');
    if (clock.now() >= request.expiresAt) {
      await settleExpired(request);
      return refuse('expired');
    }
    if (answer === 'decline') {
      if (!(await declineNow(request, actorId))) return refuse('already_decided');
      await tellAll([request.requestedBy], { kind: 'declined', personId: request.personId, toManagerId: request.toManagerId, decidedBy: actorId }, actorId);
      return { outcome: 'declined', request };
    }
    const refusal = await confirmNow(request, actorId);
    if (refusal) return refuse(refusal);
    const news: ReportingLineNews = { kind: 'changed', personId: request.personId, fromManagerId: request.fromManagerId, toManagerId: request.toManagerId, decidedBy: actorId };
    await tellAll([request.fromManagerId, request.personId, request.toManagerId, request.requestedBy], news, actorId);
    return { outcome: 'confirmed', request };
  }

  return {
    requestReportingLine,
    async check(managerId, personId) {
      const checked = await checkLine(people, managerId, personId);
      if ('refused' in checked) return checked.refused;
      if (!('person' in checked) || deps.isAdmin(managerId)) return undefined;
      const declined = await askRefusal(requests, clock.now(), managerId, personId, managerId);
      // The daily limit is for the whole form (beyondDailyLimit); here only "they said no lately".
      return declined && declined !== TOO_MANY_ASKS ? { outcome: 'refused', personId, name: displayName(checked.person), reason: declined } : undefined;
    },
    beyondDailyLimit,
    decide,
    async removeReport(managerId, reportId) {
      // Checked where the line is cleared: a confirm landing in between cannot be undone by a stale "remove".
      const person = await uow.run(async ({ people: repo, events }) => {
        const current = await repo.get(reportId);
        if (!current || current.managerId !== managerId) return undefined;
        await repo.setManager(reportId, null, clock.now());
        await auditTo(events)('org.manager_set', managerId, reportId, { from: managerId, to: null, via: 'app_home' });
        return current;
      });
      if (!person) throw new DomainError('not_your_report', 'That person is not on your team any more, so there is nothing to remove.');
      await notifier.tell(reportId, { kind: 'removed', personId: reportId, fromManagerId: managerId });
      return person;
    },
    async expireDue(now) {
      const due = await requests.due(now, 500);
      for (const request of due) await settleExpired(request);
      return due.length;
    },
  };
}
