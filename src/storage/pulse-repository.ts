import { createHmac } from 'node:crypto';
import type { PulseAggregate } from '../domain/pulse';
import type { PulseReads, PulseRepository, PulseSettings } from '../domain/pulse-ports';
import { affected, type Executor } from './engine';
import { createPulseCommentCrypto } from './pulse-comment-crypto';
import type { TextSealer } from './sealed-text';

/** HMAC(secret, personId + period): lets the app refuse a second answer without storing who answered. */
export function respondentHash(secret: string, personId: string, period: string): string {
  return createHmac('sha256', secret).update(`${personId}\u0000${period}`).digest('hex');
}

/**
 * The readable side of the pulse: aggregates and comments of released answers. Needs no secret; comments
 * are stored sealed (pulse-comment-crypto.ts) and opened here, one under a key the app lacks reads as nothing.
 */
export function createPulseReads(db: Executor, options: { sealer: TextSealer }): PulseReads {
  const crypto = createPulseCommentCrypto(options.sealer);
  return {
    async aggregates(period, managerIds) {
      const wanted = managerIds ? new Set(managerIds) : undefined;
      const rows = await db.selectFrom('pulse_responses').select((e) => ['manager_id', 'rating', e.fn.countAll<number>().as('n')])
        .where('period', '=', period).groupBy(['manager_id', 'rating']).execute();
      const byManager = new Map<string, PulseAggregate>();
      for (const r of rows) {
        if (wanted && !wanted.has(r.manager_id)) continue;
        let a = byManager.get(r.manager_id);
        if (!a) byManager.set(r.manager_id, (a = { managerId: r.manager_id, period, distribution: [0, 0, 0, 0, 0] }));
        a.distribution[r.rating - 1] = (a.distribution[r.rating - 1] ?? 0) + Number(r.n);
      }
      return [...byManager.values()];
    },
    comments: async (managerId, period) => (await db.selectFrom('pulse_responses').select('comment').where('manager_id', '=', managerId)
      .where('period', '=', period).where('comment', '<>', '').execute()).map((r) => crypto.open(r.comment)).filter((c) => c !== ''),
  };
}

/**
 * Receipts and answers never meet in a write (docs/adr/0003-pulse-anonymity.md): `claimReceipt` writes the
 * receipt alone, in its own statement (outside any unit of work: on PostgreSQL a shared transaction would give
 * receipt and answer one xmin). The answer waits sealed in the pending pool (pulse-pending.ts), whose release
 * writes a batch with random ids and no time and flips the batch's receipts.
 */
export function createPulseRepository(db: Executor, options: { secret: string; sealer: TextSealer }): PulseRepository {
  if (!options.secret) throw new Error('pulse: LEADWELL_SECRET is required');
  const hash = (personId: string, period: string) => respondentHash(options.secret, personId, period);
  return {
    ...createPulseReads(db, { sealer: options.sealer }),
    canKeepComments: async () => options.sealer.currentKeyId !== undefined,
    async claimReceipt(personId, period) {
      if (db.isTransaction) throw new Error('pulse: a receipt is written in its own transaction, never inside a unit of work');
      const receipt = hash(personId, period);
      const result = await db.insertInto('pulse_receipts').values({ respondent_hash: receipt, period, released: 0 })
        .onConflict((oc) => oc.column('respondent_hash').doNothing()).executeTakeFirst();
      return affected(result) === 1 ? receipt : undefined;
    },
    hasAnswered: async (personId, period) =>
      (await db.selectFrom('pulse_receipts').select('period').where('respondent_hash', '=', hash(personId, period)).executeTakeFirst()) !== undefined,
    receiptOf: async (personId, period) => hash(personId, period),
  };
}

const EVERY_KEY = 'pulse.every_months';

export function createPulseSettings(db: Executor): PulseSettings {
  return {
    async everyMonths() {
      const raw = (await db.selectFrom('settings').select('value').where('key', '=', EVERY_KEY).executeTakeFirst())?.value;
      const n = raw === undefined ? 1 : Number(raw);
      return Number.isInteger(n) && n >= 0 ? n : 1;
    },
    async setEveryMonths(months, at) {
      await db.insertInto('settings').values({ key: EVERY_KEY, value: String(months), updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(months), updated_at: at })).execute();
    },
  };
}
