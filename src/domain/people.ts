import type { Level } from './ports';

/** A Slack user as Leadwell knows them. Rows are never deleted: history outlives deactivation. */
export interface Person {
  id: string;
  teamId: string;
  name: string;
  realName: string;
  email?: string;
  tz: string;
  isBot: boolean;
  deleted: boolean;
  statusText: string;
  statusEmoji: string;
  managerId?: string;
  levelOverride?: Level;
  levelSource?: 'self' | 'admin';
  cadenceDays: number;
  nudgeDay: number;
  nudgeHour: number;
  nudgesPaused: boolean;
  snoozedUntil?: number;
  becameManagerAt?: number;
  /** Last time they prepared or logged a 1:1 (they act as a manager, whatever the org chart says). */
  managingSeenAt?: number;
  createdAt: number;
  updatedAt: number;
}

/** What Slack tells us about a user (users.info / users.list / user_change). */
export interface SlackProfile {
  id: string;
  teamId: string;
  name: string;
  realName: string;
  email?: string;
  tz?: string;
  isBot: boolean;
  deleted: boolean;
  statusText?: string;
  statusEmoji?: string;
}

export interface PersonSettings {
  cadenceDays?: number;
  nudgeDay?: number;
  nudgeHour?: number;
  nudgesPaused?: boolean;
  snoozedUntil?: number | null;
  levelOverride?: Level | null;
  levelSource?: 'self' | 'admin' | null;
}

export interface PeopleRepository {
  get(id: string): Promise<Person | undefined>;
  /** Those of `ids` on record, by id, in one read (in chunks past 500). */
  getMany(ids: readonly string[]): Promise<Person[]>;
  upsertProfile(profile: SlackProfile, at: number): Promise<Person>;
  setManager(reportId: string, managerId: string | null, at: number): Promise<void>;
  /** Prepping or logging a 1:1 shows someone manages: it makes them a nudge candidate (never a reporting line). */
  noteManaging(personId: string, at: number): Promise<void>;
  /** Active (not deleted, not bot) direct reports, by name. */
  reportsOf(managerId: string): Promise<Person[]>;
  /** get() and reportsOf() of one person in one read. */
  getWithReports(id: string): Promise<{ person?: Person; reports: Person[] }>;
  /** How many levels of people sit under this person: 0 none, 1 reports only, 2 managers below, 3+ managers of managers. Capped at 3. */
  subtreeDepth(personId: string): Promise<number>;
  /** subtreeDepth of several people in one read, by id (0 for anyone not on record). */
  subtreeDepths(personIds: readonly string[]): Promise<Map<string, number>>;
  /** Would making managerId the manager of reportId create a cycle? */
  wouldCycle(reportId: string, managerId: string): Promise<boolean>;
  updateSettings(id: string, settings: PersonSettings, at: number): Promise<void>;
  /** People with at least one active report. */
  managers(): Promise<Person[]>;
  count(): Promise<number>;
  findByName(text: string): Promise<Person[]>;
  findByEmail(email: string): Promise<Person | undefined>;
  /** Every recorded manager line (deactivated people included): the org chart as edges, for loop checks. */
  managerLinks(): Promise<Array<{ id: string; managerId: string }>>;
}

/** The Slack user directory, as the domain needs it. */
export interface SlackDirectory {
  /** undefined when Slack says user_not_found (another workspace, a typo). */
  getUser(id: string): Promise<SlackProfile | undefined>;
  lookupByEmail(email: string): Promise<SlackProfile | undefined>;
  listUsers(): Promise<SlackProfile[]>;
}

export function displayName(p: Pick<Person, 'name' | 'realName' | 'id'>): string {
  return p.name || p.realName || p.id;
}

/** Level inferred from the org chart unless someone set it. */
export function levelOf(
  person: Partial<Pick<Person, 'levelOverride' | 'levelSource'>>,
  subtreeDepth: number,
): { level: Level; source: 'inferred' | 'self' | 'admin' } {
  if (person.levelOverride) return { level: person.levelOverride, source: person.levelSource ?? 'self' };
  if (subtreeDepth >= 3) return { level: 'executive', source: 'inferred' };
  if (subtreeDepth === 2) return { level: 'mid-level', source: 'inferred' };
  return { level: 'frontline', source: 'inferred' };
}
