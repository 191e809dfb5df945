import type { RetentionStore } from '../domain/retention';
import { affected, type Executor } from './engine';
import { atomic } from './atomic';
import { truncateWal } from './wal-truncate';

/** The statements, exported so a test can EXPLAIN them (events_at, people_left). */
export const retentionQueries = (db: Executor, p: { heldBefore: number; periodBefore: string; eventsBefore: number; leftBefore: number; limit: number }) => ({
  notes: db.updateTable('one_on_ones').set({ notes: '' }).where('held_at', '<', p.heldBefore).where('notes', '<>', ''),
  comments: db.updateTable('pulse_responses').set({ comment: '' }).where('period', '<', p.periodBefore).where('comment', '<>', ''),
  events: db.deleteFrom('events').where('at', '<', p.eventsBefore),
  leavers: db.selectFrom('people').select('id')
    .where('deleted', '=', 1).where('is_bot', '=', 0).where('erased_at', 'is', null).where('left_at', '<', p.leftBefore)
    .orderBy('left_at').limit(p.limit),
});

const NONE = { heldBefore: 0, periodBefore: '', eventsBefore: 0, leftBefore: 0, limit: 0 };

/**
 * Retention's deletes (domain/retention.ts decides the cut-offs). `flush` moves SQLite's WAL into the file and
 * truncates it, so deleted text leaves the -wal file too; PostgreSQL has no equivalent a client can ask for
 * (its dead rows stay in the table files until VACUUM reuses the space: docs/data-and-privacy.md), so there it
 * does nothing.
 */
export function createRetentionStore(db: Executor): RetentionStore {
  return {
    apply: (c) =>
      atomic(db, async (trx) => {
        const q = retentionQueries(trx, {
          ...NONE,
          heldBefore: c.notesHeldBefore ?? 0,
          periodBefore: c.pulseCommentsBeforePeriod ?? '',
          eventsBefore: c.eventsBefore ?? 0,
        });
        return {
          notes: c.notesHeldBefore === undefined ? 0 : affected(await q.notes.executeTakeFirst()),
          pulseComments: c.pulseCommentsBeforePeriod === undefined ? 0 : affected(await q.comments.executeTakeFirst()),
          events: c.eventsBefore === undefined ? 0 : affected(await q.events.executeTakeFirst()),
        };
      }),
    leaversDue: async (leftBefore, limit) => (await retentionQueries(db, { ...NONE, leftBefore, limit }).leavers.execute()).map((r) => r.id),
    flush: () => truncateWal(db),
  };
}
