import { sql } from 'kysely';
import { DomainError } from '../domain/errors';
import { affected, engineOf, SERVER_SIDE, type Executor } from './engine';
import { preparedNamed } from './prepared-named';
import { MissingDataKeyError, type TextSealer } from './sealed-text';
import { columnContext, NOTES_COLUMN } from './sealed-columns';
import { NO_PAIR, oneOnOneQueries, prepFactsQuery, PREPARED_KIND, toItem, toSummary, type FactsParams, type ItemRow } from './one-on-one-queries';
import { parsedJson } from './json-sql';
import { createGoalRepository, goalsWithLatest } from './goal-repository';
import { createDevelopmentPlanRepository, planFromJson } from './development-plan-repository';
import { createPeopleRepository } from './people-repository';
import { createGuidanceSeenRepository } from './guidance-seen-repository';
import { recognitionQuery } from './recognition-query';
import type { NewActionItem, OneOnOneHistoryEntry, OneOnOneRepository, PairStats, PrepFacts, ReceivedRecognition } from '../domain/one-on-ones';

export { AGENDA_KIND } from './one-on-one-queries';

const NOTES = columnContext(NOTES_COLUMN);

/** Notes are sealed before they reach SQL; without LEADWELL_DATA_KEY they are refused in words, never stored in clear. */
function sealNotes(sealer: TextSealer, notes: string): string {
  try {
    return sealer.seal(notes, NOTES);
  } catch (err) {
    if (!(err instanceof MissingDataKeyError)) throw err;
    throw new DomainError(
      'notes_need_key',
      'Private notes are switched off on this Leadwell until its operator sets LEADWELL_DATA_KEY (notes are stored encrypted). Clear the notes to save the rest.',
      'notes',
    );
  }
}

function openNotes(sealer: TextSealer, stored: string): string {
  const opened = sealer.open(stored, NOTES);
  return opened.ok ? opened.text : `(These notes are encrypted under data key ${opened.keyId}, which this Leadwell does not hold. Ask your Leadwell operator.)`;
}

function preparedItems(data: string): string[] {
  try {
    const parsed = JSON.parse(data) as { items?: unknown };
    return Array.isArray(parsed.items) ? parsed.items.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

type RecognitionRow = { giver_id: string; value: string; message: string; created_at: number };

type StatsRow = { n: number | string; first: number | null; last: number | null; career: number | null; last_held_on: string | null; last_situation: string | null };

function toStats(s: StatsRow | undefined): PairStats {
  return {
    count: Number(s?.n ?? 0),
    firstHeldAt: s?.first ?? undefined,
    lastHeldAt: s?.last ?? undefined,
    lastHeldOn: s?.last_held_on ?? undefined,
    lastCareerAt: s?.career ?? undefined,
    ...(s?.last_situation ? { lastSituation: s.last_situation } : {}),
  };
}

export type OneOnOneStore = OneOnOneRepository;

/** The pair's figures and the manager's last prepared items, from a prepStats or prepFacts row. */
function pairPart(row: (StatsRow & { last_prepared?: unknown }) | undefined): Pick<PrepFacts, 'stats' | 'lastPrepared'> {
  return { stats: toStats(row), lastPrepared: typeof row?.last_prepared === 'string' ? preparedItems(row.last_prepared) : [] };
}

const toRecognition = (r: RecognitionRow): ReceivedRecognition => ({ giverId: r.giver_id, value: r.value, message: r.message, at: r.created_at });

type Prepared = { at: number; managerId: string; reportId: string; data: string };

const rememberQuery = (db: Executor, p: Prepared) =>
  db.insertInto('events').values({ at: p.at, kind: PREPARED_KIND, actor_id: p.managerId, subject_id: p.reportId, data: p.data });

/** recordPrep's values: the event's, and the guidance picks as two arrays of the same length (items, their pools). */
type PrepRecord = Prepared & { items: readonly string[]; pools: readonly string[] };

/**
 * What a fresh prep card records, as one PostgreSQL statement: the prepared event (its items, so the next card does
 * not repeat them) and the manager's guidance picks (guidance_seen, as GuidanceSeenRepository.record writes them,
 * in the order drawn: the set-returning unnests in one select list zip the two arrays row by row, and the rows take
 * their ids in that order, which breaks the tie of their one time) in data-modifying WITHs, then the manager's
 * managing mark (people-repository's noteManaging: the latest time seen, never moved back). One round trip and one
 * commit where there were two to four of each; all of it lands or none does.
 */
export const recordPrepQuery = (db: Executor, p: PrepRecord) => db
  .with('prepared', () => rememberQuery(db, p).returning('id'))
  .with('seen', () => db.insertInto('guidance_seen').columns(['person_id', 'item_id', 'pool', 'seen_at']).expression(db.selectNoFrom([
    sql<string>`${p.managerId}::text`.as('person_id'), sql<string>`unnest(${p.items}::text[])`.as('item_id'),
    sql<string>`unnest(${p.pools}::text[])`.as('pool'), sql<number>`${p.at}::bigint`.as('seen_at'),
  ])).returning('id'))
  .updateTable('people').set({ managing_seen_at: sql`GREATEST(COALESCE(managing_seen_at, 0), ${p.at})` }).where('id', '=', p.managerId);

/** The repositories whose statements SQLite's prep facts and prep record run one by one (made on the first card). */
const otherRepositories = (db: Executor) => ({
  people: createPeopleRepository(db), goals: createGoalRepository(db), plans: createDevelopmentPlanRepository(db), guidance: createGuidanceSeenRepository(db),
});

/**
 * 1:1s and their action items on either engine. Several writes of one log (the 1:1, its items, the items it
 * closes) form one unit of work in the domain; each method here is one statement, except recordPrep on SQLite,
 * which writes its parts one by one (see there). The prep card's reads are prepared (they run on every card).
 */
export function createOneOnOneRepository(db: Executor, options: { sealer: TextSealer }): OneOnOneStore {
  const { sealer } = options;
  type Pair = typeof NO_PAIR;
  const hot = {
    openItems: preparedNamed(db, (p: Pair) => oneOnOneQueries(db, p).openItems),
    pairStats: preparedNamed(db, (p: Pair) => oneOnOneQueries(db, p).pairStats),
    // SQLite's prep facts, read one by one (see prepFactsQuery): the pair's part and the report's recognition.
    prepStats: preparedNamed(db, (p: Pair) => oneOnOneQueries(db, p).prepStats),
    received: preparedNamed(db, (p: { personId: string; from: number; limit: number }) => recognitionQuery(db, p)),
    // Planning it costs PostgreSQL more than running it: prepared on the server, once per connection.
    prepFacts: preparedNamed(db, (p: FactsParams) => prepFactsQuery(db, p), { serverSide: true }),
    lastPrepared: preparedNamed(db, (p: Pair) => oneOnOneQueries(db, p).lastPrepared),
    lastAgenda: preparedNamed(db, (p: Pair) => oneOnOneQueries(db, p).lastAgenda),
    // Every fresh card writes one: built once, like the event log's insert.
    remember: preparedNamed(db, (p: Prepared) => rememberQuery(db, p), SERVER_SIDE),
    // PostgreSQL: the same event, the guidance picks and the manager's managing mark in one statement (recordPrepQuery).
    recordPrep: preparedNamed(db, (p: PrepRecord) => recordPrepQuery(db, p), SERVER_SIDE),
  };
  const pair = (managerId: string, reportId = '', limit = 0) => ({ ...NO_PAIR, managerId, reportId, limit });
  // The other repositories SQLite's prep facts and record use: made on the first card (a repository is made per unit
  // of work too, and most never prepare a card).
  let made: ReturnType<typeof otherRepositories> | undefined;
  const others = () => (made ??= otherRepositories(db));
  const sqlite = engineOf(db) === 'sqlite';

  /** SQLite: the reads prepFactsQuery stands for, each the owning repository's own, sent together. */
  async function separateFacts(managerId: string, reportId: string, o: { since: number; openItems: number; recognition: number }): Promise<PrepFacts> {
    const { people, goals, plans } = others();
    const [stats, items, kudos, depths, reportGoals, reportPlan] = await Promise.all([
      hot.prepStats(pair(managerId, reportId)),
      hot.openItems(pair(managerId, reportId, o.openItems)),
      hot.received({ personId: reportId, from: o.since, limit: o.recognition }),
      people.subtreeDepths([managerId, reportId]),
      goals.activeWithLatest([reportId]),
      plans.get(reportId),
    ]);
    return {
      ...pairPart(stats.rows[0]),
      managerDepth: depths.get(managerId) ?? 0,
      reportDepth: depths.get(reportId) ?? 0,
      openItems: items.rows.map(toItem),
      recognition: kudos.rows.map(toRecognition),
      reportGoals,
      reportPlan,
    };
  }
  const items = async (managerId: string, reportId: string, ids: readonly number[]) =>
    ids.length === 0 ? [] : (await oneOnOneQueries(db, { managerId, reportId, limit: 0, ids }).itemsOf.execute()).map(toItem);

  return {
    async insert(row) {
      const inserted = await db.insertInto('one_on_ones').values({
        manager_id: row.managerId, report_id: row.reportId, held_on: row.heldOn, held_at: row.heldAt, notes: sealNotes(sealer, row.notes),
        energy: row.energy ?? null, career_talk: row.careerTalk ? 1 : 0, situation: row.situation ?? null,
        idempotency_key: row.idempotencyKey, created_at: row.createdAt,
      }).onConflict((oc) => oc.column('idempotency_key').doNothing()).returning('id').executeTakeFirst();
      if (inserted) return { id: inserted.id, created: true };
      const existing = await db.selectFrom('one_on_ones').select('id').where('idempotency_key', '=', row.idempotencyKey).executeTakeFirstOrThrow();
      return { id: existing.id, created: false };
    },
    async addItems(oneOnOneId, managerId, reportId, list: readonly NewActionItem[], at) {
      if (list.length === 0) return;
      // One statement, rows in the given order: ids (and so the oldest-first order of open items) follow the list.
      await db.insertInto('action_items').values(list.map((item) => ({
        one_on_one_id: oneOnOneId, manager_id: managerId, report_id: reportId, owner_id: item.ownerId, text: item.text, created_at: at,
      }))).execute();
    },
    async completeItems(managerId, reportId, itemIds, at) {
      if (itemIds.length === 0) return 0;
      return affected(await db.updateTable('action_items').set({ done_at: at }).where('id', 'in', itemIds)
        .where('manager_id', '=', managerId).where('report_id', '=', reportId).where('done_at', 'is', null).executeTakeFirst());
    },
    openItems: async (managerId, reportId, limit) => (await hot.openItems(pair(managerId, reportId, limit))).rows.map(toItem),
    pairStats: async (managerId, reportId) => toStats((await hot.pairStats(pair(managerId, reportId))).rows[0]),
    async prepFacts(managerId, reportId, o) {
      if (sqlite) return separateFacts(managerId, reportId, o);
      const row = (await hot.prepFacts({ managerId, reportId, since: o.since, openLimit: o.openItems, recognitionLimit: o.recognition })).rows[0];
      return {
        ...pairPart(row),
        managerDepth: Number(row?.manager_depth ?? 0),
        reportDepth: Number(row?.report_depth ?? 0),
        openItems: (parsedJson<ItemRow[]>(row?.open_items) ?? []).map(toItem),
        recognition: (parsedJson<RecognitionRow[]>(row?.recognition) ?? []).map(toRecognition),
        reportGoals: goalsWithLatest(parsedJson<Parameters<typeof goalsWithLatest>[0]>(row?.goals) ?? []),
        reportPlan: planFromJson(reportId, row?.plan, row?.plan_steps, row?.plan_suggestions),
      };
    },
    async lastHeldByReport(managerId) {
      const rows = await oneOnOneQueries(db, { ...NO_PAIR, managerId }).lastByReport.execute();
      return new Map(rows.map((r) => [r.report_id, { heldAt: r.held_at, heldOn: r.held_on }]));
    },
    async history(reportId, viewerId, limit): Promise<OneOnOneHistoryEntry[]> {
      const rows = await oneOnOneQueries(db, { managerId: viewerId, reportId, limit, ids: [] }).history.execute();
      const all = await items(viewerId, reportId, rows.map((r) => r.id));
      return rows.map((r) => ({
        ...toSummary(r),
        ...(typeof r.notes === 'string' ? { notes: openNotes(sealer, r.notes) } : {}),
        items: all.filter((i) => i.oneOnOneId === r.id),
      }));
    },
    async markSummarySent(id) {
      await db.updateTable('one_on_ones').set({ summary_sent: 1 }).where('id', '=', id).execute();
    },
    async lastPreparedItems(managerId) {
      const row = (await hot.lastPrepared(pair(managerId))).rows[0];
      return row ? preparedItems(row.data) : [];
    },
    async recordPrep(managerId, reportId, itemIds, at, draws = []) {
      const p = { at, managerId, reportId, data: JSON.stringify({ items: itemIds }) };
      if (!sqlite) {
        await hot.recordPrep({ ...p, items: draws.map((d) => d.itemId), pools: draws.map((d) => d.pool) });
        return;
      }
      // SQLite has no data-modifying WITH, and in process a statement costs no round trip: the writes one by one, the
      // picks in the order drawn (their ids break the tie of their one time).
      const { people, guidance } = others();
      await Promise.all([hot.remember(p), people.noteManaging(managerId, at), (async () => {
        for (const d of draws) await guidance.record(managerId, d.itemId, d.pool, at);
      })()]);
    },
    lastAgendaSentAt: async (managerId, reportId) => (await hot.lastAgenda(pair(managerId, reportId))).rows[0]?.at,
  };
}
