import type { Db } from './database';
import type { NudgeRateGate } from '../domain/nudge-ports';
import { MAX_RETRY_AFTER_MS } from '../domain/nudge-errors';

const NEXT_KEY = 'nudge.rate.next_at';
const HOLD_KEY = 'nudge.rate.hold_until';

/**
 * The workspace send rate as a one-slot GCRA kept in the `settings` table: `next_at` is the earliest
 * instant the next nudge may go. Taking a slot is a read-then-write inside an IMMEDIATE transaction,
 * so dispatchers in two processes on one database share one rate instead of each sending at it.
 * Retry-After is stored next to it (`hold_until`) for the same reason.
 */
export function createNudgeRateGate(db: Db): NudgeRateGate {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const write = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  const num = (key: string) => Number(read.get(key)?.value ?? 0) || 0;

  // A value further ahead than it could legitimately be means the clock jumped back: it is ignored
  // rather than stalling every nudge until the old time comes round again.
  const reserve = db.transaction((now: number, intervalMs: number): number => {
    const hold = num(HOLD_KEY);
    if (hold > now && hold - now <= MAX_RETRY_AFTER_MS) return hold - now;
    if (intervalMs <= 0) return 0;
    const next = num(NEXT_KEY);
    if (next > now && next - now <= intervalMs) return next - now;
    write.run(NEXT_KEY, String(now + intervalMs), now);
    return 0;
  });
  const hold = db.transaction((until: number, now: number) => {
    const current = num(HOLD_KEY);
    if (until > current || current - now > MAX_RETRY_AFTER_MS) write.run(HOLD_KEY, String(until), now);
  });

  return {
    reserve: (now, intervalMs) => reserve.immediate(now, intervalMs),
    holdUntil: () => num(HOLD_KEY),
    hold: (until, now) => hold.immediate(until, now),
  };
}
