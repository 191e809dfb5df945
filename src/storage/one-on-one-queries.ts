import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import { opaque, type Executor } from './engine';
import type { ActionItemsTable } from './schema';
import type { Database } from './tables';
import type { ActionItem, OneOnOneSummary } from '../domain/one-on-ones';
import { activeWithLatestQuery } from './goal-repository';
import { planJson } from './development-plan-repository';
import { depthOf } from './people-sql';
import { recognitionQuery } from './recognition-query';
import { jsonSql } from './json-sql';

export const PREPARED_KIND = 'one_on_one.prepared';
export const AGENDA_KIND = 'one_on_one.agenda_sent';

const SUMMARY_COLUMNS = ['o.id', 'o.manager_id', 'o.report_id', 'o.held_on', 'o.held_at', 'o.energy', 'o.career_talk', 'o.summary_sent', 'o.created_at'] as const;
const ITEM_COLUMNS = ['a.id', 'a.one_on_one_id', 'a.manager_id', 'a.report_id', 'a.owner_id', 'a.text', 'a.done_at', 'a.created_at', 'o.held_on'] as const;
/** ITEM_COLUMNS' names: an item's keys in the facts' JSON, as ItemRow has them. */
const ITEM_KEYS = ITEM_COLUMNS.map((c) => c.slice(2));
/** activeWithLatestQuery's goal and check-in columns (the goal's idempotency key stays in the table). */
const GOAL_KEYS = [
  'id', 'owner_id', 'kind', 'visibility', 'title', 'why', 'measure', 'due_on', 'status', 'progress', 'last_check_in_at', 'archived_at', 'created_at', 'updated_at',
  'c_id', 'c_author_id', 'c_status', 'c_progress', 'c_note', 'c_created_at',
] as const;
const RECOGNITION_KEYS = ['giver_id', 'value', 'message', 'created_at', 'kudos_id'] as const;

const openItemsOf = (db: Executor, p: PairKey & { limit: number }) => db.selectFrom('action_items as a').innerJoin('one_on_ones as o', 'o.id', 'a.one_on_one_id').select(ITEM_COLUMNS)
  .where('a.manager_id', '=', opaque(db, p.managerId)).where('a.report_id', '=', opaque(db, p.reportId)).where('a.done_at', 'is', null)
  .orderBy('a.created_at').orderBy('a.id').limit(opaque(db, p.limit));

/**
 * Everything the prep card reads that the manager's and the report's ids decide, as one statement for PostgreSQL
 * (one round trip, where the seven reads it replaces cost the app a round trip's protocol work each). SQLite runs
 * those reads one by one instead: in process they cost no round trip, and building and parsing the JSON cost it
 * more than the reads (measured on the bench's org: ~430 µs of SQL a card against ~240 µs). The pair's
 * figures and the manager's last prepared items (one row of aggregates over the pair's 1:1s), both people's depth,
 * and as JSON the open items (openItems), the recognition the report received (recognitionQuery), the report's
 * active goals with their latest check-ins (activeWithLatestQuery) and development plan (planJson). Goals and the
 * plan come unfiltered: the domain shows them only as the goals' and plans' rules allow, as it did the separate reads.
 */
// Fields are read one by one (never spread): preparedNamed's stand-in has no keys of its own to spread.
export const prepFactsQuery = (db: Executor, p: FactsParams) => {
  const json = jsonSql(db);
  const plan = planJson(db, p.reportId);
  // The pair's aggregate on its own row first, the rest over that one row: each sub-query then runs once whatever an
  // engine does with sub-queries in an aggregate's select list.
  const pairRow = db.selectFrom('one_on_ones as s').select((e) => pairFigures(db, p, e))
    .where('s.manager_id', '=', p.managerId).where('s.report_id', '=', p.reportId);
  return db.selectFrom(pairRow.as('f')).selectAll('f').select([
    lastPreparedOf(db, p).as('last_prepared'),
    depthOf(p.managerId).as('manager_depth'),
    depthOf(p.reportId).as('report_depth'),
    json.rows(openItemsOf(db, { managerId: p.managerId, reportId: p.reportId, limit: p.openLimit }), ITEM_KEYS, 'x.created_at, x.id').as('open_items'),
    json.rows(recognitionQuery(db, { personId: p.reportId, from: p.since, limit: p.recognitionLimit }), RECOGNITION_KEYS, 'x.created_at DESC, x.kudos_id DESC').as('recognition'),
    json.rows(activeWithLatestQuery(db, [p.reportId]), GOAL_KEYS, 'x.created_at DESC, x.id DESC').as('goals'),
    plan.plan.as('plan'), plan.steps.as('plan_steps'), plan.suggestions.as('plan_suggestions'),
  ]);
};

/** Stand-in values: the prepared templates are built from the same builders the tests EXPLAIN. */
export const NO_PAIR = { managerId: '', reportId: '', limit: 0, ids: [0] as readonly number[] };
type Pair = typeof NO_PAIR;
type PairKey = { managerId: string; reportId: string };

/** The prep card's facts' values (prepFacts): the pair, the recognition window and how many rows of each list. */
export const NO_FACTS = { managerId: '', reportId: '', since: 0, openLimit: 0, recognitionLimit: 0 };
export type FactsParams = typeof NO_FACTS;

/**
 * SQLite re-plans on every run a statement whose planning read a bound value (engine.ts, opaque): on the prep card's
 * reads the pair's and the manager's equalities are opaque there and the constants literals (measured on the bench's
 * org: the pair's figures ~43 µs a run against a ~36 µs prepare before).
 */
const ONE = sql.lit(1);

/** The pair's latest 1:1 (ties on held_at broken by the later row), for a sub-query. */
const lastOfPair = (db: Executor, p: PairKey) => db.selectFrom('one_on_ones as l')
  .where('l.manager_id', '=', opaque(db, p.managerId)).where('l.report_id', '=', opaque(db, p.reportId)).orderBy('l.held_at', 'desc').orderBy('l.id', 'desc').limit(ONE);

/** The manager's last prep card's items (the event's data), newest first. */
const lastPreparedOf = (db: Executor, p: PairKey) => db.selectFrom('events').select('data').where('actor_id', '=', opaque(db, p.managerId)).where('kind', '=', sql.lit(PREPARED_KIND))
  .orderBy('at', 'desc').orderBy('id', 'desc').limit(ONE);

/** A pair's count, first and last 1:1, last career talk, and its latest 1:1's date and situation. */
const pairFigures = (db: Executor, p: PairKey, e: ExpressionBuilder<Database & { s: Database['one_on_ones'] }, 's'>) => [
  e.fn.countAll<number>().as('n'), e.fn.min('s.held_at').as('first'), e.fn.max('s.held_at').as('last'),
  sql<number | null>`MAX(CASE WHEN s.career_talk = 1 THEN s.held_at END)`.as('career'),
  lastOfPair(db, p).select('l.held_on').as('last_held_on'),
  lastOfPair(db, p).select('l.situation').as('last_situation'),
] as const;

/**
 * The 1:1 storage's reads, exported so a test can EXPLAIN each on both engines. Every one seeks a pair index
 * (one_on_ones_pair, action_items_open_pair) or events_actor_kind: none scans a table that grows with the org.
 */
export const oneOnOneQueries = (db: Executor, p: Pair = NO_PAIR) => ({
  /** The log modal's open items, oldest first (the prep card has them in its facts). */
  openItems: openItemsOf(db, p),
  // The pair's figures and its latest 1:1 in one round trip: two correlated seeks of the pair index for the latest row.
  pairStats: db.selectFrom('one_on_ones as s').select((e) => pairFigures(db, p, e))
    .where('s.manager_id', '=', p.managerId).where('s.report_id', '=', p.reportId),
  // The pair's figures and the manager's last prepared items in one statement: the prep card's facts on SQLite.
  prepStats: db.selectFrom('one_on_ones as s').select((e) => [...pairFigures(db, p, e), lastPreparedOf(db, p).as('last_prepared')])
    .where('s.manager_id', '=', opaque(db, p.managerId)).where('s.report_id', '=', opaque(db, p.reportId)),
  // The prep card's reads in one statement on PostgreSQL (prepFactsQuery), with the pair's limit as both lists' and no window.
  prepFacts: prepFactsQuery(db, { managerId: p.managerId, reportId: p.reportId, since: 0, openLimit: p.limit, recognitionLimit: p.limit }),
  // The latest 1:1 per report, ties on held_at broken by the later row (SQLite's bare-column MAX had no rule).
  lastByReport: db.selectFrom((eb) => eb.selectFrom('one_on_ones').select([
    'report_id', 'held_at', 'held_on', sql<number>`row_number() OVER (PARTITION BY report_id ORDER BY held_at DESC, id DESC)`.as('rn'),
  ]).where('manager_id', '=', p.managerId).as('x')).select(['x.report_id', 'x.held_at', 'x.held_on']).where(sql<boolean>`x.rn = 1`),
  // A 1:1 leaves the database only for the manager who held it: a later manager of the same report never
  // sees it (issue 15). The CASE keeps note text behind the same rule should the WHERE ever widen.
  history: db.selectFrom('one_on_ones as o').select([...SUMMARY_COLUMNS, sql<string | null>`CASE WHEN o.manager_id = ${p.managerId} THEN o.notes END`.as('notes')])
    .where('o.report_id', '=', p.reportId).where('o.manager_id', '=', p.managerId)
    .orderBy('o.held_at', 'desc').orderBy('o.id', 'desc').limit(p.limit),
  // Through the pair index: there is no index on action_items(one_on_one_id).
  itemsOf: db.selectFrom('action_items as a').innerJoin('one_on_ones as o', 'o.id', 'a.one_on_one_id').select(ITEM_COLUMNS)
    .where('a.manager_id', '=', p.managerId).where('a.report_id', '=', p.reportId).where('a.one_on_one_id', 'in', p.ids).orderBy('a.id'),
  lastPrepared: lastPreparedOf(db, p),
  lastAgenda: db.selectFrom('events').select('at').where('actor_id', '=', p.managerId).where('kind', '=', AGENDA_KIND)
    .where('subject_id', '=', p.reportId).orderBy('at', 'desc').limit(1),
});

export interface OneOnOneRow {
  id: number;
  manager_id: string;
  report_id: string;
  held_on: string;
  held_at: number;
  energy: number | null;
  career_talk: number;
  summary_sent: number;
  created_at: number;
}

/** An action item as stored, with the date of the 1:1 it came from. */
export type ItemRow = Selectable<ActionItemsTable> & { held_on: string };

export function toSummary(r: OneOnOneRow): OneOnOneSummary {
  return {
    id: r.id,
    managerId: r.manager_id,
    reportId: r.report_id,
    heldOn: r.held_on,
    heldAt: r.held_at,
    energy: r.energy ?? undefined,
    careerTalk: r.career_talk === 1,
    summarySent: r.summary_sent === 1,
    createdAt: r.created_at,
  };
}

export function toItem(r: ItemRow): ActionItem {
  return {
    id: r.id,
    oneOnOneId: r.one_on_one_id,
    managerId: r.manager_id,
    reportId: r.report_id,
    ownerId: r.owner_id,
    text: r.text,
    doneAt: r.done_at ?? undefined,
    createdAt: r.created_at,
    heldOn: r.held_on,
  };
}
