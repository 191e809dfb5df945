import type { SeenRequests } from '../domain/ports';
import { affected, type Executor } from './engine';

const PRUNE_EVERY_MS = 60_000;

/**
 * The replay memory behind the request guard. INSERT … ON CONFLICT DO NOTHING makes check-and-record one atomic
 * statement on either engine, so two instances on one database cannot both take the same request; expired keys
 * are pruned at most once a minute (per instance).
 */
export function createSeenRequests(db: Executor): SeenRequests {
  let lastPrune = -Infinity;
  return {
    async firstSeen(key, expiresAt, now) {
      if (now - lastPrune >= PRUNE_EVERY_MS) {
        lastPrune = now;
        await db.deleteFrom('seen_requests').where('expires_at', '<', now).execute();
      }
      const inserted = await db.insertInto('seen_requests').values({ request_key: key, expires_at: expiresAt })
        .onConflict((oc) => oc.column('request_key').doNothing()).executeTakeFirst();
      if (affected(inserted) === 1) return true;
      // An expired row another instance has not pruned yet is not a replay inside the window: take it over.
      const refreshed = await db.updateTable('seen_requests').set({ expires_at: expiresAt })
        .where('request_key', '=', key).where('expires_at', '<', now).executeTakeFirst();
      return affected(refreshed) === 1;
    },
  };
}
