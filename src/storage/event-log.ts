import type { Db } from './database';
import type { AuditEvent, DeliveryLog, EventLog } from '../domain/ports';

export function createEventLog(db: Db): EventLog {
  const insert = db.prepare(
    'INSERT INTO events (at, kind, actor_id, subject_id, ref_id, data) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return {
    append: (e: AuditEvent, at: number) => {
      insert.run(at, e.kind, e.actorId ?? null, e.subjectId ?? null, e.refId ?? null, JSON.stringify(e.data ?? {}));
    },
  };
}

/** Remembers Slack delivery ids for a day; INSERT OR IGNORE makes the check-and-record atomic across instances. */
export function createDeliveryLog(db: Db): DeliveryLog {
  const insert = db.prepare('INSERT OR IGNORE INTO slack_deliveries (delivery_id, received_at) VALUES (?, ?)');
  const prune = db.prepare('DELETE FROM slack_deliveries WHERE received_at < ?');
  let lastPrune = 0;
  const DAY = 24 * 60 * 60 * 1000;
  return {
    firstSeen: (id, at) => {
      if (at - lastPrune > 60 * 60 * 1000) {
        prune.run(at - DAY);
        lastPrune = at;
      }
      return insert.run(id, at).changes === 1;
    },
  };
}
