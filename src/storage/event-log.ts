import { prepared, type Executor } from './engine';
import type { AuditEvent, DeliveryLog, EventLog } from '../domain/ports';

/** The append-only audit log: every domain action writes one row, so the insert is prepared. Never note text in `data`. */
export function createEventLog(db: Executor): EventLog {
  const row = (e: AuditEvent, at: number) => ({
    at, kind: e.kind, actor_id: e.actorId ?? null, subject_id: e.subjectId ?? null, ref_id: e.refId ?? null, data: JSON.stringify(e.data ?? {}),
  });
  const insert = prepared(db, db.insertInto('events').values(row({ kind: '' }, 0)));
  return {
    append: async (e, at) => {
      await insert(Object.values(row(e, at)));
    },
  };
}

/**
 * Remembers Slack delivery ids for a day. INSERT … ON CONFLICT DO NOTHING makes the check-and-record one atomic
 * statement on either engine, so a Slack retry that lands on another instance is dropped there too.
 */
export function createDeliveryLog(db: Executor): DeliveryLog {
  const insert = prepared(db, db.insertInto('slack_deliveries').values({ delivery_id: '', received_at: 0 }).onConflict((oc) => oc.column('delivery_id').doNothing()));
  const prune = prepared(db, db.deleteFrom('slack_deliveries').where('received_at', '<', 0));
  let lastPrune = 0;
  const DAY = 24 * 60 * 60 * 1000;
  return {
    firstSeen: async (id, at) => {
      if (at - lastPrune > 60 * 60 * 1000) {
        lastPrune = at;
        await prune([at - DAY]);
      }
      return Number((await insert([id, at])).numAffectedRows ?? 0n) === 1;
    },
  };
}
