import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { PulsePendingPool } from '../domain/pulse-pending-ports';
import { engineOf, type Executor } from './engine';
import { createPulseCommentCrypto } from './pulse-comment-crypto';
import type { TextSealer } from './sealed-text';
import { atomic } from './atomic';
import { createPulsePoolKey, currentPoolKey, PULSE_LOCK_CLASS, type PoolKeyOptions, type PulsePoolKey } from './pulse-pool-key';
import { decodeAnswer, encodeAnswer, sealTo, type PlainAnswer } from './pulse-seal';

type Mode = 'open' | 'closed';

/** One group's release lock on PostgreSQL, so two instances never each write half a batch (SQLite: BEGIN IMMEDIATE). */
async function groupLock(db: Executor, period: string, managerId: string): Promise<void> {
  if (engineOf(db) === 'postgres') await sql`SELECT pg_advisory_xact_lock(${PULSE_LOCK_CLASS}, hashtext(${`${managerId}/${period}`}))`.execute(db);
}

/**
 * The pending pool in the database (src/domain/pulse-pending-ports.ts). Answers are written sealed to the pool
 * key, one per transaction with a random id and no time; a release reads a group under its lock, opens the
 * answers, writes them to pulse_responses in one statement in the order of fresh random ids (comments sealed
 * under LEADWELL_DATA_KEY as before), deletes them from the pool and marks their receipts released in hash order.
 */
export function createPulsePendingPool(db: Executor, options: { sealer: TextSealer; poolKey?: PulsePoolKey } & PoolKeyOptions): PulsePendingPool & { readonly poolKey: PulsePoolKey } {
  const poolKey = options.poolKey ?? createPulsePoolKey(db, options);
  const comments = createPulseCommentCrypto(options.sealer);

  async function write(trx: Executor, period: string, managerId: string, answers: readonly PlainAnswer[]): Promise<void> {
    if (answers.length === 0) return;
    // Erasure put a stand-in in manager_id but cannot reach the sealed comments: about an erased manager they
    // are blanked here, as person-erasure-rules.ts blanks the released ones. Their ratings count, as there.
    const erased = await trx.selectFrom('people').select('id').where('id', '=', managerId).where('erased_at', 'is not', null).executeTakeFirst();
    const rows = answers.map((a) => ({ id: randomBytes(16).toString('hex'), period, manager_id: managerId, rating: a.rating, comment: comments.seal(erased ? '' : a.comment) }));
    await trx.insertInto('pulse_responses').values(rows.sort((a, b) => a.id.localeCompare(b.id))).execute();
  }

  async function settle(trx: Executor, ids: readonly string[], receipts: readonly string[]): Promise<void> {
    if (ids.length > 0) await trx.deleteFrom('pulse_pending').where('id', 'in', ids).execute();
    // Flipped in hash order, not the batch's: the order of the updates says nothing either.
    for (const r of [...receipts].sort()) await trx.updateTable('pulse_receipts').set({ released: 1 }).where('respondent_hash', '=', r).execute();
  }

  /** One group, one transaction: returns [written, discarded]. */
  function releaseGroup(period: string, managerId: string, k: number, mode: Mode): Promise<[number, number]> {
    const held = poolKey.heldId();
    if (!held) return Promise.resolve([0, 0]); // an instance holding the key does it
    return atomic(db, async (trx) => {
      await groupLock(trx, period, managerId);
      const rows = await trx.selectFrom('pulse_pending').select(['id', 'sealed']).where('manager_id', '=', managerId).where('period', '=', period)
        .where('pool_key', '=', held).orderBy('id').execute();
      const opened = rows.flatMap((r) => {
        const plain = poolKey.open(held, r.sealed);
        return plain ? [{ id: r.id, answer: decodeAnswer(plain) }] : [];
      });
      if (mode === 'open' && opened.length < 2 * k) return [0, 0];
      // The ids are random, so the first k by id are a random k; at the close it is all or (below k) none.
      const batch = mode === 'open' ? opened.slice(0, k) : opened;
      const keep = mode === 'open' || batch.length >= k;
      if (keep) await write(trx, period, managerId, batch.map((b) => b.answer));
      await settle(trx, batch.map((b) => b.id), batch.map((b) => b.answer.receipt));
      return keep ? [batch.length, 0] : [0, batch.length];
    });
  }

  return {
    poolKey,
    join: (now) => poolKey.sync(now),
    keepAlive: (now) => poolKey.sync(now),
    leave: (now) => poolKey.leave(now),
    addPending: (period, answer) => atomic(db, async (trx) => {
      const key = await currentPoolKey(trx, 'share');
      if (!key) throw new Error('pulse pool: join() first');
      // Read, never locked: a lock would stamp this transaction's id on the receipt.
      const receipt = await trx.selectFrom('pulse_receipts').select('released').where('respondent_hash', '=', answer.receipt).executeTakeFirst();
      if (!receipt) return false;
      const sealed = sealTo(key.publicKey, encodeAnswer(answer));
      await trx.insertInto('pulse_pending').values({ id: randomBytes(16).toString('hex'), period, manager_id: answer.managerId, pool_key: key.id, sealed }).execute();
      return true;
    }),
    releaseIfReady: async (period, managerId, k) => (await releaseGroup(period, managerId, Math.max(1, k), 'open'))[0],
    async releaseClosed(k, isClosed) {
      const groups = await db.selectFrom('pulse_pending').select(['period', 'manager_id']).distinct().orderBy('period').orderBy('manager_id').execute();
      const total = { released: 0, discarded: 0 };
      for (const g of groups) {
        const mode: Mode = isClosed(g.period) ? 'closed' : 'open';
        for (;;) {
          const [written, dropped] = await releaseGroup(g.period, g.manager_id, Math.max(1, k), mode);
          total.released += written;
          total.discarded += dropped;
          if (mode === 'closed' || written === 0) break;
        }
      }
      return total;
    },
    pendingCount: async () => Number((await db.selectFrom('pulse_pending').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  };
}
