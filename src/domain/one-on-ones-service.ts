import type { Claims, Clock, EventLog, GuidanceSource, Level, UnitOfWork } from './ports';
import { DomainError } from './errors';
import type { PeopleRepository, Person } from './people';
import { peopleOf, personOf, type KnownPeople, type PeopleService } from './people-service';
import type { ActionItem, OneOnOneHistoryEntry, OneOnOneRepository, PartnerSearch } from './one-on-ones';
import { addDays, localNoon, localToday } from './cadence';
import { buildPrepCard, buildTeam, type GoalsReader, type PrepCard, type PrepDeps, type PrepOptions, type TeamRow } from './prep-card';
import { askInOrder } from './prep';
import type { ChosenSituation } from './situations';
import { logInputSchema, validateLog, type LogFieldErrors, type LogInput, type ValidLog } from './one-on-ones-log';
import { resolvePartner, type TargetText } from './one-on-ones-target';

export const HISTORY_SIZE = 5;
const MODAL_OPEN_ITEMS = 50;
/** A second agenda within this window is a double click, not a new agenda. */
const AGENDA_REPEAT_MS = 5 * 60 * 1000;
/**
 * How long a claimed send may take before another click may try: a request waits at most a few seconds for its DM
 * (the outbox sends the rest), so a minute only ever runs out when the instance that claimed it died mid-send.
 */
export const AGENDA_CLAIM_MS = 60 * 1000;

export interface LogContext {
  manager: Person;
  report: Person;
  today: string;
  openItems: ActionItem[];
}

/** `unconfirmed`: nobody is on record; the caller asks the report to confirm (reporting-lines), nothing is set here. */
export type Relationship = 'already-yours' | 'unconfirmed' | 'other-manager' | 'would-cycle';

export interface LogResult {
  oneOnOneId: number;
  /** False when this exact submission was already stored (double submit, Slack retry). */
  created: boolean;
  managerId: string;
  reportId: string;
  heldOn: string;
  nextDueOn: string;
  items: Array<{ ownerId: string; text: string }>;
  completed: ActionItem[];
  energy?: number;
  relationship: Relationship;
  otherManagerId?: string;
  sendSummary: boolean;
}

/** The right to send one agenda, held in the database until sent, given back, or `until`. */
export interface AgendaClaim {
  managerId: string;
  reportId: string;
  until: number;
}

export interface Agenda {
  managerId: string;
  reportId: string;
  questions: string[];
  openItems: ActionItem[];
}

export interface OneOnOneService {
  /** `known`: rows this request has read already (manager()), so a mentioned person is not read again. */
  resolvePartner(managerId: string, teamId: string, target: TargetText, known?: KnownPeople): Promise<Person>;
  /**
   * The manager as a Person, fetched when unknown. `mentioned`: the person the command names, whose row is read in
   * the same statement and handed back in `known` for resolvePartner (on PostgreSQL a read is a round trip).
   */
  manager(managerId: string, mentioned?: string): Promise<{ manager: Person; known: KnownPeople }>;
  /** `known`: the manager's and report's rows when this request has just read them (so they are not read again). */
  prep(managerId: string, reportId: string, options?: PrepOptions, known?: KnownPeople): Promise<PrepCard>;
  /**
   * The card redrawn after an action on it: the same guidance items (less any whose moment has passed), the
   * situation the manager chose, current cadence and open items.
   */
  redraw(managerId: string, reportId: string, shown: { itemIds: readonly string[]; chosen?: ChosenSituation }): Promise<PrepCard>;
  team(managerId: string): Promise<TeamRow[]>;
  logContext(managerId: string, reportId: string): Promise<LogContext>;
  submitLog(managerId: string, raw: unknown, key: string): Promise<{ ok: false; errors: LogFieldErrors } | { ok: true; result: LogResult }>;
  markSummarySent(oneOnOneId: number): Promise<void>;
  history(viewerId: string, reportId: string): Promise<OneOnOneHistoryEntry[]>;
  agenda(managerId: string, reportId: string, itemIds: readonly string[]): Promise<Agenda>;
  /**
   * Claims the right to send an agenda now, for every instance at once: undefined when one went out in the last
   * few minutes or is on its way (a double click, wherever it landed). Call `agendaSent` after delivery,
   * `agendaAbandoned` after a failure so the manager can try again.
   */
  claimAgenda(managerId: string, reportId: string): Promise<AgendaClaim | undefined>;
  agendaSent(claim: AgendaClaim, questions: number): Promise<void>;
  agendaAbandoned(claim: AgendaClaim): Promise<void>;
  setLevel(managerId: string, level: Level): Promise<void>;
}

/** What logging a 1:1 writes in one transaction: the 1:1, its items, items ticked done, the manager's activity and the event. */
export type OneOnOneLogWork = UnitOfWork<{ oneOnOnes: OneOnOneRepository; people: PeopleRepository; events: EventLog }>;

export interface OneOnOneServiceDeps {
  oneOnOnes: OneOnOneRepository;
  uow: OneOnOneLogWork;
  people: PeopleService;
  guidance: GuidanceSource;
  events: EventLog;
  /** The double-click guard: in the database, so two clicks on two instances still send one agenda. */
  claims: Claims;
  clock: Clock;
  goals?: GoalsReader;
  /** First-name matching for typed names; exact display/real names work without it. */
  names?: PartnerSearch;
  leadership?: PrepDeps['leadership'];
}

export function createOneOnOneService(deps: OneOnOneServiceDeps): OneOnOneService {
  const { oneOnOnes, people, clock } = deps;
  const agendaKey = (c: { managerId: string; reportId: string }) => `agenda:${c.managerId}:${c.reportId}`;

  const unknownPerson = () => new DomainError('oneonone_unknown_person', "I don't know that person any more. Mention them again with `/oneonone @name`.");
  async function known(id: string, rows?: KnownPeople): Promise<Person> {
    const p = await personOf(people, id, rows);
    if (!p) throw unknownPerson();
    return p;
  }

  /** The manager and the report: this request's rows, the others in one read (a card from a button or a nudge). */
  async function pairOf(managerId: string, reportId: string, rows?: KnownPeople): Promise<[Person, Person]> {
    const found = await peopleOf(people, [managerId, reportId], rows);
    const [manager, report] = [found.get(managerId), found.get(reportId)];
    if (!manager || !report) throw unknownPerson();
    return [manager, report];
  }

  /** Where the report stands in the org chart; a 1:1 never sets a manager by itself (issue 15: confirmation first). */
  async function relate(repo: PeopleRepository, managerId: string, report: Person): Promise<{ relationship: Relationship; otherManagerId?: string }> {
    const current = (await repo.get(report.id))?.managerId;
    if (current === managerId) return { relationship: 'already-yours' };
    if (current) return { relationship: 'other-manager', otherManagerId: current };
    if (await repo.wouldCycle(report.id, managerId)) return { relationship: 'would-cycle' };
    return { relationship: 'unconfirmed' };
  }

  /** One transaction: the 1:1, its items, items ticked done and the audit event. */
  function store(manager: Person, report: Person, log: ValidLog, key: string): Promise<LogResult> {
    const at = clock.now();
    const managerId = manager.id;
    return deps.uow.run(async ({ oneOnOnes, people: repo, events }): Promise<LogResult> => {
      const { id, created } = await oneOnOnes.insert({
        managerId,
        reportId: report.id,
        heldOn: log.heldOn,
        heldAt: localNoon(log.heldOn, manager.tz),
        notes: log.notes,
        energy: log.energy,
        careerTalk: log.careerTalk,
        situation: log.situation,
        idempotencyKey: key,
        createdAt: at,
      });
      // A repeated submission changes nothing: same id, no items, no event, no second summary.
      const completed = created ? (await oneOnOnes.openItems(managerId, report.id, MODAL_OPEN_ITEMS)).filter((i) => log.doneItemIds.includes(i.id)) : [];
      let rel: { relationship: Relationship; otherManagerId?: string } = { relationship: 'already-yours' };
      if (created) {
        await oneOnOnes.completeItems(managerId, report.id, completed.map((i) => i.id), at);
        await oneOnOnes.addItems(id, managerId, report.id, log.items, at);
        rel = await relate(repo, managerId, report);
        await repo.noteManaging(managerId, at);
        const data = { items: log.items.length, completed: completed.length };
        await events.append({ kind: 'one_on_one.logged', actorId: managerId, subjectId: report.id, refId: id, data }, at);
      }
      const lastHeldOn = (await oneOnOnes.pairStats(managerId, report.id)).lastHeldOn ?? log.heldOn;
      return {
        oneOnOneId: id,
        created,
        managerId,
        reportId: report.id,
        heldOn: log.heldOn,
        nextDueOn: addDays(lastHeldOn, manager.cadenceDays),
        items: created ? log.items : [],
        completed,
        energy: log.energy,
        ...rel,
        sendSummary: log.sendSummary,
      };
    });
  }

  async function submitLog(managerId: string, raw: unknown, key: string) {
    const parsed = logInputSchema.safeParse(raw);
    if (!parsed.success) throw new DomainError('oneonone_bad_log', 'That log could not be read. Please open it again with `/oneonone log @name`.');
    const input: LogInput = parsed.data;
    const manager = await known(managerId);
    const report = await known(input.reportId);
    if (report.id === managerId || report.isBot) {
      throw new DomainError('oneonone_bad_partner', 'A 1:1 is logged with a person other than yourself. Run `/oneonone log @name` again.');
    }
    const today = localToday(clock.now(), manager.tz);
    const checked = validateLog(input, { today, managerId, reportId: report.id });
    if (!checked.ok) return { ok: false as const, errors: checked.errors };
    return { ok: true as const, result: await store(manager, report, checked.log, key) };
  }

  return {
    resolvePartner: (managerId, teamId, target, known) => resolvePartner(people, managerId, teamId, target, deps.names, known),
    async manager(managerId, mentioned) {
      const rows = await peopleOf(people, mentioned ? [managerId, mentioned] : [managerId]);
      const m = await people.ensureRead(managerId, rows.get(managerId));
      if (!m) throw new DomainError('oneonone_no_manager', "I couldn't look you up in Slack just now. Please try again in a moment.");
      return { manager: m, known: new Map(rows).set(managerId, m) };
    },
    prep: async (managerId, reportId, options = {}, rows) => {
      const [manager, report] = await pairOf(managerId, reportId, rows);
      return buildPrepCard(deps, manager, report, options);
    },
    redraw: async (managerId, reportId, shown) => {
      const [manager, report] = await pairOf(managerId, reportId);
      return buildPrepCard(deps, manager, report, { keep: shown.itemIds, chosen: shown.chosen });
    },
    team: async (managerId) => buildTeam(deps, await known(managerId)),
    async logContext(managerId, reportId) {
      const manager = await known(managerId);
      return {
        manager,
        report: await known(reportId),
        today: localToday(clock.now(), manager.tz),
        openItems: await oneOnOnes.openItems(managerId, reportId, MODAL_OPEN_ITEMS),
      };
    },
    submitLog,
    markSummarySent: (id) => oneOnOnes.markSummarySent(id),
    async history(viewerId, reportId) {
      await known(reportId);
      // Only 1:1s the viewer held: a new manager never sees a previous manager's history (dates, energy, items).
      return oneOnOnes.history(reportId, viewerId, HISTORY_SIZE);
    },
    async agenda(managerId, reportId, itemIds) {
      const questions: string[] = [];
      const report = await known(reportId);
      for (const id of itemIds) {
        const g = deps.guidance.byId(id, { name: report.realName.split(/\s+/)[0] || report.name });
        // Only questions for the report: never reflect, say or hr_check, which are the manager's.
        for (const q of g ? askInOrder(g) : []) {
          if (!questions.includes(q) && questions.length < 5) questions.push(q);
        }
      }
      return { managerId, reportId, questions, openItems: await oneOnOnes.openItems(managerId, reportId, 20) };
    },
    async claimAgenda(managerId, reportId) {
      const now = clock.now();
      const claim: AgendaClaim = { managerId, reportId, until: now + AGENDA_CLAIM_MS };
      if (!(await deps.claims.take(agendaKey(claim), claim.until, now))) return undefined;
      // Held while the last send is read: a second click arriving meanwhile, on any instance, finds the claim.
      const last = await oneOnOnes.lastAgendaSentAt(managerId, reportId);
      if (last !== undefined && now - last < AGENDA_REPEAT_MS) {
        await deps.claims.release(agendaKey(claim), claim.until);
        return undefined;
      }
      return claim;
    },
    async agendaSent(claim, questions) {
      // The event first: from then on it answers "sent a moment ago", so the claim can go.
      await deps.events.append({ kind: 'one_on_one.agenda_sent', actorId: claim.managerId, subjectId: claim.reportId, data: { questions } }, clock.now());
      await deps.claims.release(agendaKey(claim), claim.until);
    },
    agendaAbandoned: (claim) => deps.claims.release(agendaKey(claim), claim.until),
    async setLevel(managerId, level) {
      const current = await people.level(managerId);
      if (current.source === 'admin') {
        throw new DomainError('oneonone_level_admin', 'Your level was set by a Leadwell admin, so only they can change it.');
      }
      await people.repository.updateSettings(managerId, { levelOverride: level, levelSource: 'self' }, clock.now());
    },
  };
}
