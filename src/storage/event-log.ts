import type { Db } from './database';
import { prepared, type Executor } from './engine';
import type { AuditEvent, DeliveryLog, EventLog } from '../domain/ports';
import { asyncPort } from './interim-async';

export function createEventLog(db: Db): EventLog {
  const insert = db.prepare(
    'INSERT INTO events (at, kind, actor_id, subject_id, ref_id, data) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return asyncPort<EventLog>({
    append: (e: AuditEvent, at: number) => {
      insert.run(at, e.kind, e.actorId ?? null, e.subjectId ?? null, e.refId ?? null, JSON.stringify(e.data ?? {}));
    },
  });
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
