import type { Clock, Level } from './ports';
import { levelOf, type PeopleRepository, type Person, type SlackDirectory, type SlackProfile } from './people';

const PROFILE_TTL_MS = 24 * 60 * 60 * 1000;
const DIRECTORY_TTL_MS = 10 * 60 * 1000;

export interface PeopleService {
  /** The person, fetched from Slack when unknown or stale; undefined when Slack does not know them. */
  ensure(id: string): Promise<Person | undefined>;
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

  async function ensure(id: string): Promise<Person | undefined> {
    const known = await people.get(id);
    if (known && clock.now() - known.updatedAt < PROFILE_TTL_MS) return known;
    const profile = await directory.getUser(id);
    if (!profile) return known?.deleted ? known : undefined;
    return people.upsertProfile(profile, clock.now());
  }

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
