import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { createGuidanceSeenRepository } from '../../src/storage/guidance-seen-repository';
import type { Db } from '../../src/storage/database';
import { freshDb } from '../helpers/db';

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = freshDb()));
afterEach(() => cleanup());

describe('guidance_seen repository', () => {
  it('returns what a person saw in a pool, most recent first, with ties in the same millisecond in insert order', async () => {
    const repo = createGuidanceSeenRepository(sqliteKysely(db));
    await repo.record('U1', 'a', 'frontline/*/-', 100);
    await repo.record('U1', 'b', 'frontline/*/-', 200);
    await repo.record('U1', 'c', 'frontline/*/-', 200);
    await repo.record('U1', 'x', 'frontline/one-on-one/-', 300);
    await repo.record('U2', 'y', 'frontline/*/-', 300);
    expect(await repo.seen('U1', 'frontline/*/-')).toEqual(['c', 'b', 'a']);
    expect(await repo.seen('U1', 'frontline/*/-', 2)).toEqual(['c', 'b']);
    expect(await repo.seen('U1', 'frontline/*/-', 0)).toEqual([]);
    expect(await repo.count('U1', 'frontline/*/-')).toBe(3);
    expect(await repo.count('U3', 'frontline/*/-')).toBe(0);
    expect(await repo.seen('U2', 'frontline/*/-')).toEqual(['y']);
  });

  it('binds values: ids with quotes and SQL are stored as text', async () => {
    const repo = createGuidanceSeenRepository(sqliteKysely(db));
    const hostile = "U1'); DROP TABLE guidance_seen; --";
    await repo.record(hostile, "it's", 'p', 1);
    expect(await repo.seen(hostile, 'p')).toEqual(["it's"]);
  });

  it('reads through the (person_id, pool, seen_at) index without sorting', () => {
    const plans = (
      [
        ['SELECT item_id FROM guidance_seen WHERE person_id = ? AND pool = ? ORDER BY seen_at DESC, rowid DESC LIMIT ?', ['U1', 'p', 5]],
        ['SELECT COUNT(*) FROM guidance_seen WHERE person_id = ? AND pool = ?', ['U1', 'p']],
      ] as const
    ).map(([sql, params]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | '),
    );
    for (const plan of plans) {
      expect(plan).toMatch(/USING (COVERING )?INDEX guidance_seen_person/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });
});
