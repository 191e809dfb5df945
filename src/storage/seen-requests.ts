import type { Db } from './database';
import type { SeenRequests } from '../domain/ports';

const PRUNE_EVERY_MS = 60_000;

/**
 * The replay memory behind the request guard. INSERT OR IGNORE makes check-and-record one atomic statement, so
 * two instances on one database cannot both take the same request; expired keys are pruned at most once a minute.
 */
export function createSeenRequests(db: Db): SeenRequests {
  const insert = db.prepare('INSERT OR IGNORE INTO seen_requests (request_key, expires_at) VALUES (?, ?)');
  const refresh = db.prepare('UPDATE seen_requests SET expires_at = ? WHERE request_key = ? AND expires_at < ?');
  const prune = db.prepare('DELETE FROM seen_requests WHERE expires_at < ?');
  let lastPrune = -Infinity;
  return {
    firstSeen(key, expiresAt, now) {
      if (now - lastPrune >= PRUNE_EVERY_MS) {
        prune.run(now);
        lastPrune = now;
      }
      if (insert.run(key, expiresAt).changes === 1) return true;
      // An expired row another instance has not pruned yet is not a replay inside the window: take it over.
      return refresh.run(expiresAt, key, now).changes === 1;
    },
  };
}
