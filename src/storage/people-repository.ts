import { sql, type Updateable } from 'kysely';
import type { Level } from '../domain/ports';
import type { PeopleRepository, Person, PersonSettings, SlackProfile } from '../domain/people';
import { engineOf, prepared, SERVER_SIDE, type Executor } from './engine';
import { PEOPLE_COLUMNS } from './columns';
import type { PeopleTable } from './schema';
import { atomic } from './atomic';
import { asciiLower, byNameKey, chainUpQuery, depthQuery, depthsQuery } from './people-sql';
import { preparedNamed } from './prepared-named';

interface PersonRow {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  email: string | null;
  tz: string;
  is_bot: number;
  deleted: number;
  status_text: string;
  status_emoji: string;
  manager_id: string | null;
  level_override: string | null;
  level_source: string | null;
  cadence_days: number;
  nudge_day: number;
  nudge_hour: number;
  nudges_paused: number;
  snoozed_until: number | null;
  became_manager_at: number | null;
  managing_seen_at?: number | null;
  created_at: number;
  updated_at: number;
}

export function toPerson(r: PersonRow): Person {
  return {
    id: r.id,
    teamId: r.team_id,
    name: r.name,
    realName: r.real_name,
    email: r.email ?? undefined,
    tz: r.tz,
    isBot: r.is_bot === 1,
    deleted: r.deleted === 1,
    statusText: r.status_text,
    statusEmoji: r.status_emoji,
    managerId: r.manager_id ?? undefined,
    levelOverride: (r.level_override as Level | null) ?? undefined,
    levelSource: (r.level_source as 'self' | 'admin' | null) ?? undefined,
    cadenceDays: r.cadence_days,
    nudgeDay: r.nudge_day,
    nudgeHour: r.nudge_hour,
    nudgesPaused: r.nudges_paused === 1,
    snoozedUntil: r.snoozed_until ?? undefined,
    becameManagerAt: r.became_manager_at ?? undefined,
    managingSeenAt: r.managing_seen_at ?? undefined,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Active people: not deactivated in Slack, not bots (literals, so one prepared text serves every call). */
const ACTIVE = { deleted: sql.lit(0), isBot: sql.lit(0) };

/** The request-path reads, exported so a test can EXPLAIN each one on both engines. */
export const peopleQueries = (db: Executor, p: { id: string }) => ({
  // Its columns listed: it is prepared on the PostgreSQL server (a prepared `*` breaks when a migration adds a column).
  get: db.selectFrom('people').select(PEOPLE_COLUMNS).where('id', '=', p.id),
  // getMany of one or two people (a request's caller and the person it names): a fixed shape, prepared like get.
  pair: db.selectFrom('people').select(PEOPLE_COLUMNS).where('id', 'in', [p.id, `${p.id}-other`]).orderBy('id'),
  reportsOf: db.selectFrom('people').selectAll().where('manager_id', '=', p.id).where('deleted', '=', ACTIVE.deleted)
    .where('is_bot', '=', ACTIVE.isBot).orderBy(byNameKey(db, 'name')).orderBy('id'),
  // A person and their active reports (by name) in one statement: the primary key and people_manager, OR'd.
  withReports: db.selectFrom('people').selectAll().where((eb) => eb.or([
    eb('id', '=', p.id),
    eb.and([eb('manager_id', '=', p.id), eb('deleted', '=', ACTIVE.deleted), eb('is_bot', '=', ACTIVE.isBot)]),
  ])).orderBy(byNameKey(db, 'name')).orderBy('id'),
  depth: depthQuery(db, p.id),
  depths: depthsQuery(db, [p.id, `${p.id}-other`]),
  chainUp: chainUpQuery(db, p.id),
});

/** The profile columns Slack owns, in insert order (the prepared upsert binds them by position). */
function profileRow(p: SlackProfile, at: number) {
  const deleted = p.deleted ? 1 : 0;
  return {
    id: p.id, team_id: p.teamId, name: p.name, real_name: p.realName, email: p.email ?? null, tz: p.tz || 'UTC',
    is_bot: p.isBot ? 1 : 0, deleted, status_text: p.statusText ?? '', status_emoji: p.statusEmoji ?? '',
    created_at: at, updated_at: at, left_at: deleted === 1 ? at : null,
  };
}

/** A profile write never touches Leadwell's own columns (manager, level, settings); an absent email keeps the known one. */
function upsertQuery(db: Executor, row: ReturnType<typeof profileRow>) {
  return db.insertInto('people').values(row).onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
    team_id: eb.ref('excluded.team_id'), name: eb.ref('excluded.name'), real_name: eb.ref('excluded.real_name'),
    email: sql<string | null>`COALESCE(excluded.email, people.email)`, tz: eb.ref('excluded.tz'), is_bot: eb.ref('excluded.is_bot'),
    deleted: eb.ref('excluded.deleted'), status_text: eb.ref('excluded.status_text'), status_emoji: eb.ref('excluded.status_emoji'),
    updated_at: eb.ref('excluded.updated_at'),
    // When someone was deactivated in Slack: set when they leave, cleared if they come back (RETENTION_LEAVERS_DAYS counts from it).
    left_at: sql<number | null>`CASE WHEN excluded.deleted = 0 THEN NULL WHEN people.deleted = 0 THEN excluded.updated_at ELSE COALESCE(people.left_at, excluded.updated_at) END`,
  }))).returningAll();
}

const SETTING_COLUMNS = {
  cadenceDays: (v: PersonSettings['cadenceDays']) => ({ cadence_days: v }),
  nudgeDay: (v: PersonSettings['nudgeDay']) => ({ nudge_day: v }),
  nudgeHour: (v: PersonSettings['nudgeHour']) => ({ nudge_hour: v }),
  nudgesPaused: (v: PersonSettings['nudgesPaused']) => ({ nudges_paused: v ? 1 : 0 }),
  snoozedUntil: (v: PersonSettings['snoozedUntil']) => ({ snoozed_until: v ?? null }),
  levelOverride: (v: PersonSettings['levelOverride']) => ({ level_override: v ?? null }),
  levelSource: (v: PersonSettings['levelSource']) => ({ level_source: v ?? null }),
} satisfies { [K in keyof Required<PersonSettings>]: (v: PersonSettings[K]) => Updateable<PeopleTable> };

/** Only the settings present in `s` change (a key given as undefined or null clears that column). */
function settingsUpdate(s: PersonSettings): Updateable<PeopleTable> {
  const set: Updateable<PeopleTable> = {};
  for (const key of Object.keys(SETTING_COLUMNS) as Array<keyof PersonSettings>) {
    if (key in s) Object.assign(set, (SETTING_COLUMNS[key] as (v: unknown) => Updateable<PeopleTable>)(s[key]));
  }
  return set;
}

const GET_MANY_CHUNK = 500;

export function createPeopleRepository(db: Executor): PeopleRepository {
  const q = peopleQueries(db, { id: '' });
  // Named on the PostgreSQL server, as the statements every prep card sends (engine.ts serverSideName).
  const get = prepared(db, q.get, SERVER_SIDE);
  const pair = prepared(db, q.pair, SERVER_SIDE);
  const reportsOf = prepared(db, q.reportsOf);
  const withReports = prepared(db, q.withReports);
  const depth = prepared<{ d: number | null }>(db, q.depth);
  const upsert = prepared(db, upsertQuery(db, profileRow({ id: '', teamId: '', name: '', realName: '', isBot: false, deleted: false }, 0)));
  const greatest = engineOf(db) === 'sqlite' ? 'MAX' : 'GREATEST';
  // Every prep card writes the first and reads the second (manager and report): built once.
  const managing = preparedNamed(db, (p: { personId: string; at: number }) =>
    db.updateTable('people').set({ managing_seen_at: sql`${sql.raw(greatest)}(COALESCE(managing_seen_at, 0), ${p.at})` }).where('id', '=', p.personId), SERVER_SIDE);
  const depthsOfTwo = prepared<{ id: string; d: number | null }>(db, depthsQuery(db, ['', '']));

  async function setManager(ex: Executor, reportId: string, managerId: string | null, at: number): Promise<void> {
    await ex.updateTable('people').set({ manager_id: managerId, updated_at: at }).where('id', '=', reportId).execute();
    if (managerId) await ex.updateTable('people').set({ became_manager_at: at }).where('id', '=', managerId).where('became_manager_at', 'is', null).execute();
  }

  return {
    get: async (id) => {
      const row = (await get([id])).rows[0];
      return row ? toPerson(row) : undefined;
    },
    getMany: async (ids) => {
      // Sorted before chunking, so id order across chunks too (SQLite and PostgreSQL both cap bound parameters).
      const sorted = [...new Set(ids)].sort();
      // One or two (a prep card's manager and report, a command's caller and the person named): the prepared form,
      // named on the PostgreSQL server; an IN list of any length is built and planned per call.
      if (sorted.length > 0 && sorted.length <= 2) return (await pair([sorted[0], sorted[1] ?? sorted[0]])).rows.map(toPerson);
      const out: Person[] = [];
      for (let i = 0; i < sorted.length; i += GET_MANY_CHUNK) {
        const rows = await db.selectFrom('people').selectAll().where('id', 'in', sorted.slice(i, i + GET_MANY_CHUNK)).orderBy('id').execute();
        out.push(...rows.map(toPerson));
      }
      return out;
    },
    upsertProfile: async (p, at) => toPerson((await upsert(Object.values(profileRow(p, at)))).rows[0]!),
    setManager: (reportId, managerId, at) => atomic(db, (ex) => setManager(ex, reportId, managerId, at)),
    noteManaging: async (personId, at) => {
      await managing({ personId, at });
    },
    reportsOf: async (managerId) => (await reportsOf([managerId])).rows.map(toPerson),
    getWithReports: async (id) => {
      const rows = (await withReports([id, id])).rows.map(toPerson);
      return { person: rows.find((p) => p.id === id), reports: rows.filter((p) => p.managerId === id && !p.deleted && !p.isBot) };
    },
    subtreeDepth: async (personId) => Number((await depth([personId])).rows[0]?.d ?? 0),
    subtreeDepths: async (personIds) => {
      const depths = new Map(personIds.map((id) => [id, 0]));
      if (personIds.length === 0) return depths;
      const ids = [...new Set(personIds)];
      const { rows } = ids.length === 2 ? await depthsOfTwo(ids) : await db.executeQuery<{ id: string; d: number | null }>(depthsQuery(db, ids).compile());
      for (const r of rows) depths.set(r.id, Number(r.d ?? 0));
      return depths;
    },
    wouldCycle: async (reportId, managerId) => {
      if (reportId === managerId) return true;
      const { rows } = await db.executeQuery<{ id: string }>(chainUpQuery(db, managerId).compile());
      return rows.some((r) => r.id === reportId);
    },
    updateSettings: async (id, s, at) => {
      const set = settingsUpdate(s);
      if (Object.keys(set).length === 0) return;
      await db.updateTable('people').set({ ...set, updated_at: at }).where('id', '=', id).execute();
    },
    managers: async () =>
      (await db.selectFrom('people as m').selectAll('m').where('m.deleted', '=', ACTIVE.deleted).where('m.is_bot', '=', ACTIVE.isBot)
        .where(({ exists, selectFrom }) => exists(selectFrom('people as r').select(sql.lit(1).as('one')).whereRef('r.manager_id', '=', 'm.id')
          .where('r.deleted', '=', ACTIVE.deleted).where('r.is_bot', '=', ACTIVE.isBot)))
        .orderBy('m.id').execute()).map(toPerson),
    count: async () =>
      Number((await db.selectFrom('people').select((e) => e.fn.countAll<number>().as('n')).where('deleted', '=', ACTIVE.deleted)
        .where('is_bot', '=', ACTIVE.isBot).executeTakeFirst())?.n ?? 0),
    findByName: async (text) => {
      const typed = asciiLower(db, sql`${text}`);
      return (await db.selectFrom('people').selectAll().where('deleted', '=', ACTIVE.deleted).where('is_bot', '=', ACTIVE.isBot)
        .where((eb) => eb.or([eb(asciiLower(db, 'name'), '=', typed), eb(asciiLower(db, 'real_name'), '=', typed)]))
        .orderBy('id').limit(10).execute()).map(toPerson);
    },
    // ORDER BY id: two rows with one address (a re-created account) come back in the same order on both engines.
    findByEmail: async (email) => {
      const row = await db.selectFrom('people').selectAll().where(asciiLower(db, 'email'), '=', asciiLower(db, sql`${email}`)).orderBy('id').limit(1).executeTakeFirst();
      return row ? toPerson(row) : undefined;
    },
    managerLinks: async () =>
      (await db.selectFrom('people').select(['id', 'manager_id']).where('manager_id', 'is not', null).execute())
        .map((r) => ({ id: r.id, managerId: r.manager_id! })),
  };
}
