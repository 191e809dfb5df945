import { createRetentionStore, retentionQueries } from '../../../src/storage/retention-repository';
import { describeEachEngine } from '../../helpers/engines';
import { planOf } from '../../helpers/explain';
import { actionItem, oneOnOne, person } from './seed';
import { event, pulseResponse, setNotes } from './seed-reads';

const DAY = 86_400_000;
const CUT = Date.UTC(2026, 8, 1);

describeEachEngine('retention store', (ctx) => {
  async function seed() {
    const db = ctx.db;
    await person(db, 'UM', 0);
    await person(db, 'UA', 0, { manager: 'UM' });
    const old = await oneOnOne(db, 'UM', 'UA', '2026-08-31', CUT - 1);
    await setNotes(db, old, 'old note');
    await actionItem(db, old, 'UM', 'UA', CUT - 1);
    await setNotes(db, await oneOnOne(db, 'UM', 'UA', '2026-09-01', CUT), 'kept note');
    await pulseResponse(db, 'p-old', '2026-08', 'UM', 4, 'old comment');
    await pulseResponse(db, 'p-new', '2026-09', 'UM', 5, 'kept comment');
    await event(db, 'test.marker', CUT - 1, { data: '{"m":"old"}' });
    await event(db, 'test.marker', CUT, { data: '{"m":"kept"}' });
  }

  it('blanks notes held before the cut-off, comments of earlier periods and deletes older events; dates, items and ratings stay', async () => {
    await seed();
    const db = ctx.db;
    const store = createRetentionStore(db);
    expect(await store.apply({ notesHeldBefore: CUT, pulseCommentsBeforePeriod: '2026-09', eventsBefore: CUT })).toEqual({ notes: 1, pulseComments: 1, events: 1 });
    expect(await db.selectFrom('one_on_ones').select(['held_on', 'notes']).orderBy('held_on').execute()).toEqual([
      { held_on: '2026-08-31', notes: '' },
      { held_on: '2026-09-01', notes: 'kept note' },
    ]);
    expect(await db.selectFrom('action_items').select('text').execute()).toEqual([{ text: 'Do it' }]);
    expect(await db.selectFrom('pulse_responses').select(['id', 'rating', 'comment']).orderBy('id').execute()).toEqual([
      { id: 'p-new', rating: 5, comment: 'kept comment' },
      { id: 'p-old', rating: 4, comment: '' },
    ]);
    expect((await db.selectFrom('events').select('data').execute()).map((r) => r.data)).toEqual(['{"m":"kept"}']);
    // Applying again finds nothing more; a limit left unset touches nothing.
    expect(await store.apply({ notesHeldBefore: CUT, pulseCommentsBeforePeriod: '2026-09', eventsBefore: CUT })).toEqual({ notes: 0, pulseComments: 0, events: 0 });
    expect(await store.apply({})).toEqual({ notes: 0, pulseComments: 0, events: 0 });
    expect(await db.selectFrom('one_on_ones').select('notes').where('notes', '<>', '').execute()).toHaveLength(1);
    await store.flush();
  });

  it('inside a unit of work, the caller\'s transaction rolls it all back', async () => {
    await seed();
    await expect(ctx.db.transaction().execute(async (trx) => {
      await createRetentionStore(trx).apply({ notesHeldBefore: CUT + DAY, eventsBefore: CUT + DAY });
      throw new Error('later step failed');
    })).rejects.toThrow('later step failed');
    expect(await ctx.db.selectFrom('events').select('id').execute()).toHaveLength(2);
    expect(await ctx.db.selectFrom('one_on_ones').select('notes').where('notes', '<>', '').execute()).toHaveLength(2);
  });

  it('lists leavers due: deactivated before the cut-off, not bots, not erased, oldest first, up to the limit', async () => {
    const db = ctx.db;
    const left = async (id: string, at: number | null, fields: { isBot?: number; erased?: boolean; deleted?: number } = {}) => {
      await person(db, id, 0, { deleted: fields.deleted ?? 1, isBot: fields.isBot });
      await db.updateTable('people').set({ left_at: at, erased_at: fields.erased ? at : null }).where('id', '=', id).execute();
    };
    await left('ULATER', CUT - DAY);
    await left('UFIRST', CUT - 10 * DAY);
    await left('UEDGE', CUT);
    await left('UBOT', CUT - 20 * DAY, { isBot: 1 });
    await left('UERASED', CUT - 20 * DAY, { erased: true });
    await left('USTAYS', CUT - 20 * DAY, { deleted: 0 });
    const store = createRetentionStore(db);
    expect(await store.leaversDue(CUT, 10)).toEqual(['UFIRST', 'ULATER']);
    expect(await store.leaversDue(CUT, 1)).toEqual(['UFIRST']);
  });

  it.each([['leavers', /people_left/], ['events', /events_at/]] as const)('%s seeks its index', async (name, index) => {
    const plan = (await planOf(ctx.engine, ctx.db, retentionQueries(ctx.db, { heldBefore: 1, periodBefore: '2026-01', eventsBefore: 1, leftBefore: 1, limit: 10 })[name])).join('\n');
    expect(plan).toMatch(index);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
