import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from './database';
import type { PulseAggregate } from '../domain/pulse';
import type { PulseRepository, PulseSettings } from '../domain/pulse-ports';

/** HMAC(secret, personId + period): lets the app refuse a second answer without storing who answered. */
export function respondentHash(secret: string, personId: string, period: string): string {
  return createHmac('sha256', secret).update(`${personId}\u0000${period}`).digest('hex');
}

/**
 * Pulse answers. The receipt and the response go to two tables with nothing in common but the period,
 * written in one transaction; the response's id is random, so neither row order nor ids link them.
 */
export function createPulseRepository(db: Db, options: { secret: string }): PulseRepository {
  if (!options.secret) throw new Error('pulse: a hash secret is required');
  const receipt = db.prepare('INSERT INTO pulse_receipts (respondent_hash, period) VALUES (?, ?) ON CONFLICT (respondent_hash) DO NOTHING');
  const response = db.prepare(`INSERT INTO pulse_responses (id, period, manager_id, rating, comment, created_on)
    VALUES (@id, @period, @managerId, @rating, @comment, @day)`);
  const answered = db.prepare<[string], { ok: number }>('SELECT 1 AS ok FROM pulse_receipts WHERE respondent_hash = ?');
  const perManager = db.prepare<[string], { manager_id: string; rating: number; n: number }>(
    'SELECT manager_id, rating, COUNT(*) AS n FROM pulse_responses WHERE period = ? GROUP BY manager_id, rating',
  );
  const comments = db.prepare<[string, string], { comment: string }>(
    "SELECT comment FROM pulse_responses WHERE manager_id = ? AND period = ? AND comment <> ''",
  );

  const record = db.transaction((a: Parameters<PulseRepository['record']>[0]): 'recorded' | 'duplicate' => {
    const hash = respondentHash(options.secret, a.personId, a.period);
    if (receipt.run(hash, a.period).changes === 0) return 'duplicate';
    response.run({ id: randomBytes(16).toString('hex'), period: a.period, managerId: a.managerId, rating: a.rating, comment: a.comment, day: a.day });
    return 'recorded';
  });

  return {
    record,
    hasAnswered: (personId, period) => answered.get(respondentHash(options.secret, personId, period)) !== undefined,
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
    comments: (managerId, period) => comments.all(managerId, period).map((r) => r.comment),
  };
}

const EVERY_KEY = 'pulse.every_months';

export function createPulseSettings(db: Db): PulseSettings {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const set = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  return {
    everyMonths() {
      const raw = get.get(EVERY_KEY)?.value;
      const n = raw === undefined ? 1 : Number(raw);
      return Number.isInteger(n) && n >= 0 ? n : 1;
    },
    setEveryMonths: (months, at) => void set.run(EVERY_KEY, String(months), at),
  };
}
