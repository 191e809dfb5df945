import type { Executor } from './engine';
import type { HomeReadModel, KudosLine } from '../domain/home';

/**
 * App Home's reads over the 1:1 and kudos tables (0001 schema). Each team query walks the manager's
 * current reports and seeks one index per report, so its cost follows the team size, not the table size.
 */
const reportsOf = (db: Executor, managerId: string) =>
  db.selectFrom('people as p').where('p.manager_id', '=', managerId).where('p.deleted', '=', 0).where('p.is_bot', '=', 0);

/** The queries, exported so a test can EXPLAIN each one on both engines and check it seeks an index. */
export const homeQueries = (db: Executor, p: { managerId: string; personId: string; since: number; limit: number }) => ({
  last: reportsOf(db, p.managerId).select((eb) => [
    'p.id',
    eb.selectFrom('one_on_ones as o').select('o.held_on').whereRef('o.report_id', '=', 'p.id')
      .where('o.manager_id', '=', p.managerId).orderBy('o.held_at', 'desc').limit(1).as('v'),
  ]),
  openItems: reportsOf(db, p.managerId).select((eb) => [
    'p.id',
    eb.selectFrom('action_items as a').select((e) => e.fn.countAll<number>().as('n')).whereRef('a.report_id', '=', 'p.id')
      .where('a.manager_id', '=', p.managerId).where('a.done_at', 'is', null).as('v'),
  ]),
  teamKudos: reportsOf(db, p.managerId).select((eb) => [
    'p.id',
    eb.selectFrom('kudos_recipients as kr').select((e) => e.fn.countAll<number>().as('n')).whereRef('kr.recipient_id', '=', 'p.id')
      .where('kr.created_at', '>=', p.since).as('v'),
  ]),
  received: db.selectFrom('kudos_recipients').select((e) => e.fn.countAll<number>().as('n'))
    .where('recipient_id', '=', p.personId).where('created_at', '>=', p.since),
  given: db.selectFrom('kudos').select((e) => e.fn.countAll<number>().as('n')).where('giver_id', '=', p.personId).where('created_at', '>=', p.since),
  latest: db.selectFrom('kudos_recipients as kr').innerJoin('kudos as k', 'k.id', 'kr.kudos_id')
    .select(['k.id', 'k.giver_id', 'k.value', 'k.message', 'k.created_at', 'k.source_permalink'])
    .where('kr.recipient_id', '=', p.personId).orderBy('kr.created_at', 'desc').orderBy('k.id', 'desc').limit(p.limit),
});

const NONE = { managerId: '', personId: '', since: 0, limit: 0 };

function toMap<V>(rows: Array<{ id: string; v: V | null }>, keep: (v: V) => boolean): Map<string, V> {
  const out = new Map<string, V>();
  for (const r of rows) if (r.v !== null && keep(r.v)) out.set(r.id, r.v);
  return out;
}

function toKudosLine(r: { id: number; giver_id: string; value: string; message: string; created_at: number; source_permalink: string | null }): KudosLine {
  return { id: r.id, giverId: r.giver_id, value: r.value, message: r.message, at: r.created_at, permalink: r.source_permalink ?? undefined };
}

export function createHomeReadModel(db: Executor): HomeReadModel {
  const q = (p: Partial<typeof NONE>) => homeQueries(db, { ...NONE, ...p });
  const count = async (query: { executeTakeFirst(): Promise<{ n: number } | undefined> }) => Number((await query.executeTakeFirst())?.n ?? 0);
  return {
    lastOneOnOnes: async (managerId) => toMap(await q({ managerId }).last.execute(), () => true),
    // COUNT(*) is a BIGINT on PostgreSQL (parsed to a number, see postgres-types.ts).
    openActionItems: async (managerId) => toMap((await q({ managerId }).openItems.execute()).map((r) => ({ id: r.id, v: Number(r.v) })), (n) => n > 0),
    teamKudosSince: async (managerId, since) =>
      toMap((await q({ managerId, since }).teamKudos.execute()).map((r) => ({ id: r.id, v: Number(r.v) })), (n) => n > 0),
    recognitionCounts: async (personId, since) => {
      const [receivedSince, givenSince, receivedTotal, givenTotal] = await Promise.all([
        count(q({ personId, since }).received),
        count(q({ personId, since }).given),
        count(q({ personId, since: 0 }).received),
        count(q({ personId, since: 0 }).given),
      ]);
      return { receivedSince, givenSince, receivedTotal, givenTotal };
    },
    latestKudosReceived: async (personId, limit) => (await q({ personId, limit }).latest.execute()).map(toKudosLine),
  };
}
