import { sql } from 'kysely';
import { engineOf, type Executor } from './engine';
import { preparedShared } from './prepared-named';
import { unnestArrays } from './bulk-rows';

/** One outbox row to insert (planBatch has decided its period record, if any). */
export interface PlanRow {
  kind: string;
  recipient: string;
  dedupeKey: string;
  /** JSON text. */
  payload: string;
  group: string | null;
  waits: number;
  nudgeId: number | null;
  dueAt: number;
}

const COLUMNS = ['kind', 'recipient', 'dedupe_key', 'payload', 'group_key', 'waits', 'nudge_id', 'due_at', 'next_attempt_at', 'created_at', 'updated_at'] as const;

/**
 * Any number of rows in one fixed-shape statement, so it is built once per database (prepared-named.ts) instead of
 * once per plan call (every kudos plans its messages, and again its giver's confirmation). PostgreSQL: one array per
 * column (bulk-rows.ts, unnestArrays). SQLite: the rows as one JSON array, read by json_each (`WHERE true` lets SQLite tell the
 * SELECT from the ON CONFLICT that follows). New rows only, by dedupe key; `p` is a stand-in read field by field.
 */
type Columns = { kinds: string[]; recipients: string[]; keys: string[]; payloads: string[]; groups: Array<string | null>; waits: number[]; nudges: Array<number | null>; dues: number[]; nows: number[] };
// A row is first due when it is planned (due_at twice); created and updated now.
const ON_POSTGRES = (db: Executor, p: Columns) => db.insertInto('outbox').columns(COLUMNS)
  .expression(unnestArrays([[p.kinds, 'text'], [p.recipients, 'text'], [p.keys, 'text'], [p.payloads, 'text'], [p.groups, 'text'], [p.waits, 'integer'],
    [p.nudges, 'bigint'], [p.dues, 'bigint'], [p.dues, 'bigint'], [p.nows, 'bigint'], [p.nows, 'bigint']]))
  .onConflict((oc) => oc.column('dedupe_key').doNothing());
const ON_SQLITE = (db: Executor, p: { rows: string; now: number }) => db.insertInto('outbox').columns(COLUMNS)
  .expression(sql`SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 7, ${p.now}, ${p.now}
    FROM json_each(${p.rows}) WHERE true`)
  .onConflict((oc) => oc.column('dedupe_key').doNothing());

/** Inserts the rows not there yet (by dedupe key), in order; returns how many were new. */
export async function insertPlanRows(db: Executor, rows: readonly PlanRow[], now: number): Promise<number> {
  if (rows.length === 0) return 0;
  const result = engineOf(db) === 'postgres'
    ? await preparedShared(db, ON_POSTGRES)({
      kinds: rows.map((r) => r.kind), recipients: rows.map((r) => r.recipient), keys: rows.map((r) => r.dedupeKey), payloads: rows.map((r) => r.payload),
      groups: rows.map((r) => r.group), waits: rows.map((r) => r.waits), nudges: rows.map((r) => r.nudgeId), dues: rows.map((r) => r.dueAt), nows: rows.map(() => now),
    })
    : await preparedShared(db, ON_SQLITE)({ rows: JSON.stringify(rows.map((r) => [r.kind, r.recipient, r.dedupeKey, r.payload, r.group, r.waits, r.nudgeId, r.dueAt])), now });
  return Number(result.numAffectedRows ?? 0n);
}
