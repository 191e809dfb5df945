import { DomainError } from './errors';
import { levelOf, type PeopleRepository, type Person } from './people';
import { LEVELS, type Clock, type EventLog, type Level } from './ports';

export type LevelSource = 'inferred' | 'self' | 'admin';

export interface LevelInfo {
  level: Level;
  source: LevelSource;
  /** What the org chart alone says, so an override can be compared with it. */
  inferred: Level;
}

/** A level word as people type it: "mid", "midlevel", "Mid-Level", "exec" all count. */
export function parseLevel(raw: string): Level | 'auto' | undefined {
  const word = raw.trim().toLowerCase().replace(/[\s_]+/g, '-');
  if (['auto', 'automatic', 'inferred', 'reset', 'default'].includes(word)) return 'auto';
  if ((LEVELS as readonly string[]).includes(word)) return word as Level;
  if (['mid', 'midlevel', 'middle', 'manager-of-managers'].includes(word)) return 'mid-level';
  if (['exec', 'executive', 'leader', 'senior-leader'].includes(word)) return 'executive';
  if (['front-line', 'first-line', 'line'].includes(word)) return 'frontline';
  return undefined;
}

export const LEVEL_LABELS: Record<Level, string> = {
  frontline: 'Frontline manager',
  'mid-level': 'Mid-level manager (manager of managers)',
  executive: 'Executive',
};

export const SOURCE_LABELS: Record<LevelSource, string> = {
  inferred: 'inferred from the org chart',
  self: 'set by you',
  admin: 'set by an admin',
};

/** A person's level from their row and the depth of the org chart below them (PeopleRepository.subtreeDepth). */
export function levelInfo(person: Partial<Pick<Person, 'levelOverride' | 'levelSource'>>, depth: number): LevelInfo {
  return { ...levelOf(person, depth), inferred: levelOf({}, depth).level };
}

export interface LevelService {
  levelOf(personId: string): Promise<LevelInfo>;
  /** `/coach level …` or App Home: a person overrides (or with 'auto' clears) their own level. */
  setOwn(personId: string, level: Level | 'auto'): Promise<LevelInfo>;
  /** An admin sets (or with 'auto' clears) anyone's level. */
  setByAdmin(adminId: string, targetId: string, level: Level | 'auto'): Promise<LevelInfo>;
  isAdmin(personId: string): boolean;
}

export function createLevelService(deps: {
  people: PeopleRepository;
  clock: Clock;
  events: EventLog;
  adminUserIds: readonly string[];
}): LevelService {
  const { people, clock, events } = deps;
  const admins = new Set(deps.adminUserIds);

  async function info(personId: string): Promise<LevelInfo> {
    const depth = await people.subtreeDepth(personId);
    return levelInfo((await people.get(personId)) ?? {}, depth);
  }

  async function write(actorId: string, targetId: string, level: Level | 'auto', source: 'self' | 'admin'): Promise<LevelInfo> {
    if (!(await people.get(targetId))) {
      throw new DomainError('person_unknown', 'I do not know that person yet: ask them to open Leadwell once, or import the org chart.');
    }
    const before = await info(targetId);
    const override = level === 'auto' ? null : level;
    await people.updateSettings(targetId, { levelOverride: override, levelSource: override ? source : null }, clock.now());
    const after = await info(targetId);
    await events.append(
      { kind: 'level.changed', actorId, subjectId: targetId, data: { from: before.level, to: after.level, source: after.source } },
      clock.now(),
    );
    return after;
  }

  return {
    levelOf: info,
    setOwn: (personId, level) => write(personId, personId, level, 'self'),
    setByAdmin: async (adminId, targetId, level) => {
      if (!admins.has(adminId)) {
        throw new DomainError('not_admin', 'Only a Leadwell admin can set someone else\'s level. You can set your own with `/coach level mid-level`.');
      }
      return write(adminId, targetId, level, 'admin');
    },
    isAdmin: (personId) => admins.has(personId),
  };
}
