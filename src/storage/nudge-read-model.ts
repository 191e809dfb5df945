import { sql } from 'kysely';
import type { CandidateRow, NudgeReadModel, OwnedItemRow, PreparedForRow, TeamMemberReads } from '../domain/nudge-ports';
import { engineOf, type Executor } from './engine';
import { preparedNamed } from './prepared-named';

const NONE = { managerId: '', ownerId: '', personId: '', since: 0, activeSince: 0, limit: 0 };
type Params = typeof NONE;

const displayName = sql<string>`COALESCE(NULLIF(p.name, ''), NULLIF(p.real_name, ''), p.id)`;

/**
 * The nudge's reads, exported so a test can EXPLAIN each on both engines. `candidates` is one set-based pass over
 * people with the team sizes grouped once (planning runs every few minutes over the whole workspace, 10,000
 * managers included): never a query per person. The digest reads (one manager at a time, when their nudge is
 * sent) seek an index per report, never scan a logged table.
 */
export const nudgeReadQueries = (db: Executor, p: Params = NONE) => {
  // Case-insensitive name order: SQLite's NOCASE collation, PostgreSQL's lower() (ASCII names sort the same).
  const byName = engineOf(db) === 'sqlite' ? sql`p.name COLLATE NOCASE` : sql`lower(p.name)`;
  const payloadType = engineOf(db) === 'sqlite' ? sql`json_extract(payload, '$.type')` : sql`(payload::jsonb ->> 'type')`;
  return {
    // Candidates: people with active reports, who said they manage (a level set by them or an admin), or who prepared
    // or logged a 1:1 lately (managing_seen_at): someone whose team has all left and who stopped prepping is not nagged.
    candidates: db.with('teams', (w) => w.selectFrom('people').select('manager_id as id').where('manager_id', 'is not', null)
      .where('deleted', '=', 0).where('is_bot', '=', 0).groupBy('manager_id'))
      .selectFrom('people as p').leftJoin('teams as t', 't.id', 'p.id')
      .select(['p.id', 'p.team_id', 'p.tz', 'p.nudge_day', 'p.nudge_hour', 'p.nudges_paused', 'p.snoozed_until', 'p.status_text', 'p.status_emoji'])
      .where('p.deleted', '=', 0).where('p.is_bot', '=', 0)
      .where((eb) => eb.or([eb('t.id', 'is not', null), eb('p.level_source', 'is not', null), eb('p.managing_seen_at', '>=', p.activeSince)])),
    team: db.selectFrom('people as p').select((eb) => [
      'p.id', displayName.as('name'),
      eb.selectFrom('one_on_ones as o').select('o.held_on').where('o.manager_id', '=', p.managerId).whereRef('o.report_id', '=', 'p.id')
        .orderBy('o.held_at', 'desc').limit(1).as('last_held_on'),
      eb.selectFrom('kudos_recipients as kr').select((e) => e.fn.max('kr.created_at').as('m')).whereRef('kr.recipient_id', '=', 'p.id').as('last_kudos_at'),
    ]).where('p.manager_id', '=', p.managerId).where('p.deleted', '=', 0).where('p.is_bot', '=', 0).orderBy(byName).orderBy('p.id'),
    ownedItems: db.selectFrom('action_items as a').innerJoin('one_on_ones as o', 'o.id', 'a.one_on_one_id')
      .select(['a.id', 'a.text', 'a.report_id', 'a.created_at', 'o.held_on']).where('a.owner_id', '=', p.ownerId).where('a.done_at', 'is', null)
      .orderBy('a.created_at').orderBy('a.id').limit(p.limit),
    ownedCount: db.selectFrom('action_items').select((e) => e.fn.countAll<number>().as('n')).where('owner_id', '=', p.ownerId).where('done_at', 'is', null),
    /** People this manager prepared or met lately who are not on their team, latest first (events_actor_kind, one_on_ones_pair seeks). */
    preparedFor: db.with('met', (w) => w.selectFrom('events').select((e) => ['subject_id as id', e.fn.max('at').as('at')])
      .where('actor_id', '=', p.managerId).where('kind', '=', 'one_on_one.prepared').where('at', '>=', p.since).where('subject_id', 'is not', null).groupBy('subject_id')
      .unionAll((u) => u.selectFrom('one_on_ones').select((e) => ['report_id as id', e.fn.max('created_at').as('at')])
        .where('manager_id', '=', p.managerId).where('created_at', '>=', p.since).groupBy('report_id')))
      .selectFrom('met').innerJoin('people as p', 'p.id', 'met.id').select((e) => ['p.id', displayName.as('name'), 'p.manager_id', e.fn.max('met.at').as('at')])
      .where('p.deleted', '=', 0).where('p.is_bot', '=', 0).where('p.id', '<>', p.managerId)
      .where((eb) => eb.or([eb('p.manager_id', 'is', null), eb('p.manager_id', '<>', p.managerId)]))
      .groupBy(['p.id', 'p.name', 'p.real_name', 'p.manager_id']).orderBy('at', 'desc').orderBy('p.id').limit(p.limit),
    onboardingSent: db.selectFrom('nudges').select((e) => e.fn.countAll<number>().as('n')).where('person_id', '=', p.personId).where('kind', '=', 'weekly')
      .where('status', 'in', ['sent', 'uncertain']).where(sql<boolean>`${payloadType} = 'onboarding'`),
  };
};

export function createNudgeReadModel(db: Executor): NudgeReadModel {
  // The digest runs these for every manager nudged: built and compiled once.
  const hot = {
    team: preparedNamed(db, (p: Params) => nudgeReadQueries(db, p).team),
    ownedItems: preparedNamed(db, (p: Params) => nudgeReadQueries(db, p).ownedItems),
    ownedCount: preparedNamed(db, (p: Params) => nudgeReadQueries(db, p).ownedCount),
    onboardingSent: preparedNamed(db, (p: Params) => nudgeReadQueries(db, p).onboardingSent),
  };
  return {
    candidates: async (activeSince) => (await nudgeReadQueries(db, { ...NONE, activeSince }).candidates.execute()).map((r): CandidateRow => ({
      id: r.id, teamId: r.team_id, tz: r.tz, nudgeDay: r.nudge_day, nudgeHour: r.nudge_hour, nudgesPaused: r.nudges_paused === 1,
      snoozedUntil: r.snoozed_until ?? undefined, statusText: r.status_text, statusEmoji: r.status_emoji,
    })),
    team: async (managerId) => (await hot.team({ ...NONE, managerId })).rows.map((r): TeamMemberReads => ({
      id: r.id, name: r.name, lastHeldOn: r.last_held_on ?? undefined, lastRecognisedAt: r.last_kudos_at ?? undefined,
    })),
    openItemsOwnedBy: async (ownerId, limit) => {
      const [items, count] = await Promise.all([hot.ownedItems({ ...NONE, ownerId, limit }), hot.ownedCount({ ...NONE, ownerId })]);
      return {
        items: items.rows.map((r): OwnedItemRow => ({ id: r.id, text: r.text, reportId: r.report_id, createdAt: r.created_at, heldOn: r.held_on })),
        total: Number(count.rows[0]?.n ?? 0),
      };
    },
    onboardingSent: async (personId) => Number((await hot.onboardingSent({ ...NONE, personId })).rows[0]?.n ?? 0),
    preparedFor: async (managerId, since, limit) => (await nudgeReadQueries(db, { ...NONE, managerId, since, limit }).preparedFor.execute())
      .map((r): PreparedForRow => ({ id: r.id, name: r.name, managerId: r.manager_id ?? undefined })),
  };
}
