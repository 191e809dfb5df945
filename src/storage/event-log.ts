import { prepared, type Executor } from './engine';
import { preparedShared } from './prepared-named';
import type { DeliveryLog, EventLog } from '../domain/ports';

type EventRow = { at: number; kind: string; actor_id: string | null; subject_id: string | null; ref_id: number | null; data: string };
// Built once per database: the log is made per unit of work (prepared-named.ts). `p` is read field by field (a stand-in).
const INSERT = (db: Executor, p: EventRow) =>
  db.insertInto('events').values({ at: p.at, kind: p.kind, actor_id: p.actor_id, subject_id: p.subject_id, ref_id: p.ref_id, data: p.data });

/** The append-only audit log: every domain action writes one row, so the insert is prepared. Never note text in `data`. */
export function createEventLog(db: Executor): EventLog {
  const insert = preparedShared(db, INSERT);
  return {
    append: async (e, at) => {
      await insert({ at, kind: e.kind, actor_id: e.actorId ?? null, subject_id: e.subjectId ?? null, ref_id: e.refId ?? null, data: JSON.stringify(e.data ?? {}) });
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
