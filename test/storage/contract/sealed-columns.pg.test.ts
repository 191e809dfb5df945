import { checkDataKey, DataKeyError } from '../../../src/storage/data-key-check';
import { NOTES_COLUMN, PULSE_COMMENTS_COLUMN, rekeyAll, rekeyBatch, sealedCensus } from '../../../src/storage/sealed-columns';
import { createTextSealer, keyIdOf } from '../../../src/storage/sealed-text';
import { OTHER_DATA_KEY, TEST_DATA_KEY } from '../../helpers/data-key';
import { describeEachEngine } from '../../helpers/engines';
import { oneOnOne, person } from './seed';
import { pulseResponse, setNotes } from './seed-reads';

const key = (k: string) => Buffer.from(k, 'base64');
const OLD = createTextSealer({ current: key(TEST_DATA_KEY) });
const NEW_ONLY = createTextSealer({ current: key(OTHER_DATA_KEY) });
const ROTATING = createTextSealer({ current: key(OTHER_DATA_KEY), previous: key(TEST_DATA_KEY) });
const NOTES = 'one_on_ones.notes';
const COMMENTS = 'pulse_responses.comment';

describeEachEngine('sealed columns: census, key check and rotation', (ctx) => {
  /** 25 notes under the old key, one in clear from before encryption, one empty; two pulse comments under the old key. */
  async function seed(): Promise<number[]> {
    const db = ctx.db;
    await person(db, 'UM', 0);
    await person(db, 'UA', 0, { manager: 'UM' });
    const ids: number[] = [];
    for (let i = 0; i < 25; i += 1) {
      const id = await oneOnOne(db, 'UM', 'UA', `d${i}`, i);
      await setNotes(db, id, OLD.seal(`note ${i}`, NOTES));
      ids.push(id);
    }
    await setNotes(db, await oneOnOne(db, 'UM', 'UA', 'clear', 100), 'from before encryption');
    await oneOnOne(db, 'UM', 'UA', 'empty', 101);
    await pulseResponse(db, 'b-id', '2026-10', 'UM', 4, OLD.seal('comment b', COMMENTS));
    await pulseResponse(db, 'a-id', '2026-10', 'UM', 3, OLD.seal('comment a', COMMENTS));
    return ids;
  }

  const notes = async () => (await ctx.db.selectFrom('one_on_ones').select(['id', 'notes']).where('notes', '<>', '').orderBy('id').execute());

  it('counts values per key and plaintext, reading only the prefix', async () => {
    await seed();
    const [n, c] = await sealedCensus(ctx.db);
    expect(n?.column).toBe(NOTES_COLUMN);
    expect(n?.plaintext).toBe(1);
    expect(n?.byKey).toEqual(new Map([[keyIdOf(key(TEST_DATA_KEY)), 25]]));
    expect(c?.column).toBe(PULSE_COMMENTS_COLUMN);
    expect(c?.byKey).toEqual(new Map([[keyIdOf(key(TEST_DATA_KEY)), 2]]));
  });

  it('the start-up check: missing key, wrong key and the right one, in one line naming the variable', async () => {
    await seed();
    await expect(checkDataKey(ctx.db, createTextSealer({}))).rejects.toThrow(/^LEADWELL_DATA_KEY: missing; this database holds 26 private 1:1 notes and 2 pulse comments/);
    await expect(checkDataKey(ctx.db, NEW_ONLY)).rejects.toThrow(DataKeyError);
    await expect(checkDataKey(ctx.db, NEW_ONLY)).rejects.toThrow(/^LEADWELL_DATA_KEY: does not match this database: 25 private 1:1 notes are encrypted under key id k[0-9a-f]{8}/);
    expect(await checkDataKey(ctx.db, OLD)).toEqual({ plaintextWaiting: 1 });
    expect(await checkDataKey(ctx.db, ROTATING)).toEqual({ plaintextWaiting: 1 });
  });

  it('on an empty database no key is needed', async () => {
    expect(await checkDataKey(ctx.db, createTextSealer({}))).toEqual({ plaintextWaiting: 0 });
  });

  it('rotation re-seals everything (plaintext too) under the new key in batches; the old key alone then fails', async () => {
    await seed();
    const batches: number[] = [];
    const totals = await rekeyAll(ctx.db, ROTATING, { batchSize: 10, onBatch: (_l, o) => batches.push(o.resealed) });
    expect(totals).toEqual(new Map([
      ['private 1:1 notes', { resealed: 26, unreadable: 0, raced: 0 }],
      ['pulse comments', { resealed: 2, unreadable: 0, raced: 0 }],
    ]));
    expect(batches).toEqual([10, 10, 6, 0, 2, 0]);
    const census = await sealedCensus(ctx.db);
    for (const c of census) {
      expect(c.plaintext).toBe(0);
      expect([...c.byKey.keys()]).toEqual([keyIdOf(key(OTHER_DATA_KEY))]);
    }
    const opened = (await notes()).map((r) => NEW_ONLY.open(r.notes, NOTES));
    expect(opened.map((o) => (o.ok ? o.text : 'x'))).toEqual([...Array.from({ length: 25 }, (_, i) => `note ${i}`), 'from before encryption']);
    expect((await notes()).every((r) => !OLD.open(r.notes, NOTES).ok)).toBe(true);
    await expect(checkDataKey(ctx.db, OLD)).rejects.toThrow(/does not match this database: 26 private 1:1 notes/);
    expect(await checkDataKey(ctx.db, NEW_ONLY)).toEqual({ plaintextWaiting: 0 });
    // A second run finds nothing left.
    expect((await rekeyAll(ctx.db, NEW_ONLY)).get('private 1:1 notes')).toEqual({ resealed: 0, unreadable: 0, raced: 0 });
  });

  it('leaves values under a key it does not hold, and counts them as unreadable', async () => {
    await seed();
    const totals = await rekeyAll(ctx.db, NEW_ONLY);
    expect(totals.get('private 1:1 notes')).toEqual({ resealed: 1, unreadable: 25, raced: 0 });
    expect((await sealedCensus(ctx.db))[0]?.byKey.get(keyIdOf(key(TEST_DATA_KEY)))).toBe(25);
  });

  it('walks a text-keyed table in key order, one batch at a time', async () => {
    await seed();
    const first = await rekeyBatch(ctx.db, ROTATING, PULSE_COMMENTS_COLUMN, '', 1);
    expect(first).toEqual({ resealed: 1, unreadable: 0, raced: 0, last: 'a-id' });
    expect(await rekeyBatch(ctx.db, ROTATING, PULSE_COMMENTS_COLUMN, 'a-id', 5)).toEqual({ resealed: 1, unreadable: 0, raced: 0, last: 'b-id' });
    expect(await rekeyBatch(ctx.db, ROTATING, PULSE_COMMENTS_COLUMN, 'b-id', 5)).toEqual({ resealed: 0, unreadable: 0, raced: 0 });
    await expect(rekeyBatch(ctx.db, createTextSealer({}), NOTES_COLUMN, -1, 5)).rejects.toThrow('rekey needs LEADWELL_DATA_KEY');
  });
});
