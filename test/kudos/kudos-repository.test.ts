import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';
import { createKudosRepository } from '../../src/storage/kudos-repository';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { profile } from './fixtures';

let ctx: ReturnType<typeof freshDb>;
beforeEach(async () => {
  ctx = freshDb();
  const people = createPeopleRepository(sqliteKysely(ctx.db));
  for (const id of ['U1', 'U2', 'U3', 'U4']) await people.upsertProfile(profile(id), 1);
});
afterEach(() => ctx.cleanup());

const draft = (over: Partial<Parameters<ReturnType<typeof createKudosRepository>['insert']>[0]> = {}) => ({
  giverId: 'U1',
  recipientIds: ['U3', 'U2'],
  value: 'Craft',
  message: 'Thank you for the careful migration plan',
  postChannel: true,
  idempotencyKey: `k${Math.random()}`,
  createdAt: 1000,
  ...over,
});

describe('kudos repository', () => {
  it('keeps recipients in the order they were given and reads them back whole', async () => {
    const repo = createKudosRepository(sqliteKysely(ctx.db));
    const k = await repo.insert(draft({ source: { channelId: 'C1', ts: '1.2', permalink: 'https://x/p12' } }));
    expect(await repo.get(k.id)).toMatchObject({ recipientIds: ['U3', 'U2'], source: { channelId: 'C1', ts: '1.2', permalink: 'https://x/p12' } });
    expect((await repo.byIdempotencyKey(k.idempotencyKey))?.id).toBe(k.id);
  });

  it('rejects a second row with the same idempotency key and leaves no half-written kudos', async () => {
    const repo = createKudosRepository(sqliteKysely(ctx.db));
    await repo.insert(draft({ idempotencyKey: 'same' }));
    await expect(repo.insert(draft({ idempotencyKey: 'same' }))).rejects.toThrow(/UNIQUE/);
    await expect(repo.insert(draft({ recipientIds: ['U2', 'UNKNOWN'] }))).rejects.toThrow(/FOREIGN KEY/);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM kudos').get()).toEqual({ n: 1 });
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM kudos_recipients').get()).toEqual({ n: 2 });
  });

  it('counts recipients given since a moment, and finds kudos by giver, recipient and period', async () => {
    const repo = createKudosRepository(sqliteKysely(ctx.db));
    await repo.insert(draft({ createdAt: 1000 }));
    await repo.insert(draft({ recipientIds: ['U4'], createdAt: 2000 }));
    await repo.insert(draft({ giverId: 'U2', recipientIds: ['U4'], createdAt: 3000 }));
    expect(await repo.recipientsGivenSince('U1', 0)).toBe(3);
    expect(await repo.recipientsGivenSince('U1', 1500)).toBe(1);
    expect((await repo.receivedBetween('U4', 0, 10_000)).map((k) => k.giverId)).toEqual(['U1', 'U2']);
    expect(await repo.givenBetween('U1', 0, 2000)).toHaveLength(1);
    expect(await repo.allBetween(1500, 3001)).toHaveLength(2);
  });

  it('keeps the values-in-action switch in settings, off by default', async () => {
    const repo = createKudosRepository(sqliteKysely(ctx.db));
    expect(await repo.summaryEnabled()).toBe(false);
    await repo.setSummaryEnabled(true, 10);
    expect(await createKudosRepository(sqliteKysely(ctx.db)).summaryEnabled()).toBe(true);
    await repo.setSummaryEnabled(false, 11);
    expect(await repo.summaryEnabled()).toBe(false);
  });

  it('uses its indexes for the cap and duplicate checks', () => {
    const plan = ctx.db
      .prepare("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM kudos k JOIN kudos_recipients r ON r.kudos_id = k.id WHERE k.giver_id = 'U1' AND k.created_at >= 0")
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/kudos_giver/);
  });
});
