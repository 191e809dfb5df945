import { MAX_RETRY_AFTER_MS } from '../domain/outbox/policy';
import { engineOf, type Executor } from './engine';
import { atomic } from './atomic';
import { preparedShared } from './prepared-named';

// Every message sent asks the gate: built once per database (prepared-named.ts). `p` is a stand-in, read field by field.
type Setting = { key: string; value: string; now: number };
const LOCK = (db: Executor, p: Setting) => db.insertInto('settings').values({ key: p.key, value: '0', updated_at: p.now })
  .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('settings.value') }))).returning('value');
const READ = (db: Executor, p: Setting) => db.selectFrom('settings').select('value').where('key', '=', p.key);
const WRITE = (db: Executor, p: Setting) => db.insertInto('settings').values({ key: p.key, value: p.value, updated_at: p.now })
  .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: eb.ref('excluded.updated_at') })));

/**
 * The workspace-wide send gate per Slack rate tier, shared by every instance through `settings`. Each decision
 * is read-then-write, so it runs in a transaction that holds the tier's row: on PostgreSQL the upsert below
 * takes the row lock (a second instance waits on it and then reads the value the first one committed); on
 * SQLite the transaction began with BEGIN IMMEDIATE, which already serialises every writer on the file, so there
 * the value is only read, and a decision that writes nothing (the tier is full) commits no page.
 */
async function lockedNumber(db: Executor, key: string, now: number): Promise<number> {
  if (engineOf(db) === 'sqlite') return readNumber(db, key);
  const [row] = (await preparedShared(db, LOCK)({ key, value: '', now })).rows;
  return Number(row?.value) || 0;
}

async function readNumber(db: Executor, key: string): Promise<number> {
  const [row] = (await preparedShared(db, READ)({ key, value: '', now: 0 })).rows;
  return Number(row?.value ?? 0) || 0;
}

/** An upsert: on SQLite the row may not exist yet (nothing created it before the first write). */
const write = (db: Executor, key: string, value: number, now: number) => preparedShared(db, WRITE)({ key, value: String(value), now });

const holdKey = (tier: string) => `outbox.rate.${tier}.hold_until`;
const nextKey = (tier: string) => `outbox.rate.${tier}.next_at`;

/**
 * How far behind the latest grant a caller's `now` may be and still count as the same clock. `now` is read before
 * the transaction, which may wait its turn behind others; a caller whose reading is a little older than the last
 * grant's is late, not a clock that jumped back. Reading it as a jump reset the gate: under load one more burst
 * went out (25 posts where the tier allowed 15 in four seconds).
 */
const STALE_NOW_MS = 60_000;

/**
 * GCRA: `next_at` is the theoretical arrival time; a call may run up to `burstMs` ahead of it, as Slack's tiers
 * tolerate bursts. A value further ahead than it could legitimately be, by more than a late caller explains, means
 * the clock jumped back: ignored. Returns 0 when a slot was taken, else how long to wait.
 */
export function reserveSlot(db: Executor, tier: string, now: number, intervalMs: number, burstMs: number): Promise<number> {
  return atomic(db, async (trx) => {
    const hold = await readNumber(trx, holdKey(tier));
    if (hold > now && hold - now <= MAX_RETRY_AFTER_MS) return hold - now;
    if (intervalMs <= 0) return 0;
    const stored = await lockedNumber(trx, nextKey(tier), now);
    const tat = stored > now + burstMs + intervalMs + STALE_NOW_MS ? now : Math.max(stored, now);
    if (tat - now > burstMs) return tat - now - burstMs;
    await write(trx, nextKey(tier), tat + intervalMs, now);
    return 0;
  });
}

/** Slack's Retry-After for a tier: kept when later than the current hold, or when the current one is implausible. */
export function holdTier(db: Executor, tier: string, until: number, now: number): Promise<void> {
  return atomic(db, async (trx) => {
    const current = await lockedNumber(trx, holdKey(tier), now);
    if (until > current || current - now > MAX_RETRY_AFTER_MS) await write(trx, holdKey(tier), until, now);
  });
}
