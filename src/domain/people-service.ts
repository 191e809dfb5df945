import type { Clock, Level } from './ports';
import { levelOf, type PeopleRepository, type Person, type SlackDirectory, type SlackProfile } from './people';

const PROFILE_TTL_MS = 24 * 60 * 60 * 1000;
const DIRECTORY_TTL_MS = 10 * 60 * 1000;

export interface PeopleService {
  /** The person, fetched from Slack when unknown or stale; undefined when Slack does not know them. */
  ensure(id: string): Promise<Person | undefined>;
  /** ensure() for a caller that has just read the person's row (`known`: the row, or undefined when none), without reading it again. */
  ensureRead(id: string, known: Person | undefined): Promise<Person | undefined>;
  get(id: string): Promise<Person | undefined>;
  /** user_change: keep names, time zones, status and deactivation fresh. */
  applyProfile(profile: SlackProfile): Promise<Person>;
  /** Names typed without a mention (`@alice`, `Alice Smith`), resolved through the user list. */
  findByName(name: string): Promise<Person[]>;
  level(id: string): Promise<{ level: Level; source: 'inferred' | 'self' | 'admin' }>;
  reportsOf(managerId: string): Promise<Person[]>;
  repository: PeopleRepository;
}

export function createPeopleService(deps: { people: PeopleRepository; directory: SlackDirectory; clock: Clock }): PeopleService {
  const { people, directory, clock } = deps;
  let directoryLoadedAt = -Infinity;

  async function ensureRead(id: string, known: Person | undefined): Promise<Person | undefined> {
    if (known && clock.now() - known.updatedAt < PROFILE_TTL_MS) return known;
    const profile = await directory.getUser(id);
    if (!profile) return known?.deleted ? known : undefined;
    return people.upsertProfile(profile, clock.now());
  }
  const ensure = async (id: string) => ensureRead(id, await people.get(id));

  async function findByName(raw: string): Promise<Person[]> {
    const name = raw.replace(/^@/, '').trim();
    if (!name) return [];
    const local = await people.findByName(name);
    if (local.length > 0 || clock.now() - directoryLoadedAt < DIRECTORY_TTL_MS) return local;
    const all = await directory.listUsers();
    const at = clock.now();
    for (const profile of all) await people.upsertProfile(profile, at);
    directoryLoadedAt = at;
    return people.findByName(name);
  }

  return {
    ensure,
    ensureRead,
    get: (id) => people.get(id),
    applyProfile: (profile) => people.upsertProfile(profile, clock.now()),
    findByName,
    level: async (id) => {
      const person = await people.get(id);
      return levelOf(person ?? {}, await people.subtreeDepth(id));
    },
    reportsOf: (managerId) => people.reportsOf(managerId),
    repository: people,
  };
}

/**
 * People one request has already read, by id, handed down so the request reads each row once. Built per request
 * from rows it has just read and dropped with it: never kept between requests, never shared between viewers.
 */
export type KnownPeople = ReadonlyMap<string, Person>;

export function knownPeople(...people: ReadonlyArray<Person | undefined>): KnownPeople {
  return new Map(people.filter((p): p is Person => p !== undefined).map((p) => [p.id, p]));
}

/** The person: this request's row when it has one, otherwise one read. */
export async function personOf(people: PeopleService, id: string, known?: KnownPeople): Promise<Person | undefined> {
  return known?.get(id) ?? people.get(id);
}

/** Those of `ids` who exist, by id: this request's rows, and the others in one read. */
export async function peopleOf(people: PeopleService, ids: Iterable<string>, known?: KnownPeople): Promise<Map<string, Person>> {
  const out = new Map<string, Person>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const p = known?.get(id);
    if (p) out.set(id, p);
    else missing.push(id);
  }
  if (missing.length > 0) for (const p of await people.repository.getMany(missing)) out.set(p.id, p);
  return out;
}
