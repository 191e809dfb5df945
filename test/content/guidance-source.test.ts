import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { createGuidanceSource, poolKey } from '../../src/content/guidance-source';
import type { ContentLibrary } from '../../src/content/loader';
import { createFixedClock } from '../../src/clock';
import type { GuidanceItem, GuidanceQuery, GuidanceSource } from '../../src/domain/ports';
import { createGuidanceSeenRepository } from '../../src/storage/guidance-seen-repository';
import type { Db } from '../../src/storage/database';
import { freshDb } from '../helpers/db';
import { loadContent } from '../../src/content/loader';
import { expectRotation, item, tempDir, writeBaseItem } from './content-fixtures';

const WEEK = 7 * 24 * 60 * 60 * 1000;
const START = Date.UTC(2026, 0, 5, 9);

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = freshDb()));
afterEach(() => cleanup());

function libraryOf(items: GuidanceItem[]): ContentLibrary {
  return { items, disabled: [], overridden: [], warnings: [] };
}

function sourceOf(items: GuidanceItem[], onDb: Db = db): GuidanceSource {
  return createGuidanceSource({ library: libraryOf(items), seen: createGuidanceSeenRepository(sqliteKysely(onDb)), clock: createFixedClock(START) });
}

function pool(n: number, overrides: Partial<GuidanceItem> = {}, prefix = 'fl-tip'): GuidanceItem[] {
  return Array.from({ length: n }, (_, i) => item(`${prefix}-${String(i).padStart(2, '0')}`, { topic: 'coaching', ...overrides }));
}

async function picks(source: GuidanceSource, query: GuidanceQuery, times: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < times; i += 1) ids.push((await source.next(query))!.id);
  return ids;
}

const weekly = (personId = 'U1'): GuidanceQuery => ({ personId, level: 'frontline' });


describe('rotation', () => {
  it('gives the same picks when a caller holds them back and records them later (a prep card) as when each is recorded at once', async () => {
    const items = [...pool(5), ...pool(3, { topic: 'feedback' }, 'fl-fb'), ...pool(1, { topic: 'solo' }, 'fl-one')];
    const queries: GuidanceQuery[] = [weekly(), { ...weekly(), topic: 'feedback' }, { ...weekly(), topic: 'solo' }];
    const other = freshDb();
    try {
      const atOnce = sourceOf(items);
      const seenLater = createGuidanceSeenRepository(sqliteKysely(other.db));
      const later = createGuidanceSource({ library: libraryOf(items), seen: seenLater, clock: createFixedClock(START) });
      // Batches of one to four picks, several from one pool within a batch, over more than a cycle of every pool.
      let n = 0;
      const rows = () => (other.db.prepare('SELECT count(*) AS n FROM guidance_seen').get() as { n: number }).n;
      for (let batch = 0; batch < 12; batch += 1) {
        const stored = rows();
        const draws: Array<{ pool: string; itemId: string }> = [];
        for (let k = 0; k <= batch % 4; k += 1) {
          const query = queries[(n += 1) % 3 === 0 ? 1 : n % 5 === 0 ? 2 : 0]!;
          const want = (await atOnce.next(query))?.id;
          expect([batch, k, (await later.next(query, undefined, draws))?.id]).toEqual([batch, k, want]);
        }
        // Nothing recorded until the caller writes the picks, in the order drawn, all at one time.
        expect(rows()).toBe(stored);
        for (const d of draws) await seenLater.record('U1', d.itemId, d.pool, START + batch);
        expect(rows()).toBe(stored + draws.length);
      }
      expect(n).toBeGreaterThan(25);
    } finally {
      other.cleanup();
    }
  });

  it('gives a year of weekly tips from a 60-item pool without a single repeat', async () => {
    const ids = await picks(sourceOf(pool(60)), weekly(), 52);
    expect(new Set(ids).size).toBe(52);
  });

  it('rotates a year of weekly tips through a 7-item library loaded from files', async () => {
    const folder = tempDir();
    try {
      for (let i = 0; i < 7; i += 1) writeBaseItem(folder.dir, `ex-tip-${i}`, { topic: 'culture', ask: [] });
      writeBaseItem(folder.dir, 'ex-first', { when: ['first-1:1'] });
      const library = loadContent({ baseDir: folder.dir });
      const source = createGuidanceSource({ library, seen: createGuidanceSeenRepository(sqliteKysely(db)), clock: createFixedClock(START) });
      const ids = await picks(source, { personId: 'U1', level: 'executive' }, 52);
      expectRotation(ids, 7);
      expect(new Set(ids)).toEqual(new Set(Array.from({ length: 7 }, (_, i) => `ex-tip-${i}`)));
    } finally {
      folder.cleanup();
    }
  });

  it('uses up a 10-item pool before repeating, then starts a new cycle in a new order', async () => {
    const ids = await picks(sourceOf(pool(10)), weekly(), 52);
    expectRotation(ids, 10);
    expect(new Set(ids.slice(0, 10)).size).toBe(10);
    expect(ids.slice(10, 20)).not.toEqual(ids.slice(0, 10));
    expect(new Set(ids).size).toBe(10);
  });

  it('never gives the same item twice in a row across cycle boundaries, even with two items', async () => {
    const ids = await picks(sourceOf(pool(2)), weekly(), 21);
    expectRotation(ids, 2);
    const three = await picks(sourceOf(pool(3), db), weekly('U2'), 60);
    expectRotation(three, 3);
  });

  it('repeats the only item of a one-item pool', async () => {
    expect(await picks(sourceOf(pool(1)), weekly(), 3)).toEqual(['fl-tip-00', 'fl-tip-00', 'fl-tip-00']);
  });

  it('is deterministic given the history, and varies between people', async () => {
    const first = await picks(sourceOf(pool(12)), weekly(), 30);
    const other = freshDb();
    try {
      expect(await picks(sourceOf(pool(12), other.db), weekly(), 30)).toEqual(first);
    } finally {
      other.cleanup();
    }
    const orders: string[] = [];
    for (const p of ['U2', 'U3', 'U4', 'U5']) orders.push((await picks(sourceOf(pool(12)), weekly(p), 12)).join(','));
    expect(new Set([first.slice(0, 12).join(','), ...orders]).size).toBeGreaterThan(1);
  });

  it('continues the rotation after a restart (history lives in SQLite)', async () => {
    const before = await picks(sourceOf(pool(8)), weekly(), 5);
    const after = await picks(sourceOf(pool(8)), weekly(), 11);
    expectRotation([...before, ...after], 8);
  });

  it('keeps separate rotations per person and per pool, recorded with the clock time', async () => {
    const clock = createFixedClock(START);
    const source = createGuidanceSource({ library: libraryOf(pool(4)), seen: createGuidanceSeenRepository(sqliteKysely(db)), clock });
    await source.next(weekly('U1'));
    clock.advance(WEEK);
    await source.next({ ...weekly('U1'), topic: 'coaching' });
    await source.next(weekly('U2'));
    const rows = db.prepare('SELECT person_id, pool, seen_at FROM guidance_seen ORDER BY rowid').all();
    expect(rows).toEqual([
      { person_id: 'U1', pool: 'frontline/*/-', seen_at: START },
      { person_id: 'U1', pool: 'frontline/coaching/-', seen_at: START + WEEK },
      { person_id: 'U2', pool: 'frontline/*/-', seen_at: START + WEEK },
    ]);
    expect(poolKey('frontline', 'one-on-one', 'first-1:1')).toBe('frontline/one-on-one/first-1:1');
  });

  it('ends a cycle early rather than failing when the pool shrinks', async () => {
    const all = pool(6);
    const ids = await picks(sourceOf(all), weekly(), 4);
    const smaller = all.filter((i) => i.id !== ids[3]).slice(0, 3);
    const next = await picks(sourceOf(smaller), weekly(), 6);
    expect(next[0]).not.toBe(ids[3]);
    next.slice(1).forEach((id, i) => expect(id).not.toBe(next[i]));
  });
});

describe('selection', () => {
  const items = [
    item('fl-1on1-a'),
    item('fl-1on1-b'),
    item('fl-1on1-first', { when: ['first-1:1'] }),
    item('fl-coach-a', { topic: 'coaching' }),
    item('fl-off', { topic: 'coaching', enabled: false }),
    item('ml-1on1-a', { level: 'mid-level' }),
    item('all-rec-a', { level: 'all', topic: 'recognition' }),
    item('all-rec-b', { level: 'all', topic: 'recognition' }),
    item('all-1on1-overdue', { level: 'all', when: ['overdue'] }),
    item('fl-rec-a', { topic: 'recognition' }),
  ];

  it('prefers the manager level and falls back to level all when the level has none', async () => {
    const source = sourceOf(items);
    expect((await source.next({ personId: 'U1', level: 'frontline', topic: 'recognition' }))!.id).toBe('fl-rec-a');
    const mid = await picks(source, { personId: 'U1', level: 'mid-level', topic: 'recognition' }, 2);
    expect(mid.sort()).toEqual(['all-rec-a', 'all-rec-b']);
    expect((await source.next({ personId: 'U1', level: 'mid-level', topic: 'recognition' }))!.level).toBe('all');
    expect((await picks(source, { personId: 'U9', level: 'all', topic: 'recognition' }, 2)).sort()).toEqual(['all-rec-a', 'all-rec-b']);
  });

  it('draws situational items for their situation only, falling back to general items of the topic', async () => {
    const source = sourceOf(items);
    const first = (await source.next({ personId: 'U1', level: 'frontline', topic: 'one-on-one', situation: 'first-1:1' }))!;
    expect(first).toMatchObject({ id: 'fl-1on1-first', situation: 'first-1:1' });
    const overdue = (await source.next({ personId: 'U1', level: 'frontline', topic: 'one-on-one', situation: 'overdue' }))!;
    expect(overdue).toMatchObject({ id: 'all-1on1-overdue', situation: 'overdue' });
    const career = (await source.next({ personId: 'U1', level: 'frontline', topic: 'one-on-one', situation: 'career-conversation' }))!;
    expect(['fl-1on1-a', 'fl-1on1-b']).toContain(career.id);
    expect(career.situation).toBeUndefined();
    const general = await picks(source, { personId: 'U2', level: 'frontline', topic: 'one-on-one' }, 6);
    expect(new Set(general)).toEqual(new Set(['fl-1on1-a', 'fl-1on1-b']));
  });

  it('draws the weekly tip from every general item of the level, never disabled ones', async () => {
    const source = sourceOf(items);
    const ids = await picks(source, { personId: 'U1', level: 'frontline' }, 4);
    expect(ids.sort()).toEqual(['fl-1on1-a', 'fl-1on1-b', 'fl-coach-a', 'fl-rec-a']);
    expect(source.count()).toBe(9);
    expect(source.byId('fl-off')).toBeUndefined();
    expect(await source.next({ personId: 'U1', level: 'frontline', topic: 'skip-level' })).toBeUndefined();
  });

  it('renders the body with the variables, escaped', async () => {
    const source = sourceOf(items);
    expect(source.byId('fl-coach-a', { name: '*<!channel>*' })).toEqual({
      id: 'fl-coach-a',
      title: 'Title fl-coach-a',
      body: 'Body of fl-coach-a for \uFF0A&lt;!channel&gt;\uFF0A.',
      ask: ['What is on your mind?'],
      askFirst: 'What is on your mind?',
      reflect: [],
      topic: 'coaching',
      level: 'frontline',
      when: ['everyday'],
    });
    expect((await source.next({ personId: 'U1', level: 'frontline', topic: 'coaching' }, { name: 'Ana' }))!.body).toBe('Body of fl-coach-a for Ana.');
  });
});

describe('exact situation queries and everyday items', () => {
  const lib = [
    item('fl-perf', { topic: 'performance', when: ['performance'] }),
    item('fl-day', { topic: 'one-on-one', when: ['everyday'] }),
    item('fl-both', { topic: 'one-on-one', when: ['overdue', 'after-missed'] }),
  ];
  it('draws a chosen situation from any topic, and an exact query never falls back to everyday items', async () => {
    const source = sourceOf(lib);
    expect(await source.next({ personId: 'U1', level: 'frontline', situation: 'performance', exact: true })).toMatchObject({ id: 'fl-perf', situation: 'performance' });
    expect(await source.next({ personId: 'U1', level: 'frontline', situation: 'conflict', exact: true })).toBeUndefined();
    expect(await source.next({ personId: 'U1', level: 'frontline', topic: 'one-on-one', situation: 'conflict' })).toMatchObject({ id: 'fl-day' });
    expect((await source.next({ personId: 'U1', level: 'frontline', topic: 'one-on-one' }))!.situation).toBeUndefined();
  });
});

