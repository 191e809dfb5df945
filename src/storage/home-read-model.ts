import type { Executor } from './engine';
import type { HomeReadModel, KudosLine } from '../domain/home';
import type { Person } from '../domain/people';
import { toPerson } from './people-repository';
import { byNameKey, reportDepth } from './people-sql';
import { circleParams, readCircle } from './home-circle';

/**
 * App Home's reads over the people, 1:1 and kudos tables (0001 schema). The team is one statement: the manager's
 * current reports, each with three correlated sub-queries that seek one index per report, so its cost follows the
 * team size, not the table size, and PostgreSQL answers it in one round trip.
 */
const reportsOf = (db: Executor, managerId: string) =>
  db.selectFrom('people as p').where('p.manager_id', '=', managerId).where('p.deleted', '=', 0).where('p.is_bot', '=', 0);

/** The queries, exported so a test can EXPLAIN each one on both engines and check it seeks an index. */
export const homeQueries = (db: Executor, p: { managerId: string; personId: string; since: number; limit: number }) => ({
  // The same rows and order as the people repository's reportsOf (active reports by name, then id).
  team: reportsOf(db, p.managerId).selectAll('p').select((eb) => [
    eb.selectFrom('one_on_ones as o').select('o.held_on').whereRef('o.report_id', '=', 'p.id')
      .where('o.manager_id', '=', p.managerId).orderBy('o.held_at', 'desc').limit(1).as('last_held_on'),
    eb.selectFrom('action_items as a').select((e) => e.fn.countAll<number>().as('n')).whereRef('a.report_id', '=', 'p.id')
      .where('a.manager_id', '=', p.managerId).where('a.done_at', 'is', null).as('open_items'),
    eb.selectFrom('kudos_recipients as kr').select((e) => e.fn.countAll<number>().as('n')).whereRef('kr.recipient_id', '=', 'p.id')
      .where('kr.created_at', '>=', p.since).as('kudos_since'),
    // The same probes as the people repository's depth: the viewer's level comes from these rows, not another read.
    reportDepth('p').as('depth'),
  ]).orderBy(byNameKey(db, 'p.name')).orderBy('p.id'),
  // Four counts, one round trip: each sub-query seeks its own index.
  counts: db.selectNoFrom((eb) => [
    eb.selectFrom('kudos_recipients').select((e) => e.fn.countAll<number>().as('n')).where('recipient_id', '=', p.personId).where('created_at', '>=', p.since).as('received_since'),
    eb.selectFrom('kudos').select((e) => e.fn.countAll<number>().as('n')).where('giver_id', '=', p.personId).where('created_at', '>=', p.since).as('given_since'),
    eb.selectFrom('kudos_recipients').select((e) => e.fn.countAll<number>().as('n')).where('recipient_id', '=', p.personId).as('received_total'),
    eb.selectFrom('kudos').select((e) => e.fn.countAll<number>().as('n')).where('giver_id', '=', p.personId).as('given_total'),
  ]),
  // With each giver's row (primary key seeks, at most `limit`), so App Home names them without a second statement.
  latest: db.selectFrom('kudos_recipients as kr').innerJoin('kudos as k', 'k.id', 'kr.kudos_id').leftJoin('people as g', 'g.id', 'k.giver_id')
    .selectAll('g')
    .select(['k.id as kudos_id', 'k.giver_id', 'k.value', 'k.message', 'k.created_at as kudos_at', 'k.source_permalink'])
    .where('kr.recipient_id', '=', p.personId).orderBy('kr.created_at', 'desc').orderBy('k.id', 'desc').limit(p.limit),
});

const NONE = { managerId: '', personId: '', since: 0, limit: 0 };

type LatestRow = { kudos_id: number; giver_id: string; value: string; message: string; kudos_at: number; source_permalink: string | null; id: string | null };

function toKudosLine(r: LatestRow): KudosLine {
  return { id: r.kudos_id, giverId: r.giver_id, value: r.value, message: r.message, at: r.kudos_at, permalink: r.source_permalink ?? undefined };
}

export function createHomeReadModel(db: Executor): HomeReadModel {
  const q = (p: Partial<typeof NONE>) => homeQueries(db, { ...NONE, ...p });
  return {
    circle: (viewerId, since, limit) => readCircle(db, circleParams(viewerId, since, limit)),
    // COUNT(*) is a BIGINT on PostgreSQL (parsed to a number, see postgres-types.ts; Number() keeps either engine's).
    team: async (managerId, kudosSince) => (await q({ managerId, since: kudosSince }).team.execute()).map((r) => ({
      person: toPerson(r),
      lastOneOnOne: r.last_held_on ?? undefined,
      openActionItems: Number(r.open_items ?? 0),
      kudosSince: Number(r.kudos_since ?? 0),
      depth: Number(r.depth),
    })),
    recognitionCounts: async (personId, since) => {
      const r = await q({ personId, since }).counts.executeTakeFirst();
      return {
        receivedSince: Number(r?.received_since ?? 0), givenSince: Number(r?.given_since ?? 0),
        receivedTotal: Number(r?.received_total ?? 0), givenTotal: Number(r?.given_total ?? 0),
      };
    },
    latestKudosReceived: async (personId, limit) => {
      const rows = await q({ personId, limit }).latest.execute();
      const givers = new Map<string, Person>();
      // The giver's columns are all NULL when their row is gone (the left join keeps the kudos).
      for (const r of rows) if (r.id !== null) givers.set(r.id, toPerson(r as Parameters<typeof toPerson>[0]));
      return { lines: rows.map(toKudosLine), givers };
    },
  };
}
