import type { SeenRequests } from '../domain/ports';
import { prepared, type Executor } from './engine';

const PRUNE_EVERY_MS = 60_000;

/**
 * The replay memory behind the request guard. INSERT … ON CONFLICT DO NOTHING makes check-and-record one atomic
 * statement on either engine, so two instances on one database cannot both take the same request; expired keys
 * are pruned at most once a minute (per instance). Every Slack request passes here: the statements are prepared.
 */
export function createSeenRequests(db: Executor): SeenRequests {
  const insert = prepared(db, db.insertInto('seen_requests').values({ request_key: '', expires_at: 0 }).onConflict((oc) => oc.column('request_key').doNothing()));
  const refresh = prepared(db, db.updateTable('seen_requests').set({ expires_at: 0 }).where('request_key', '=', '').where('expires_at', '<', 0));
  const prune = prepared(db, db.deleteFrom('seen_requests').where('expires_at', '<', 0));
  let lastPrune = -Infinity;
  return {
    async firstSeen(key, expiresAt, now) {
      if (now - lastPrune >= PRUNE_EVERY_MS) {
        lastPrune = now;
        await prune([now]);
      }
      if (Number((await insert([key, expiresAt])).numAffectedRows ?? 0n) === 1) return true;
      // An expired row another instance has not pruned yet is not a replay inside the window: take it over.
      return Number((await refresh([expiresAt, key, now])).numAffectedRows ?? 0n) === 1;
    },
  };
}
