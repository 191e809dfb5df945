import type { Claims } from '../domain/ports';
import type { Executor } from './engine';

/**
 * Claims live in the replay memory (`seen_requests`, migration 0008) under their own prefix: a key with an expiry
 * is all a claim is, and that table is already pruned of expired rows by the request guard (seen-requests.ts),
 * on every instance, in short chunks. Request keys are signatures and envelope ids, so the prefix never meets one.
 */
const PREFIX = 'claim:';

export function createClaims(db: Executor): Claims {
  const row = (key: string) => `${PREFIX}${key}`;
  return {
    async take(key, expiresAt, now) {
      // One statement on either engine: a new key is inserted, an expired one taken over, a live one left alone;
      // RETURNING says whether this call was the one that wrote. Two instances at once: one row lock, one winner.
      const taken = await db
        .insertInto('seen_requests')
        .values({ request_key: row(key), expires_at: expiresAt })
        .onConflict((oc) => oc.column('request_key').doUpdateSet({ expires_at: (eb) => eb.ref('excluded.expires_at') }).where('seen_requests.expires_at', '<=', now))
        .returning('request_key')
        .execute();
      return taken.length === 1;
    },
    async release(key, expiresAt) {
      // Only the holder's own claim: once taken over (a later expiry), it belongs to the new holder.
      await db.deleteFrom('seen_requests').where('request_key', '=', row(key)).where('expires_at', '=', expiresAt).execute();
    },
    async held(key, now) {
      const found = await db.selectFrom('seen_requests').select('request_key').where('request_key', '=', row(key)).where('expires_at', '>', now).executeTakeFirst();
      return found !== undefined;
    },
  };
}
