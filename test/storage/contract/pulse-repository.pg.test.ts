import { createPulseClaims } from '../../../src/storage/pulse-claims';
import { createPulseRepository, createPulseSettings } from '../../../src/storage/pulse-repository';
import { createPulsePendingPool } from '../../../src/storage/pulse-pending';
import { createUnitOfWork } from '../../../src/storage/unit-of-work';
import { describeEachEngine } from '../../helpers/engines';
import { testSealer } from '../../helpers/data-key';
import { planOf } from '../../helpers/explain';
import { person } from './seed-outbox-pulse';

/** Receipts, released answers, settings and who was asked, on both engines. */
describeEachEngine('the pulse repository, settings and claims', (ctx) => {
  const repo = () => createPulseRepository(ctx.db, { secret: 's3cret', sealer: testSealer() });
  beforeEach(async () => {
    await person(ctx.db, 'UM');
    for (const id of ['U1', 'U2', 'U3']) await person(ctx.db, id, 'UM');
  });

  it('a receipt once per person and period, outside any unit of work; a released batch is read back with its comments sealed', async () => {
    const pool = createPulsePendingPool(ctx.db, { sealer: testSealer() });
    await pool.join(1); // at start-up, before any answer (a first join renews the key and drops unreleased receipts)
    const r1 = (await repo().claimReceipt('U1', '2026-10'))!;
    expect(await repo().claimReceipt('U1', '2026-10')).toBeUndefined();
    expect(await repo().hasAnswered('U1', '2026-10')).toBe(true);
    expect(await repo().hasAnswered('U1', '2026-11')).toBe(false);
    const uow = createUnitOfWork(ctx.db, (ex) => createPulseRepository(ex, { secret: 's3cret', sealer: testSealer() }));
    await expect(uow.run((r) => r.claimReceipt('U2', '2026-10'))).rejects.toThrow(/own transaction/);
    const r2 = (await repo().claimReceipt('U2', '2026-10'))!;
    // Answers reach pulse_responses only through a release of the pending pool (pulse-pending.pg.test.ts).
    expect(await pool.addPending('2026-10', { receipt: r1, managerId: 'UM', rating: 4, comment: 'clear goals' })).toBe(true);
    expect(await pool.addPending('2026-10', { receipt: r2, managerId: 'UM', rating: 2, comment: '' })).toBe(true);
    expect(await pool.releaseClosed(2, () => true)).toEqual({ released: 2, discarded: 0 });
    expect(await repo().aggregates('2026-10')).toEqual([{ managerId: 'UM', period: '2026-10', distribution: [0, 1, 0, 1, 0] }]);
    expect(await repo().aggregates('2026-10', ['UX'])).toEqual([]);
    expect(await repo().comments('UM', '2026-10')).toEqual(['clear goals']);
    expect((await ctx.db.selectFrom('pulse_responses').select('comment').where('comment', '<>', '').executeTakeFirstOrThrow()).comment).toMatch(/^lw1:/);
    const r3 = (await repo().claimReceipt('U3', '2026-10'))!;
    expect(await repo().receiptOf('U3', '2026-10')).toBe(r3);
  });

  it('settings default to monthly and keep what is set; claims list candidates and whom a sent pulse was about', async () => {
    const settings = createPulseSettings(ctx.db);
    expect(await settings.everyMonths()).toBe(1);
    await settings.setEveryMonths(3, 1);
    await settings.setEveryMonths(0, 2);
    expect(await settings.everyMonths()).toBe(0);
    const claims = createPulseClaims(ctx.db);
    expect((await claims.candidates()).map((c) => c.id).sort()).toEqual(['U1', 'U2', 'U3']);
    await ctx.db.insertInto('nudges').values({ person_id: 'U1', kind: 'pulse', period: '2026-10', status: 'sent', due_at: 1, next_attempt_at: 1, payload: '{"managerId":"UM"}', created_at: 1, updated_at: 1 }).execute();
    await ctx.db.insertInto('nudges').values({ person_id: 'U2', kind: 'pulse', period: '2026-10', status: 'planned', due_at: 1, next_attempt_at: 1, payload: '{"managerId":"UM"}', created_at: 1, updated_at: 1 }).execute();
    expect(await claims.sentAbout('U1', '2026-10')).toEqual({ managerId: 'UM' });
    expect(await claims.sentAbout('U2', '2026-10')).toBeUndefined(); // not sent yet
  });

  it('the release reads a group by its index', async () => {
    const q = ctx.db.selectFrom('pulse_pending').select(['id', 'sealed']).where('manager_id', '=', 'UM').where('period', '=', '2026-10').where('pool_key', '=', 'k').orderBy('id');
    expect((await planOf(ctx.engine, ctx.db, q)).join('\n')).toMatch(/pulse_pending_group/);
  });
});
