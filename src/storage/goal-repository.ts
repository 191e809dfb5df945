import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from './tables';
import { GOAL_STATUSES, type CheckIn, type Goal, type GoalKind, type GoalStatus, type GoalVisibility } from '../domain/goal';
import type { GoalCounts, GoalReminderPrefs, GoalRepository } from '../domain/goal-ports';
import { prepared, type Executor } from './engine';
import { preparedNamed } from './prepared-named';
import { GOALS_AS_G } from './columns';
import { atomic } from './atomic';
import { isRowId } from './row-id';

interface GoalRow {
  id: number; owner_id: string; kind: string; visibility: string; title: string; why: string; measure: string; due_on: string | null;
  status: string; progress: number | null; last_check_in_at: number | null; archived_at: number | null; created_at: number; updated_at: number;
}

interface CheckInRow { id: number; goal_id: number; author_id: string; status: string; progress: number | null; note: string; created_at: number }

function toGoal(r: GoalRow): Goal {
  return {
    id: r.id, ownerId: r.owner_id, kind: r.kind as GoalKind, visibility: r.visibility as GoalVisibility, title: r.title, why: r.why, measure: r.measure,
    dueOn: r.due_on ?? undefined, status: r.status as GoalStatus, progress: r.progress ?? undefined, lastCheckInAt: r.last_check_in_at ?? undefined,
    archivedAt: r.archived_at ?? undefined, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

function toCheckIn(r: CheckInRow): CheckIn {
  return { id: r.id, goalId: r.goal_id, authorId: r.author_id, status: r.status as GoalStatus, progress: r.progress ?? undefined, note: r.note, createdAt: r.created_at };
}

/** `IN (…)` lists are chunked so a big team never hits a bound-parameter limit on either engine. */
const CHUNK = 500;
function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** Open (not archived, not done) goals of active people, stale when nothing happened since `before`. */
const STALE = (before: number) => sql<boolean>`g.status <> 'done' AND COALESCE(g.last_check_in_at, g.created_at) <= ${before}`;

export type GoalStore = GoalRepository;

/**
 * activeOf's rows and order, each joined to the check-in latestCheckIns picks (NULLs without one): exported so a
 * test can EXPLAIN it on both engines. The owners' goals through goals_owner, the check-in through its primary key.
 */
export const activeWithLatestQuery = (db: Executor, ownerIds: readonly string[] | OwnerIds) => db.selectFrom('goals as g')
  .leftJoin('goal_check_ins as c', (join) => join.on('c.id', '=', (eb) => eb.selectFrom('goal_check_ins as c2').select('c2.id')
    .whereRef('c2.goal_id', '=', 'g.id').orderBy('c2.created_at', 'desc').orderBy('c2.id', 'desc').limit(sql.lit(1))))
  .select(GOALS_AS_G)
  .select(['c.id as c_id', 'c.author_id as c_author_id', 'c.status as c_status', 'c.progress as c_progress', 'c.note as c_note', 'c.created_at as c_created_at'])
  .where('g.owner_id', 'in', ownerIds).where('g.archived_at', 'is', null).orderBy('g.created_at', 'desc').orderBy('g.id', 'desc');

/** Owners given by a sub-query instead of a list (App Home's circle: the owners its viewer's id decides). */
type OwnerIds = SelectQueryBuilder<Database & { p: Database['people'] }, 'p', { id: string }>;

type WithLatestRow = Awaited<ReturnType<ReturnType<typeof activeWithLatestQuery>['execute']>>[number];

/** activeWithLatestQuery's rows as goals, and the latest check-in of each goal that has one. */
export function goalsWithLatest(rows: readonly WithLatestRow[], into = { goals: [] as Goal[], latest: new Map<number, CheckIn>() }) {
  for (const r of rows) {
    into.goals.push(toGoal(r));
    if (r.c_id !== null) {
      into.latest.set(r.id, toCheckIn({ id: r.c_id, goal_id: r.id, author_id: r.c_author_id as string, status: r.c_status as string, progress: r.c_progress, note: r.c_note as string, created_at: r.c_created_at as number }));
    }
  }
  return into;
}

/** Goals and their check-ins on either engine; a check-in and its mirror onto the goal are one transaction. */
export function createGoalRepository(db: Executor): GoalStore {
  const byId = prepared(db, db.selectFrom('goals').selectAll().where('id', '=', 0));
  const activeQuery = (owners: readonly string[]) => db.selectFrom('goals').selectAll().where('owner_id', 'in', owners).where('archived_at', 'is', null)
    .orderBy('created_at', 'desc').orderBy('id', 'desc');
  // One owner is the prep card's case (every card): that statement is built once.
  const activeOfOne = prepared(db, activeQuery(['']));
  // The same for the goals with their latest check-ins (the prep card's report on SQLite).
  const activeWithLatestOfOne = preparedNamed(db, (p: { ownerId: string }) => activeWithLatestQuery(db, [p.ownerId]));
  const get = async (id: number) => {
    if (!isRowId(id)) return undefined;
    const row = (await byId([id])).rows[0];
    return row ? toGoal(row) : undefined;
  };

  return {
    async insert(goal) {
      const inserted = await db.insertInto('goals').values({
        owner_id: goal.ownerId, kind: goal.kind, visibility: goal.visibility, title: goal.title, why: goal.why, measure: goal.measure,
        due_on: goal.dueOn ?? null, idempotency_key: goal.idempotencyKey, created_at: goal.createdAt, updated_at: goal.createdAt,
      }).onConflict((oc) => oc.column('idempotency_key').doNothing()).returning('id').executeTakeFirst();
      const row = await db.selectFrom('goals').selectAll().where('idempotency_key', '=', goal.idempotencyKey).executeTakeFirstOrThrow();
      return { goal: toGoal(row), created: inserted !== undefined };
    },
    async update(id, draft, at) {
      await db.updateTable('goals').set({
        kind: draft.kind, visibility: draft.visibility, title: draft.title, why: draft.why, measure: draft.measure, due_on: draft.dueOn ?? null, updated_at: at,
      }).where('id', '=', id).execute();
      return (await get(id)) as Goal;
    },
    async archive(id, at) {
      await db.updateTable('goals').set({ archived_at: at, updated_at: at }).where('id', '=', id).where('archived_at', 'is', null).execute();
    },
    get,
    checkIn: (row) => atomic(db, async (trx) => {
      const inserted = await trx.insertInto('goal_check_ins').values({
        goal_id: row.goalId, author_id: row.authorId, status: row.status, progress: row.progress ?? null, note: row.note,
        idempotency_key: row.idempotencyKey, created_at: row.createdAt,
      }).onConflict((oc) => oc.column('idempotency_key').doNothing()).returning('id').executeTakeFirst();
      if (inserted) {
        await trx.updateTable('goals').set((eb) => ({
          status: row.status, progress: eb.fn.coalesce(eb.val(row.progress ?? null), eb.ref('progress')), last_check_in_at: row.createdAt, updated_at: row.createdAt,
        })).where('id', '=', row.goalId).execute();
      }
      const stored = await trx.selectFrom('goal_check_ins').selectAll().where('idempotency_key', '=', row.idempotencyKey).executeTakeFirstOrThrow();
      return { checkIn: toCheckIn(stored), created: inserted !== undefined };
    }),
    async activeOf(ownerIds) {
      const out: Goal[] = [];
      for (const part of chunks(ownerIds)) {
        const rows = part.length === 1 ? (await activeOfOne(part)).rows : await activeQuery(part).execute();
        out.push(...rows.map(toGoal));
      }
      return out;
    },
    async activeWithLatest(ownerIds) {
      const out = { goals: [] as Goal[], latest: new Map<number, CheckIn>() };
      // activeOf's rows and order, each joined to the check-in latestCheckIns picks (NULLs without one).
      for (const part of chunks(ownerIds)) goalsWithLatest(part.length === 1 ? (await activeWithLatestOfOne({ ownerId: part[0]! })).rows : await activeWithLatestQuery(db, part).execute(), out);
      return out;
    },
    countActive: async (ownerId) => Number((await db.selectFrom('goals').select((e) => e.fn.countAll<number>().as('n'))
      .where('owner_id', '=', ownerId).where('archived_at', 'is', null).where('status', '<>', 'done').executeTakeFirstOrThrow()).n),
    async latestCheckIns(goalIds) {
      const out = new Map<number, CheckIn>();
      for (const part of chunks(goalIds)) {
        // The newest row per goal: (created_at, id) through a correlated lookup on the (goal_id, created_at) index.
        const rows = await db.selectFrom('goal_check_ins as c').selectAll('c').where('c.goal_id', 'in', part)
          .where('c.id', '=', (eb) => eb.selectFrom('goal_check_ins as c2').select('c2.id').whereRef('c2.goal_id', '=', 'c.goal_id')
            .orderBy('c2.created_at', 'desc').orderBy('c2.id', 'desc').limit(1)).execute();
        for (const r of rows) out.set(r.goal_id, toCheckIn(r));
      }
      return out;
    },
    history: async (goalId, limit) => (!isRowId(goalId) ? [] : (await db.selectFrom('goal_check_ins').selectAll().where('goal_id', '=', goalId)
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(toCheckIn)),
    ownersWithStaleGoals: async (before) => (await db.selectFrom('goals as g').innerJoin('people as p', 'p.id', 'g.owner_id').select('g.owner_id as id').distinct()
      .where('g.archived_at', 'is', null).where(STALE(before)).where('p.deleted', '=', 0).where('p.is_bot', '=', 0).orderBy('g.owner_id').execute()).map((r) => r.id),
    async countsByStatus(staleBefore) {
      const counts = Object.fromEntries(GOAL_STATUSES.map((st) => [st, 0])) as GoalCounts;
      Object.assign(counts, { total: 0, stale: 0, private: 0 });
      const live = () => db.selectFrom('goals as g').innerJoin('people as p', 'p.id', 'g.owner_id').where('g.archived_at', 'is', null).where('p.deleted', '=', 0);
      const rows = await live().select((e) => ['g.status', e.fn.countAll<number>().as('n'),
        sql<number>`SUM(CASE WHEN g.visibility = 'private' THEN 1 ELSE 0 END)`.as('private'),
        sql<number>`SUM(CASE WHEN ${STALE(staleBefore)} THEN 1 ELSE 0 END)`.as('stale')]).groupBy('g.status').execute();
      for (const r of rows) {
        counts[r.status] = Number(r.n);
        counts.total += Number(r.n);
        counts.stale += Number(r.stale);
        counts.private += Number(r.private);
      }
      counts.owners = Number((await live().select(sql<number>`COUNT(DISTINCT g.owner_id)`.as('n')).executeTakeFirstOrThrow()).n);
      return counts;
    },
  };
}

/** The per-person opt-out of the monthly goal reminder: a row means "opted out"; setting it twice is a no-op. */
export function createGoalReminderPrefs(db: Executor): GoalReminderPrefs {
  return {
    optedOut: async (personId) => (await db.selectFrom('goal_reminder_opt_outs').select('person_id').where('person_id', '=', personId).executeTakeFirst()) !== undefined,
    async setOptedOut(personId, optedOut, at) {
      if (optedOut) await db.insertInto('goal_reminder_opt_outs').values({ person_id: personId, opted_out_at: at }).onConflict((oc) => oc.column('person_id').doNothing()).execute();
      else await db.deleteFrom('goal_reminder_opt_outs').where('person_id', '=', personId).execute();
    },
  };
}
