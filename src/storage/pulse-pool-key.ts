import { randomBytes, type KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import { engineOf, type Executor } from './engine';
import { exportPrivate, importPrivate, newKeyPair, openWith, sealTo } from './pulse-seal';

/**
 * The pulse pool's key pair (docs: src/domain/pulse-pending-ports.ts). Its public half is in `settings`, so any
 * instance can seal an answer; its private half exists only in the memory of running instances. Each instance
 * (a "member") has an X25519 key of its own; a member holding the pool key seals it to every member still
 * waiting for it. When no running member holds it any more, nobody can ever open what was sealed to it: the
 * next instance makes a new pool key and deletes the unreadable answers together with their waiting receipts,
 * whose people are asked again (as docs/adr/0003-pulse-anonymity.md does after a restart).
 */
export const POOL_SETTING = 'pulse.pool_key';
/** pg_advisory_xact_lock(class, 0) for the membership; (class, group hash) for one group's release. */
export const PULSE_LOCK_CLASS = 0x70756c73;
/** The pulse-pool job beats every minute (src/jobs/pulse.ts): five missed beats and a member is taken to have stopped. */
const DEFAULT_STALE_MS = 5 * 60_000;

export interface Lost {
  receipt: string;
  period: string;
}

export interface PoolKeyOptions {
  /** A member not seen for this long is taken to have stopped (default five minutes: the pulse-pool job beats every minute). */
  staleAfterMs?: number;
  /**
   * SQLite: one app process per file (the running marker), so any other member on record is a process that
   * stopped without leaving (a crash, a kill). Joining then renews the key at once, as a restart always did,
   * instead of waiting `staleAfterMs` for a holder that will never come back.
   */
  soleInstance?: boolean;
}

export async function membershipLock(db: Executor): Promise<void> {
  if (engineOf(db) === 'postgres') await sql`SELECT pg_advisory_xact_lock(${PULSE_LOCK_CLASS}, 0)`.execute(db);
}

/** The current pool key, with its row locked against a renewal (PostgreSQL; SQLite's BEGIN IMMEDIATE already is). */
export async function currentPoolKey(db: Executor, lock: 'share' | 'none' = 'none'): Promise<{ id: string; publicKey: string } | undefined> {
  let q = db.selectFrom('settings').select('value').where('key', '=', POOL_SETTING);
  if (lock === 'share' && engineOf(db) === 'postgres') q = q.forShare();
  const row = await q.executeTakeFirst();
  return row ? (JSON.parse(row.value) as { id: string; publicKey: string }) : undefined;
}

export function createPulsePoolKey(db: Executor, options: PoolKeyOptions = {}) {
  const stale = options.staleAfterMs ?? DEFAULT_STALE_MS;
  const me = { id: randomBytes(16).toString('hex'), keys: newKeyPair() };
  let held: { id: string; privateKey: KeyObject } | undefined;

  /** Seals the pool key to every live member that does not have it yet. */
  async function handOver(trx: Executor, key: { id: string; privateKey: KeyObject }, now: number): Promise<void> {
    const waiting = await trx.selectFrom('pulse_pool_members').select(['member_id', 'public_key']).where('member_id', '<>', me.id)
      .where('seen_at', '>=', now - stale).where((eb) => eb.or([eb('pool_key', 'is', null), eb('pool_key', '<>', key.id)])).execute();
    const secret = exportPrivate(key.privateKey);
    for (const m of waiting) {
      await trx.updateTable('pulse_pool_members').set({ pool_key: key.id, wrapped: sealTo(m.public_key, secret) }).where('member_id', '=', m.member_id).execute();
    }
  }

  /** No live member can open what was sealed to the old key: a new key, and the answers it can never read go. */
  async function renew(trx: Executor, now: number): Promise<{ key: { id: string; privateKey: KeyObject }; lost: Lost[] }> {
    const pair = newKeyPair();
    const key = { id: randomBytes(16).toString('hex'), privateKey: pair.privateKey };
    const value = JSON.stringify({ id: key.id, publicKey: pair.publicKey });
    await trx.insertInto('settings').values({ key: POOL_SETTING, value, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now })).execute();
    await trx.updateTable('pulse_pool_members').set({ pool_key: key.id, wrapped: null }).where('member_id', '=', me.id).execute();
    await trx.deleteFrom('pulse_pending').where('pool_key', '<>', key.id).execute();
    const lost = await trx.deleteFrom('pulse_receipts').where('released', '=', 0).returning(['respondent_hash', 'period']).execute();
    return { key, lost: lost.map((r) => ({ receipt: r.respondent_hash, period: r.period })).sort((a, b) => a.receipt.localeCompare(b.receipt)) };
  }

  /** One step of the membership, under its lock; `held` changes only after the transaction committed. */
  async function sync(now: number): Promise<Lost[]> {
    const step = await db.transaction().execute(async (trx) => {
      await membershipLock(trx);
      await trx.insertInto('pulse_pool_members').values({ member_id: me.id, public_key: me.keys.publicKey, seen_at: now })
        .onConflict((oc) => oc.column('member_id').doUpdateSet({ seen_at: now })).execute();
      await trx.deleteFrom('pulse_pool_members').where('seen_at', '<', now - 2 * stale).execute();
      if (options.soleInstance) await trx.deleteFrom('pulse_pool_members').where('member_id', '<>', me.id).execute();
      const current = await currentPoolKey(trx);
      if (current && held?.id === current.id) {
        await handOver(trx, held, now);
        return { key: held, lost: [] };
      }
      const mine = await trx.selectFrom('pulse_pool_members').select(['pool_key', 'wrapped']).where('member_id', '=', me.id).executeTakeFirst();
      const unwrapped = current && mine?.pool_key === current.id && mine.wrapped ? openWith(me.keys.privateKey, mine.wrapped) : undefined;
      if (current && unwrapped) return { key: { id: current.id, privateKey: importPrivate(unwrapped) }, lost: [] };
      const holder = current && await trx.selectFrom('pulse_pool_members').select('member_id').where('member_id', '<>', me.id)
        .where('pool_key', '=', current.id).where('seen_at', '>=', now - stale).executeTakeFirst();
      if (holder) return { key: undefined, lost: [] }; // it hands the key over on its next step
      return renew(trx, now);
    });
    held = step.key;
    return step.lost;
  }

  return {
    sync,
    async leave(now: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await membershipLock(trx);
        const current = await currentPoolKey(trx);
        if (held && current?.id === held.id) await handOver(trx, held, now);
        await trx.deleteFrom('pulse_pool_members').where('member_id', '=', me.id).execute();
      });
      held = undefined;
    },
    /** The pool key's id this instance can open, if any. */
    heldId: () => held?.id,
    open: (poolKey: string, sealed: string): Buffer | undefined => (held && held.id === poolKey ? openWith(held.privateKey, sealed) : undefined),
  };
}

export type PulsePoolKey = ReturnType<typeof createPulsePoolKey>;
