import type { Db } from './database';
import type { RetentionStore } from '../domain/retention';
import { asyncPort } from './interim-async';

export function createRetentionStore(db: Db): RetentionStore {
  const notes = db.prepare("UPDATE one_on_ones SET notes = '' WHERE held_at < ? AND notes <> ''");
  const comments = db.prepare("UPDATE pulse_responses SET comment = '' WHERE period < ? AND comment <> ''");
  const events = db.prepare('DELETE FROM events WHERE at < ?');
  const leavers = db.prepare<[number, number], { id: string }>(
    'SELECT id FROM people WHERE deleted = 1 AND is_bot = 0 AND erased_at IS NULL AND left_at < ? ORDER BY left_at LIMIT ?',
  );
  return asyncPort<RetentionStore>({
    apply: (c) =>
      db.transaction(() => ({
        notes: c.notesHeldBefore === undefined ? 0 : notes.run(c.notesHeldBefore).changes,
        pulseComments: c.pulseCommentsBeforePeriod === undefined ? 0 : comments.run(c.pulseCommentsBeforePeriod).changes,
        events: c.eventsBefore === undefined ? 0 : events.run(c.eventsBefore).changes,
      }))(),
    leaversDue: (leftBefore, limit) => leavers.all(leftBefore, limit).map((r) => r.id),
    flush: () => void db.pragma('wal_checkpoint(TRUNCATE)'),
  });
}
