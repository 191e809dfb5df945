import type { GuidanceSeenRepository } from '../domain/ports';
import { opaque, prepared, SERVER_SIDE, type Executor } from './engine';
import { preparedNamed } from './prepared-named';

/** The reads, exported so a test can EXPLAIN them: both walk the (person_id, pool, seen_at, id) index. */
export const guidanceSeenQueries = (db: Executor, p: { personId: string; pool: string }) => ({
  // id breaks ties between picks recorded in the same millisecond, so "most recent first" stays exact (0016).
  seen: db.selectFrom('guidance_seen').select('item_id').where('person_id', '=', p.personId).where('pool', '=', p.pool)
    .orderBy('seen_at', 'desc').orderBy('id', 'desc'),
  count: db.selectFrom('guidance_seen').select((e) => e.fn.countAll<number>().as('n')).where('person_id', '=', p.personId).where('pool', '=', p.pool),
  // Both in one round trip: every row carries the count of the whole (person, pool) range, an uncorrelated sub-query
  // run once (a window COUNT would make SQLite sort the range).
  // The person and the pool opaque on SQLite, which would otherwise plan the statement again on every run (engine.ts).
  latest: db.selectFrom('guidance_seen as g').select((eb) => ['g.item_id', eb.selectFrom('guidance_seen as c').select((e) => e.fn.countAll<number>().as('n'))
    .where('c.person_id', '=', opaque(db, p.personId)).where('c.pool', '=', opaque(db, p.pool)).as('n')])
    .where('g.person_id', '=', opaque(db, p.personId)).where('g.pool', '=', opaque(db, p.pool))
    .orderBy('g.seen_at', 'desc').orderBy('g.id', 'desc'),
});

/** Which guidance items each person has been shown, per pool, so tips rotate without repeats. Read on every tip. */
export function createGuidanceSeenRepository(db: Executor): GuidanceSeenRepository {
  const q = guidanceSeenQueries(db, { personId: '', pool: '' });
  const all = prepared(db, q.seen);
  const some = prepared(db, q.seen.limit(0));
  const total = prepared(db, q.count);
  // The two every prep card sends, named on the PostgreSQL server (engine.ts serverSideName).
  const latest = preparedNamed(db, (p: { personId: string; pool: string; limit: number }) => guidanceSeenQueries(db, p).latest.limit(opaque(db, p.limit)), SERVER_SIDE);
  const insert = prepared(db, db.insertInto('guidance_seen').values({ person_id: '', item_id: '', pool: '', seen_at: 0 }), SERVER_SIDE);
  return {
    seen: async (personId, pool, limit) => {
      const rows = limit === undefined ? await all([personId, pool]) : await some([personId, pool, Math.max(0, Math.floor(limit))]);
      return rows.rows.map((r) => r.item_id);
    },
    count: async (personId, pool) => Number((await total([personId, pool])).rows[0]?.n ?? 0),
    latest: async (personId, pool, limit) => {
      const { rows } = await latest({ personId, pool, limit: Math.max(0, Math.floor(limit)) });
      // No row when the limit is 0: the count then needs its own read.
      const count = rows.length > 0 ? Number(rows[0]?.n) : limit >= 1 ? 0 : Number((await total([personId, pool])).rows[0]?.n ?? 0);
      return { count, itemIds: rows.map((r) => r.item_id) };
    },
    record: async (personId, itemId, pool, at) => {
      await insert([personId, itemId, pool, at]);
    },
  };
}
