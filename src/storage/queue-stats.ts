import type { Db } from './database';

/**
 * What is waiting to be sent: nudges (weekly, pulse, reminders) not yet sent and kudos not yet posted.
 * Both reads use an index (nudges_queue; kudos by status is a small partial scan of recent rows).
 */
export function sendQueueStats(db: Db, now: number): { depth: number; oldestAgeSeconds: number } {
  const row = db
    .prepare(
      `SELECT COUNT(*) AS depth, MIN(created_at) AS oldest FROM (
         SELECT created_at FROM nudges WHERE status IN ('planned', 'sending')
         UNION ALL
         SELECT created_at FROM kudos WHERE post_status = 'pending'
       )`,
    )
    .get() as { depth: number; oldest: number | null };
  return { depth: row.depth, oldestAgeSeconds: row.oldest === null ? 0 : Math.max(0, Math.round((now - row.oldest) / 1000)) };
}
