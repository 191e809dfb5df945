import type { Kysely } from 'kysely';
import type { Database } from '../../../src/storage/tables';
import { createPulsePendingPool } from '../../../src/storage/pulse-pending';
import { createPulseRepository } from '../../../src/storage/pulse-repository';
import { erasePerson } from '../../../src/storage/person-eraser';
import { ENGINES } from '../../helpers/engines';
import { testSealer } from '../../helpers/data-key';
import { person, twoInstances, type TwoInstances } from './seed-outbox-pulse';

const PERIOD = '2026-10';
const T = Date.UTC(2026, 9, 5, 12);
const HOUR = 60 * 60_000;
const sealer = testSealer();
const K = 3;

const count = async (db: Kysely<Database>, table: 'pulse_responses' | 'pulse_pending', managerId = 'UM') =>
  Number((await db.selectFrom(table).select((e) => e.fn.countAll<number>().as('n')).where('manager_id', '=', managerId).executeTakeFirstOrThrow()).n);
const unreleased = async (db: Kysely<Database>) =>
  Number((await db.selectFrom('pulse_receipts').select((e) => e.fn.countAll<number>().as('n')).where('released', '=', 0).executeTakeFirstOrThrow()).n);

/** The shared pending pool (src/storage/pulse-pending.ts) on both engines, through two instances of the app. */
describe.each(ENGINES)('the pulse pending pool [%s]', (engine) => {
  let two: TwoInstances;
  const instance = (db: Kysely<Database>) => ({
    repo: createPulseRepository(db, { secret: 's3cret', sealer }),
    pool: createPulsePendingPool(db, { sealer, staleAfterMs: HOUR }),
  });
  /** What the domain does for an answer: the receipt alone, then the answer into the pool, then the open-month rule. */
  const answer = async (app: ReturnType<typeof instance>, personId: string, rating: number, comment = '') => {
    const receipt = await app.repo.claimReceipt(personId, PERIOD);
    if (!receipt) return 'duplicate';
    expect(await app.pool.addPending(PERIOD, { receipt, managerId: 'UM', rating, comment })).toBe(true);
    await app.pool.releaseIfReady(PERIOD, 'UM', K);
    return 'recorded';
  };
  beforeEach(async () => {
    two = await twoInstances(engine);
    await person(two.a, 'UM');
    for (let i = 0; i < 12; i += 1) await person(two.a, `U${i}`, 'UM');
  });
  afterEach(() => two.close());

  it('keeps up to 2k−1 answers out of pulse_responses, sealed to one length; at 2k writes a random k; at the close all, once', async () => {
    const app = instance(two.a);
    expect(await app.pool.join(T)).toEqual([]);
    for (let i = 0; i < 2 * K - 1; i += 1) await answer(app, `U${i}`, 1 + (i % 5), i === 0 ? 'short' : 'a much longer comment about the week');
    expect(await count(two.a, 'pulse_responses')).toBe(0);
    const sealed = await two.a.selectFrom('pulse_pending').select(['sealed', 'period', 'manager_id']).execute();
    expect(sealed).toHaveLength(2 * K - 1);
    expect(new Set(sealed.map((s) => s.sealed.length)).size).toBe(1); // the comment's length does not show
    expect(await answer(app, 'U0', 5)).toBe('duplicate');
    await answer(app, `U${2 * K - 1}`, 2);
    expect([await count(two.a, 'pulse_responses'), await count(two.a, 'pulse_pending'), await unreleased(two.a)]).toEqual([K, K, K]);
    expect(await app.pool.releaseClosed(K, () => false)).toEqual({ released: 0, discarded: 0 }); // k wait: still open
    expect(await app.pool.releaseClosed(K, () => true)).toEqual({ released: K, discarded: 0 });
    expect(await app.pool.releaseClosed(K, () => true)).toEqual({ released: 0, discarded: 0 });
    expect([await count(two.a, 'pulse_responses'), await count(two.a, 'pulse_pending'), await unreleased(two.a)]).toEqual([2 * K, 0, 0]);
    expect((await app.repo.comments('UM', PERIOD)).sort()).toEqual(['a much longer comment about the week', 'a much longer comment about the week', 'a much longer comment about the week', 'a much longer comment about the week', 'short']);
  });

  it('k−1 answers are never written: at the close they are discarded unread and their people cannot answer again', async () => {
    const app = instance(two.a);
    await app.pool.join(T);
    for (let i = 0; i < K - 1; i += 1) await answer(app, `U${i}`, 3, 'only two of us');
    expect(await app.pool.releaseClosed(K, () => true)).toEqual({ released: 0, discarded: K - 1 });
    expect([await count(two.a, 'pulse_responses'), await count(two.a, 'pulse_pending'), await unreleased(two.a)]).toEqual([0, 0, 0]);
    expect(await answer(app, 'U0', 3)).toBe('duplicate');
  });

  it('a second instance gets the pool key from the first through the database, and the two release one batch once', async () => {
    const [a, b] = [instance(two.a), instance(two.b)];
    await a.pool.join(T);
    await b.pool.join(T + 1);
    expect(b.pool.poolKey.heldId()).toBeUndefined(); // a runs: b waits for the key rather than making its own
    expect(await b.pool.releaseIfReady(PERIOD, 'UM', K)).toBe(0);
    await a.pool.keepAlive(T + 2); // a seals the key to b
    await b.pool.keepAlive(T + 3);
    expect(b.pool.poolKey.heldId()).toBe(a.pool.poolKey.heldId());
    // Answers arrive at either instance; both try to release the group at the same moment.
    for (let i = 0; i < 2 * K; i += 1) {
      const app = i % 2 ? a : b;
      const receipt = (await app.repo.claimReceipt(`U${i}`, PERIOD))!;
      await app.pool.addPending(PERIOD, { receipt, managerId: 'UM', rating: 4, comment: '' });
    }
    const released = two.concurrent || engine === 'postgres'
      ? await Promise.all([a.pool.releaseIfReady(PERIOD, 'UM', K), b.pool.releaseIfReady(PERIOD, 'UM', K)])
      : [await a.pool.releaseIfReady(PERIOD, 'UM', K), await b.pool.releaseIfReady(PERIOD, 'UM', K)];
    expect(released.sort()).toEqual([0, K]);
    expect([await count(two.a, 'pulse_responses'), await count(two.a, 'pulse_pending')]).toEqual([K, K]);
  });

  it('when every holder stopped, the next instance renews the key: unreadable answers go and their people are asked again; a running holder is waited for', async () => {
    const a = instance(two.a);
    await a.pool.join(T);
    for (let i = 0; i < 2; i += 1) await answer(a, `U${i}`, 4, 'lost with the key');
    const restarted = instance(two.b);
    expect(await restarted.pool.join(T + HOUR / 2)).toEqual([]); // a was seen half an hour ago: it still runs
    expect(restarted.pool.poolKey.heldId()).toBeUndefined();
    const lost = await restarted.pool.keepAlive(T + 2 * HOUR); // nobody holding the key was seen for an hour
    expect(lost.map((l) => l.period)).toEqual([PERIOD, PERIOD]);
    expect(lost.map((l) => l.receipt).sort()).toEqual([await a.repo.receiptOf('U0', PERIOD), await a.repo.receiptOf('U1', PERIOD)].sort());
    expect([await count(two.a, 'pulse_pending'), await unreleased(two.a)]).toEqual([0, 0]);
    expect(await answer(restarted, 'U0', 2)).toBe('recorded'); // asked again, answers again
    // An instance that had its receipt written just before the renewal finds it gone: its answer is not kept.
    const receipt = (await a.repo.claimReceipt('U5', PERIOD))!;
    await two.a.deleteFrom('pulse_receipts').where('respondent_hash', '=', receipt).execute();
    expect(await a.pool.addPending(PERIOD, { receipt, managerId: 'UM', rating: 1, comment: '' })).toBe(false);
  });

  it('on SQLite (one app process per file) a restart after a crash renews the key at once: the crashed member is not waited for', async () => {
    const crashed = instance(two.a);
    await crashed.pool.join(T);
    for (let i = 0; i < 2; i += 1) await answer(crashed, `U${i}`, 4);
    const next = { ...instance(two.b), pool: createPulsePendingPool(two.b, { sealer, staleAfterMs: HOUR, soleInstance: true }) };
    const lost = await next.pool.join(T + 60_000); // a minute later: the crashed member still looks fresh
    expect(lost.map((l) => l.receipt).sort()).toEqual([await crashed.repo.receiptOf('U0', PERIOD), await crashed.repo.receiptOf('U1', PERIOD)].sort());
    expect(next.pool.poolKey.heldId()).toBeDefined();
    expect([await count(two.a, 'pulse_pending'), await unreleased(two.a)]).toEqual([0, 0]);
  });

  it('answers waiting about a manager who is then erased are released under the stand-in with their comments blanked, ratings kept', async () => {
    const app = instance(two.a);
    await app.pool.join(T);
    for (let i = 0; i < K; i += 1) await answer(app, `U${i}`, 2 + i, `U${i} says UM cancels every 1:1`);
    const plan = await erasePerson(two.a, 'UM', { apply: true, now: T + 1, sealer });
    expect(await count(two.a, 'pulse_pending', 'UM')).toBe(0);
    expect(await count(two.a, 'pulse_pending', plan!.pseudonym)).toBe(K);
    expect(await app.pool.releaseClosed(K, () => true)).toEqual({ released: K, discarded: 0 });
    expect(await app.repo.comments(plan!.pseudonym, PERIOD)).toEqual([]);
    const rows = await two.a.selectFrom('pulse_responses').select(['rating', 'manager_id']).execute();
    expect(rows.map((r) => [r.manager_id, r.rating]).sort()).toEqual([2, 3, 4].map((r) => [plan!.pseudonym, r]));
  });

  it('a holder that shuts down hands the key to an instance still waiting, so the answers it sealed stay readable', async () => {
    const [a, b] = [instance(two.a), instance(two.b)];
    await a.pool.join(T);
    await b.pool.join(T + 1);
    for (let i = 0; i < 2 * K - 1; i += 1) await answer(a, `U${i}`, 5);
    await a.pool.leave(T + 2);
    expect(await b.pool.keepAlive(T + 3)).toEqual([]);
    await answer(b, `U${2 * K - 1}`, 5);
    expect([await count(two.a, 'pulse_responses'), await count(two.a, 'pulse_pending')]).toEqual([K, K]);
  });
});
