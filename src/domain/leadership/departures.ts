import { DomainError } from '../errors';
import { levelOf, type PeopleRepository, type Person } from '../people';
import type { Clock, EventLog, Level } from '../ports';
import type { Departure, DepartureRepository, DepartureRole, DepartureSource } from './ports';
import { TURNOVER_DAYS } from './turnover';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DepartureServiceDeps {
  departures: DepartureRepository;
  people: PeopleRepository;
  events: EventLog;
  clock: Clock;
  isAdmin(personId: string): boolean;
}

export interface DepartureService {
  /** Records that a person left, with their manager, the chain above and their role as they are now. */
  recordLeaving(personId: string, leftAt: number, source: DepartureSource): Promise<boolean>;
  /**
   * Wraps a people repository so every profile write notices a deactivation (user_change with deleted: true,
   * users.info, an import) and a reactivation, whichever path brought it. The departure is recorded before the
   * write, while the org chart still shows the person as active.
   */
  watching(people: PeopleRepository): PeopleRepository;
  /** The last 12 months' departures, names included: admins only. */
  list(adminId: string): Promise<Departure[]>;
  mark(adminId: string, departureId: number, regretted: boolean | null): Promise<Departure>;
}

async function chainAbove(people: PeopleRepository, person: Person): Promise<string[]> {
  const chain: string[] = [];
  let at = person.managerId;
  while (at && !chain.includes(at) && at !== person.id && chain.length < 50) {
    chain.push(at);
    at = (await people.get(at))?.managerId;
  }
  return chain;
}

async function levelNow(people: PeopleRepository, person: Person): Promise<Level> {
  return levelOf(person, await people.subtreeDepth(person.id)).level;
}

export function createDepartureService(deps: DepartureServiceDeps): DepartureService {
  const { departures, people, events, clock } = deps;

  async function recordLeaving(personId: string, leftAt: number, source: DepartureSource): Promise<boolean> {
    const person = await people.get(personId);
    if (!person || person.isBot) return false;
    const manager = person.managerId ? await people.get(person.managerId) : undefined;
    const role: DepartureRole = (await people.reportsOf(person.id)).length > 0 ? await levelNow(people, person) : 'individual';
    const managerChain = await chainAbove(people, person);
    const managerLevel = manager ? await levelNow(people, manager) : undefined;
    const written = await departures.record({ personId, leftAt, managerId: manager?.id, managerChain, role, managerLevel, source }, clock.now());
    if (written) await events.append({ kind: 'departure.recorded', subjectId: personId, data: { source, role } }, clock.now());
    return written;
  }

  function adminOnly(adminId: string): void {
    if (!deps.isAdmin(adminId)) throw new DomainError('not_admin', 'Departures are private to Leadwell admins.');
  }

  return {
    recordLeaving,
    watching(repo) {
      return {
        ...repo,
        async upsertProfile(profile, at) {
          const before = await repo.get(profile.id);
          if (before && !before.deleted && profile.deleted) await recordLeaving(profile.id, at, 'slack');
          if (before?.deleted && !profile.deleted) await departures.rejoined(profile.id, at);
          return repo.upsertProfile(profile, at);
        },
      };
    },
    async list(adminId) {
      adminOnly(adminId);
      return departures.since(clock.now() - TURNOVER_DAYS * DAY_MS);
    },
    async mark(adminId, departureId, regretted) {
      adminOnly(adminId);
      const d = await departures.get(departureId);
      if (!d) throw new DomainError('departure_unknown', 'That departure is no longer on record.');
      await departures.markRegretted(departureId, regretted, adminId, clock.now());
      // Audit who marked, never the judgement itself: the log is wider-read than the admins' list.
      await events.append({ kind: 'departure.marked', actorId: adminId, refId: departureId }, clock.now());
      return (await departures.get(departureId)) ?? d;
    },
  };
}
