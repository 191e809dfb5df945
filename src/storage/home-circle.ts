import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from './tables';
import { activeWithLatestQuery, goalsWithLatest } from './goal-repository';
import { opaque, SERVER_SIDE, type Executor } from './engine';
import { preparedShared } from './prepared-named';
import { PEOPLE_AS_G, PEOPLE_AS_P } from './columns';
import type { HomeCircle, TeamFacts } from '../domain/home';
import type { Person } from '../domain/people';
import { toPerson } from './people-repository';
import { byNameKey, reportDepth } from './people-sql';
import { keptTip, tipKey } from './tip-of-week-store';
import { INSTALLER_KEY } from './welcome-repository';
import { planFromJson, planJson } from './development-plan-repository';

/**
 * App Home's reads that the viewer's id alone decides, as three statements sent together (one round trip's wait on
 * PostgreSQL instead of the four to six waves of one-by-one reads they replace):
 * - `people`: the viewer's row, their manager's, the manager's active reports (the viewer's team) and the viewer's
 *   active reports, by name. Only the viewer's reports get the 1:1, action item, kudos and depth figures (CASE:
 *   a teammate's row costs no probe). Four OR'd index seeks: the primary key and people_manager, twice each.
 * - `context`: the viewer's four kudos counts, tip row, the installer row, reminder opt-out and development plan (as
 *   JSON: see planJson) as one row, joined to the latest kudos received (with their givers' rows); a viewer without
 *   kudos still gets the one row.
 * - `goals`: the active goals of everyone `people` returns, each with its latest check-in (activeWithLatest).
 */
type Params = { viewerId: string; since: number; limit: number; tipKey: string };

/** The circle's values for a viewer: the tip row's key is a value of its own (the statements are built from a stand-in, see readCircle). */
export const circleParams = (viewerId: string, since: number, limit: number): Params => ({ viewerId, since, limit, tipKey: tipKey(viewerId) });

const managerOf = (db: Executor, viewer: Expression<string>) => db.selectFrom('people as v').select('v.manager_id').where('v.id', '=', viewer);

export const circleQueries = (db: Executor, p: Params) => {
  // The viewer's id and the other values opaque on SQLite, which would otherwise plan these statements again on every
  // run (engine.ts, opaque); PostgreSQL binds them as before.
  const viewer = opaque(db, p.viewerId);
  const since = opaque(db, p.since);
  const active = (eb: { and: (e: Array<Expression<SqlBool>>) => Expression<SqlBool> }, ...more: Array<Expression<SqlBool>>) =>
    eb.and([...more, sql<SqlBool>`p.deleted = 0`, sql<SqlBool>`p.is_bot = 0`]);
  /** The figure when the row is one of the viewer's reports, NULL for the others. */
  const ofReport = <T>(figure: Expression<T>) => sql<T | null>`CASE WHEN p.manager_id = ${viewer} THEN ${figure} END`;
  const plan = planJson(db, p.viewerId);
  /** The viewer, their manager, the manager's active reports and the viewer's: four OR'd index seeks. */
  const inCircle = (eb: ExpressionBuilder<Database & { p: Database['people'] }, 'p'>) => eb.or([
    eb('p.id', '=', viewer),
    eb('p.id', '=', managerOf(db, viewer)),
    active(eb, eb('p.manager_id', '=', viewer)),
    active(eb, eb('p.manager_id', '=', managerOf(db, viewer))),
  ]);
  return {
    people: db.selectFrom('people as p').select(PEOPLE_AS_P).select((eb) => [
      ofReport(eb.selectFrom('one_on_ones as o').select('o.held_on').whereRef('o.report_id', '=', 'p.id')
        .where('o.manager_id', '=', viewer).orderBy('o.held_at', 'desc').limit(sql.lit(1))).as('last_held_on'),
      ofReport(eb.selectFrom('action_items as a').select((e) => e.fn.countAll<number>().as('n')).whereRef('a.report_id', '=', 'p.id')
        .where('a.manager_id', '=', viewer).where('a.done_at', 'is', null)).as('open_items'),
      ofReport(eb.selectFrom('kudos_recipients as kr').select((e) => e.fn.countAll<number>().as('n')).whereRef('kr.recipient_id', '=', 'p.id')
        .where('kr.created_at', '>=', since)).as('kudos_since'),
      ofReport(reportDepth('p')).as('depth'),
    ]).where(inCircle).orderBy(byNameKey(db, 'p.name')).orderBy('p.id'),
    // The goals of everyone in the circle, as activeWithLatest(ids) with the ids the people statement returns.
    goals: activeWithLatestQuery(db, db.selectFrom('people as p').select('p.id').where(inCircle)),
    context: db.selectFrom(db.selectNoFrom((eb) => [
      eb.selectFrom('kudos_recipients').select((e) => e.fn.countAll<number>().as('n')).where('recipient_id', '=', viewer).where('created_at', '>=', since).as('received_since'),
      eb.selectFrom('kudos').select((e) => e.fn.countAll<number>().as('n')).where('giver_id', '=', viewer).where('created_at', '>=', since).as('given_since'),
      eb.selectFrom('kudos_recipients').select((e) => e.fn.countAll<number>().as('n')).where('recipient_id', '=', viewer).as('received_total'),
      eb.selectFrom('kudos').select((e) => e.fn.countAll<number>().as('n')).where('giver_id', '=', viewer).as('given_total'),
      eb.selectFrom('settings').select('value').where('key', '=', opaque(db, p.tipKey)).as('tip'),
      eb.selectFrom('settings').select('value').where('key', '=', opaque(db, INSTALLER_KEY)).as('installer_id'),
      eb.selectFrom('goal_reminder_opt_outs').select('person_id').where('person_id', '=', viewer).as('opted_out'),
      plan.plan.as('plan'), plan.steps.as('plan_steps'), plan.suggestions.as('plan_suggestions'),
    ]).as('c'))
      .leftJoin(
        db.selectFrom('kudos_recipients as kr').innerJoin('kudos as k', 'k.id', 'kr.kudos_id').leftJoin('people as g', 'g.id', 'k.giver_id')
          .select(PEOPLE_AS_G)
          .select(['k.id as kudos_id', 'k.giver_id', 'k.value', 'k.message', 'k.created_at as kudos_at', 'k.source_permalink', 'kr.created_at as received_at'])
          .where('kr.recipient_id', '=', viewer).orderBy('kr.created_at', 'desc').orderBy('k.id', 'desc').limit(opaque(db, p.limit))
          .as('l'),
        (join) => join.onTrue(),
      )
      .selectAll()
      // The derived table's order does not survive the join on either engine's promise: the same keys again.
      .orderBy('l.received_at', 'desc').orderBy('l.kudos_id', 'desc'),
  };
};

type CircleRow = Parameters<typeof toPerson>[0] & { last_held_on: string | null; open_items: number | null; kudos_since: number | null; depth: number | null; welcome_seen_at: number | null; welcome_dismissed_at: number | null };

/** Splits the people statement's rows as the one-by-one reads returned them: each list keeps the by-name order. */
function splitPeople(viewerId: string, rows: CircleRow[]): Pick<HomeCircle, 'viewer' | 'manager' | 'team' | 'reports' | 'welcome'> {
  const viewerRow = rows.find((r) => r.id === viewerId);
  const managerId = viewerRow?.manager_id ?? undefined;
  const isActive = (r: CircleRow) => r.deleted === 0 && r.is_bot === 0;
  const managerRow = managerId === undefined ? undefined : rows.find((r) => r.id === managerId);
  const reports: TeamFacts[] = rows.filter((r) => r.manager_id === viewerId && isActive(r)).map((r) => ({
    person: toPerson(r),
    lastOneOnOne: r.last_held_on ?? undefined,
    openActionItems: Number(r.open_items ?? 0),
    kudosSince: Number(r.kudos_since ?? 0),
    depth: Number(r.depth ?? 1),
  }));
  return {
    viewer: viewerRow ? toPerson(viewerRow) : undefined,
    // As getWithReports(managerId): the manager's row when it is on record, and their active reports.
    manager: managerRow ? toPerson(managerRow) : undefined,
    team: managerId === undefined ? [] : rows.filter((r) => r.manager_id === managerId && isActive(r)).map(toPerson),
    reports,
    welcome: { seenAt: viewerRow?.welcome_seen_at ?? undefined, dismissedAt: viewerRow?.welcome_dismissed_at ?? undefined },
  };
}

/**
 * The three statements built and compiled once per database (preparedShared), and on PostgreSQL prepared on the server
 * under a name (serverSideName): planning them cost the server more than running them, on every open of App Home.
 * They list their columns (columns.ts), never `table.*`, so a migration adding a column does not break them.
 */
const PEOPLE = (db: Executor, p: Params) => circleQueries(db, p).people;
const CONTEXT = (db: Executor, p: Params) => circleQueries(db, p).context;
const GOALS = (db: Executor, p: Params) => circleQueries(db, p).goals;
type ContextRow = Awaited<ReturnType<ReturnType<typeof CONTEXT>['execute']>>[number];
type GoalRow = Parameters<typeof goalsWithLatest>[0][number];

export async function readCircle(db: Executor, p: Params): Promise<HomeCircle> {
  const [people, context, goals] = await Promise.all([
    preparedShared(db, PEOPLE, SERVER_SIDE)(p), preparedShared(db, CONTEXT, SERVER_SIDE)(p), preparedShared(db, GOALS, SERVER_SIDE)(p),
  ]).then(([a, b, c]) => [a.rows, b.rows as ContextRow[], c.rows as GoalRow[]] as const);
  const split = splitPeople(p.viewerId, people as CircleRow[]);
  const c = context[0];
  const givers = new Map<string, Person>();
  const lines = [];
  for (const r of context) {
    if (r.kudos_id === null || r.kudos_id === undefined) continue;
    lines.push({ id: r.kudos_id, giverId: r.giver_id as string, value: r.value as string, message: r.message as string, at: r.kudos_at as number, permalink: r.source_permalink ?? undefined });
    // The giver's columns are all NULL when their row is gone (the left join keeps the kudos).
    if (r.id !== null && r.id !== undefined) givers.set(r.id, toPerson(r as Parameters<typeof toPerson>[0]));
  }
  return {
    ...split,
    counts: {
      receivedSince: Number(c?.received_since ?? 0), givenSince: Number(c?.given_since ?? 0),
      receivedTotal: Number(c?.received_total ?? 0), givenTotal: Number(c?.given_total ?? 0),
    },
    latest: { lines, givers },
    tip: keptTip(c?.tip),
    welcome: { ...split.welcome, installerId: c?.installer_id ?? undefined },
    remindersOptedOut: c?.opted_out !== null && c?.opted_out !== undefined,
    plan: planFromJson(p.viewerId, c?.plan, c?.plan_steps, c?.plan_suggestions),
    goals: goalsWithLatest(goals),
  };
}
