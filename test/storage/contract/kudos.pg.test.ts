import { sql } from 'kysely';
import { createKudosRepository, kudosQueries } from '../../../src/storage/kudos-repository';
import { createUnitOfWork } from '../../../src/storage/unit-of-work';
import type { Executor } from '../../../src/storage/engine';
import type { NewKudos } from '../../../src/domain/kudos';
import { describeEachEngine } from '../../helpers/engines';
import { planOf } from '../../helpers/explain';
import { person } from './seed';
import { expectIndexed, rowCount, T } from './seed-activity';

const draft = (over: Partial<NewKudos> = {}): NewKudos => ({
  giverId: 'U1', recipientIds: ['U3', 'U2'], value: 'Craft', message: 'Thank you for the careful migration plan', postChannel: true,
  idempotencyKey: `k${Math.random()}`, createdAt: 1000, ...over,
});

describeEachEngine('kudos repository', (ctx) => {
  beforeEach(async () => {
    for (const id of ['U1', 'U2', 'U3', 'U4']) await person(ctx.db, id, 1);
  });

  it('keeps recipients in the order they were given and reads them back whole', async () => {
    const repo = createKudosRepository(ctx.db);
    const k = await repo.insert(draft({ recipientIds: ['U3', 'U4', 'U2'], source: { channelId: 'C1', ts: '1.2', permalink: 'https://x/p12' } }));
    expect(k).toMatchObject({ giverId: 'U1', recipientIds: ['U3', 'U4', 'U2'], postStatus: 'pending', source: { channelId: 'C1', ts: '1.2', permalink: 'https://x/p12' } });
    expect(await repo.get(k.id)).toEqual(k);
    expect((await repo.byIdempotencyKey(k.idempotencyKey))?.id).toBe(k.id);
    expect(await repo.get(k.id + 1)).toBeUndefined();
    expect(await repo.byIdempotencyKey('nope')).toBeUndefined();
    expect((await repo.insert(draft({ recipientIds: ['U2', 'U3'] }))).recipientIds).toEqual(['U2', 'U3']);
  });

  it('rejects a second row with the same idempotency key and leaves no half-written kudos', async () => {
    const repo = createKudosRepository(ctx.db);
    await repo.insert(draft({ idempotencyKey: 'same' }));
    await expect(repo.insert(draft({ idempotencyKey: 'same' }))).rejects.toThrow(/unique/i);
    await expect(repo.insert(draft({ recipientIds: ['U2', 'UNKNOWN'] }))).rejects.toThrow(/foreign key/i);
    expect(await rowCount(ctx.db, 'kudos')).toBe(1);
    expect(await rowCount(ctx.db, 'kudos_recipients')).toBe(2);
  });

  it('counts recipients given since a moment, and finds kudos by giver, recipient and half-open period', async () => {
    const repo = createKudosRepository(ctx.db);
    await repo.insert(draft({ createdAt: 1000 }));
    await repo.insert(draft({ recipientIds: ['U4'], createdAt: 2000 }));
    await repo.insert(draft({ giverId: 'U2', recipientIds: ['U4'], createdAt: 3000 }));
    expect(await repo.recipientsGivenSince('U1', 0)).toBe(3);
    expect(await repo.recipientsGivenSince('U1', 1500)).toBe(1);
    expect(await repo.recipientsGivenSince('U1', 2001)).toBe(0);
    expect((await repo.givenSince('U1', 1000)).map((k) => k.createdAt)).toEqual([1000, 2000]);
    expect((await repo.receivedBetween('U4', 0, 10_000)).map((k) => k.giverId)).toEqual(['U1', 'U2']);
    expect((await repo.receivedBetween('U4', 0, 3000)).map((k) => k.giverId)).toEqual(['U1']);
    expect(await repo.givenBetween('U1', 0, 2000)).toHaveLength(1);
    expect((await repo.allBetween(1500, 3001)).map((k) => k.createdAt)).toEqual([2000, 3000]);
    expect((await repo.allBetween(1500, 3001))[1]?.recipientIds).toEqual(['U4']);
  });

  it('marks a kudos not posted without touching one that was posted', async () => {
    const repo = createKudosRepository(ctx.db);
    const a = await repo.insert(draft());
    const b = await repo.insert(draft());
    await ctx.db.updateTable('kudos').set({ post_channel: 'CK', post_ts: '9.9', post_status: 'posted' }).where('id', '=', b.id).execute();
    await repo.markNotPosted(a.id, 'giver_opted_out');
    await repo.markNotPosted(b.id, 'no_channel_configured', 'CX');
    expect(await repo.get(a.id)).toMatchObject({ postStatus: 'not_posted', postError: 'giver_opted_out', postChannel: undefined });
    expect(await repo.get(b.id)).toMatchObject({ postStatus: 'posted', postChannel: 'CK', postTs: '9.9' });
    await ctx.db.updateTable('kudos').set({ post_channel: 'CK' }).where('id', '=', a.id).execute();
    await repo.markNotPosted(a.id, 'again');
    expect(await repo.get(a.id)).toMatchObject({ postError: 'again', postChannel: 'CK' });
  });

  it('keeps the values-in-action switch and the last summary posted in settings, off and none by default', async () => {
    const repo = createKudosRepository(ctx.db);
    expect(await repo.summaryEnabled()).toBe(false);
    await repo.setSummaryEnabled(true, 10);
    expect(await createKudosRepository(ctx.db).summaryEnabled()).toBe(true);
    await repo.setSummaryEnabled(false, 11);
    expect(await repo.summaryEnabled()).toBe(false);
    expect(await repo.lastSummaryPosted()).toBeUndefined();
    await repo.recordSummaryPosted('2027-01', 12);
    await repo.recordSummaryPosted('2027-02', 13);
    expect(await repo.lastSummaryPosted()).toBe('2027-02');
  });

  it('holds the daily cap when two gives by one giver race in two units of work', async () => {
    const uow = createUnitOfWork(ctx.db, (ex) => createKudosRepository(ex));
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // The first give dawdles between its count and its insert, so the second counts meanwhile unless it is held off.
    const give = (key: string, dawdle: number) => uow.run(async (repo) => {
      const already = await repo.recipientsGivenSince('U1', 0);
      if (already + 2 > 3) return 'capped';
      await pause(dawdle);
      await repo.insert(draft({ idempotencyKey: key, createdAt: T }));
      return 'given';
    });
    const first = give('a', 150);
    await pause(30);
    expect(await Promise.all([first, give('b', 0)])).toEqual(['given', 'capped']);
    expect(await createKudosRepository(ctx.db).recipientsGivenSince('U1', 0)).toBe(2);
  });

  it('rolls a give back whole when the unit of work fails after the insert', async () => {
    const uow = createUnitOfWork(ctx.db, (ex) => createKudosRepository(ex));
    await expect(uow.run(async (repo) => {
      await repo.insert(draft());
      throw new Error('outbox refused');
    })).rejects.toThrow('outbox refused');
    expect([await rowCount(ctx.db, 'kudos'), await rowCount(ctx.db, 'kudos_recipients')]).toEqual([0, 0]);
  });
});

/** An org's worth of kudos (statistics for PostgreSQL's planner: on empty tables it picks any index). */
async function manyGivers(db: Executor): Promise<void> {
  const people = Array.from({ length: 100 }, (_, i) => ({ id: `G${i}`, created_at: 1, updated_at: 1 }));
  await db.insertInto('people').values(people).execute();
  const kudos = Array.from({ length: 1000 }, (_, i) => ({
    giver_id: `G${i % 100}`, value: 'Care', message: 'Thanks for all of it', idempotency_key: `m${i}`, created_at: T - i * 3_600_000,
    source_channel: null, source_ts: null, source_permalink: null, post_channel: null, post_ts: null, post_error: null,
  }));
  const ids = await db.insertInto('kudos').values(kudos).returning('id').execute();
  await db.insertInto('kudos_recipients').values(ids.map((r, i) => ({ kudos_id: r.id, recipient_id: `G${(i + 1) % 100}`, created_at: T - i * 3_600_000 }))).execute();
}

describeEachEngine('kudos request-path queries seek their indexes', (ctx) => {
  it.each([
    ['byId', undefined],
    ['byKey', undefined],
    ['givenSince', 'kudos_giver'],
    ['recipientsSince', 'kudos_giver'],
  ] as const)('%s', async (name, index) => {
    await manyGivers(ctx.db);
    if (ctx.engine === 'postgres') await sql`ANALYZE`.execute(ctx.db);
    const plan = await planOf(ctx.engine, ctx.db, kudosQueries(ctx.db, { id: 1, key: 'k', giverId: 'G1', since: T - 86_400_000 })[name]);
    expectIndexed(ctx.engine, plan, ['kudos', 'kudos_recipients'], index);
  });
});
