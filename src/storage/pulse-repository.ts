import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from './database';
import type { PulseAggregate } from '../domain/pulse';
import type { PendingAnswer, PulseReads, PulseRepository, PulseSettings } from '../domain/pulse-ports';
import { createPulseCommentCrypto } from './pulse-comment-crypto';
import type { TextSealer } from './sealed-text';
import { asyncPort } from './interim-async';

/** HMAC(secret, personId + period): lets the app refuse a second answer without storing who answered. */
export function respondentHash(secret: string, personId: string, period: string): string {
  return createHmac('sha256', secret).update(`${personId}\u0000${period}`).digest('hex');
}

/**
 * The readable side of the pulse: aggregates and comments of released answers. Needs no secret; comments
 * are stored sealed (pulse-comment-crypto.ts) and opened here, one under a key the app lacks reads as nothing.
 */
export function createPulseReads(db: Db, options: { sealer: TextSealer }): PulseReads {
  const crypto = createPulseCommentCrypto(options.sealer);
  const perManager = db.prepare<[string], { manager_id: string; rating: number; n: number }>(
    'SELECT manager_id, rating, COUNT(*) AS n FROM pulse_responses WHERE period = ? GROUP BY manager_id, rating',
  );
  const comments = db.prepare<[string, string], { comment: string }>(
    "SELECT comment FROM pulse_responses WHERE manager_id = ? AND period = ? AND comment <> ''",
  );
  return asyncPort<PulseReads>({
    aggregates(period, managerIds) {
      const wanted = managerIds ? new Set(managerIds) : undefined;
      const byManager = new Map<string, PulseAggregate>();
      for (const r of perManager.all(period)) {
        if (wanted && !wanted.has(r.manager_id)) continue;
        let a = byManager.get(r.manager_id);
        if (!a) byManager.set(r.manager_id, (a = { managerId: r.manager_id, period, distribution: [0, 0, 0, 0, 0] }));
        a.distribution[r.rating - 1] = (a.distribution[r.rating - 1] ?? 0) + r.n;
      }
      return [...byManager.values()];
    },
    comments: (managerId, period) => comments.all(managerId, period).map((r) => crypto.open(r.comment)).filter((c) => c !== ''),
  });
}

/**
 * Receipts and answers never meet in a write (docs/adr/0003-pulse-anonymity.md): `claimReceipt` writes the
 * receipt alone when someone answers; `release` writes a shuffled batch of answers about one manager with
 * random ids and no time, comments sealed under LEADWELL_DATA_KEY, and flips the batch's receipts (updated
 * in place: same size, same cell).
 */
export function createPulseRepository(db: Db, options: { secret: string; sealer: TextSealer }): PulseRepository {
  if (!options.secret) throw new Error('pulse: LEADWELL_SECRET is required');
  const crypto = createPulseCommentCrypto(options.sealer);
  const hash = (personId: string, period: string) => respondentHash(options.secret, personId, period);
  const insertReceipt = db.prepare('INSERT INTO pulse_receipts (respondent_hash, period, released) VALUES (?, ?, 0) ON CONFLICT (respondent_hash) DO NOTHING');
  const markReleased = db.prepare('UPDATE pulse_receipts SET released = 1 WHERE respondent_hash = ?');
  const insertResponse = db.prepare('INSERT INTO pulse_responses (id, period, manager_id, rating, comment) VALUES (?, ?, ?, ?, ?)');
  const answered = db.prepare<[string], { ok: number }>('SELECT 1 AS ok FROM pulse_receipts WHERE respondent_hash = ?');
  const unreleased = db.prepare<[], { respondent_hash: string; period: string }>('SELECT respondent_hash, period FROM pulse_receipts WHERE released = 0');
  const dropUnreleased = db.prepare('DELETE FROM pulse_receipts WHERE released = 0');

  // Receipts are flipped in hash order, not in the batch's order, so the update sequence says nothing either.
  const flip = (receipts: readonly string[]) => [...receipts].sort().forEach((r) => markReleased.run(r));
  const release = db.transaction((period: string, answers: readonly PendingAnswer[]) => {
    for (const a of answers) insertResponse.run(randomBytes(16).toString('hex'), period, a.managerId, a.rating, crypto.seal(a.comment));
    flip(answers.map((a) => a.receipt));
  });

  return asyncPort<PulseRepository>({
    ...createPulseReads(db, { sealer: options.sealer }),
    canKeepComments: () => options.sealer.currentKeyId !== undefined,
    claimReceipt(personId, period) {
      const receipt = hash(personId, period);
      return insertReceipt.run(receipt, period).changes === 1 ? receipt : undefined;
    },
    hasAnswered: (personId, period) => answered.get(hash(personId, period)) !== undefined,
    release: (period, answers) => release(period, answers),
    discard: db.transaction((receipts: readonly string[]) => flip(receipts)),
    dropUnreleased: db.transaction(() => {
      const lost = unreleased.all().map((r) => ({ receipt: r.respondent_hash, period: r.period }));
      dropUnreleased.run();
      return lost;
    }),
    receiptOf: hash,
  });
}

const EVERY_KEY = 'pulse.every_months';

export function createPulseSettings(db: Db): PulseSettings {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const set = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  return asyncPort<PulseSettings>({
    everyMonths() {
      const raw = get.get(EVERY_KEY)?.value;
      const n = raw === undefined ? 1 : Number(raw);
      return Number.isInteger(n) && n >= 0 ? n : 1;
    },
    setEveryMonths: (months, at) => void set.run(EVERY_KEY, String(months), at),
  });
}
