import type { Db } from './database';
import type { GuidanceSeenRepository } from '../domain/ports';
import { asyncPort } from './interim-async';

/**
 * Which guidance items each person has been shown, per pool, so tips rotate without repeats.
 * Both reads walk the (person_id, pool, seen_at) index; rowid breaks ties between picks recorded
 * in the same millisecond so "most recent first" stays exact.
 */
export function createGuidanceSeenRepository(db: Db): GuidanceSeenRepository {
  const insert = db.prepare('INSERT INTO guidance_seen (person_id, item_id, pool, seen_at) VALUES (?, ?, ?, ?)');
  const recent = db
    .prepare(
      'SELECT item_id FROM guidance_seen WHERE person_id = ? AND pool = ? ORDER BY seen_at DESC, rowid DESC LIMIT ?',
    )
    .pluck();
  const total = db.prepare('SELECT COUNT(*) FROM guidance_seen WHERE person_id = ? AND pool = ?').pluck();
  return asyncPort<GuidanceSeenRepository>({
    // LIMIT -1 is SQLite for "no limit".
    seen: (personId, pool, limit) => recent.all(personId, pool, limit === undefined ? -1 : Math.max(0, Math.floor(limit))) as string[],
    count: (personId, pool) => total.get(personId, pool) as number,
    record: (personId, itemId, pool, at) => {
      insert.run(personId, itemId, pool, at);
    },
  });
}
