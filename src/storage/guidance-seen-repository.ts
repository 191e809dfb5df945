import type { GuidanceSeenRepository } from '../domain/ports';
import { prepared, type Executor } from './engine';

/** The reads, exported so a test can EXPLAIN them: both walk the (person_id, pool, seen_at, id) index. */
export const guidanceSeenQueries = (db: Executor, p: { personId: string; pool: string }) => ({
  // id breaks ties between picks recorded in the same millisecond, so "most recent first" stays exact (0016).
  seen: db.selectFrom('guidance_seen').select('item_id').where('person_id', '=', p.personId).where('pool', '=', p.pool)
    .orderBy('seen_at', 'desc').orderBy('id', 'desc'),
  count: db.selectFrom('guidance_seen').select((e) => e.fn.countAll<number>().as('n')).where('person_id', '=', p.personId).where('pool', '=', p.pool),
});

/** Which guidance items each person has been shown, per pool, so tips rotate without repeats. Read on every tip. */
export function createGuidanceSeenRepository(db: Executor): GuidanceSeenRepository {
  const q = guidanceSeenQueries(db, { personId: '', pool: '' });
  const all = prepared(db, q.seen);
  const some = prepared(db, q.seen.limit(0));
  const total = prepared(db, q.count);
  const insert = prepared(db, db.insertInto('guidance_seen').values({ person_id: '', item_id: '', pool: '', seen_at: 0 }));
  return {
    seen: async (personId, pool, limit) => {
      const rows = limit === undefined ? await all([personId, pool]) : await some([personId, pool, Math.max(0, Math.floor(limit))]);
      return rows.rows.map((r) => r.item_id);
    },
    count: async (personId, pool) => Number((await total([personId, pool])).rows[0]?.n ?? 0),
    record: async (personId, itemId, pool, at) => {
      await insert([personId, itemId, pool, at]);
    },
  };
}
