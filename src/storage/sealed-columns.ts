import { sql } from 'kysely';
import { KEY_ID_LENGTH, SEALED_PREFIX, sealedKeyId, type TextSealer } from './sealed-text';
import type { Executor } from './engine';
import { atomic } from './atomic';
import { truncateWal } from './wal-truncate';

/**
 * Every column holding sealed text, for the start-up key check, the start-up sealing of text from before
 * encryption and `npm run keys:rotate`.
 */
export interface SealedColumn {
  table: string;
  /** An integer or text primary key: the rotation walks the table in its order. */
  key: string;
  keyType: 'integer' | 'text';
  column: string;
  /** What an operator reads in messages. */
  label: string;
}

export const NOTES_COLUMN: SealedColumn = { table: 'one_on_ones', key: 'id', keyType: 'integer', column: 'notes', label: 'private 1:1 notes' };
/** Sealed by the pulse repository when it releases a batch (pulse-comment-crypto.ts). */
export const PULSE_COMMENTS_COLUMN: SealedColumn = { table: 'pulse_responses', key: 'id', keyType: 'text', column: 'comment', label: 'pulse comments' };
export const SEALED_COLUMNS: readonly SealedColumn[] = [NOTES_COLUMN, PULSE_COMMENTS_COLUMN];

export const columnContext = (c: SealedColumn): string => `${c.table}.${c.column}`;

export interface ColumnCensus {
  column: SealedColumn;
  plaintext: number;
  /** Sealed values per key id. */
  byKey: Map<string, number>;
}

/** How many values of each column are plaintext or sealed under which key (reads only the prefix; substr is the same on both engines). */
export async function sealedCensus(db: Executor, columns: readonly SealedColumn[] = SEALED_COLUMNS): Promise<ColumnCensus[]> {
  const out: ColumnCensus[] = [];
  for (const c of columns) {
    const col = sql.ref(c.column);
    const { rows } = await sql<{ k: string | null; n: number }>`SELECT CASE WHEN substr(${col}, 1, ${sql.lit(SEALED_PREFIX.length)}) = ${SEALED_PREFIX}
        THEN substr(${col}, 1, ${sql.lit(SEALED_PREFIX.length + KEY_ID_LENGTH + 1)}) END AS k, COUNT(*) AS n
      FROM ${sql.table(c.table)} WHERE ${col} <> '' GROUP BY 1`.execute(db);
    const byKey = new Map<string, number>();
    let plaintext = 0;
    for (const r of rows) {
      const id = r.k === null ? undefined : sealedKeyId(r.k);
      if (id === undefined) plaintext += Number(r.n);
      else byKey.set(id, (byKey.get(id) ?? 0) + Number(r.n));
    }
    out.push({ column: c, plaintext, byKey });
  }
  return out;
}

export interface RekeyOutcome {
  resealed: number;
  /** Values under a key this sealer does not have: left as they are. */
  unreadable: number;
  /** Values changed by someone else between read and write: retried by the next pass. */
  raced: number;
}

/**
 * Reseals one batch of a column under the current key: plaintext and values under the previous key.
 * Each batch is its own short transaction, so the running app waits at most one batch. The update compares
 * the old value: a note edited meanwhile is not overwritten (on PostgreSQL, where instances write concurrently,
 * the comparison is what keeps an edit made between this batch's read and its write).
 */
export async function rekeyBatch(db: Executor, sealer: TextSealer, c: SealedColumn, after: number | string, size: number): Promise<RekeyOutcome & { last?: number | string }> {
  const current = sealer.currentKeyId;
  if (!current) throw new Error('rekey needs LEADWELL_DATA_KEY');
  const [key, col, table] = [sql.ref(c.key), sql.ref(c.column), sql.table(c.table)];
  const out: RekeyOutcome & { last?: number | string } = { resealed: 0, unreadable: 0, raced: 0 };
  await atomic(db, async (trx) => {
    const { rows } = await sql<{ k: number | string; v: string }>`SELECT ${key} AS k, ${col} AS v FROM ${table}
      WHERE ${key} > ${after} AND ${col} <> '' AND ${col} NOT LIKE ${`${SEALED_PREFIX}${current}:%`} ORDER BY ${key} LIMIT ${size}`.execute(trx);
    for (const r of rows) {
      out.last = c.keyType === 'integer' ? Number(r.k) : r.k;
      const opened = sealer.open(r.v, columnContext(c));
      if (!opened.ok) {
        out.unreadable += 1;
        continue;
      }
      const result = await sql`UPDATE ${table} SET ${col} = ${sealer.seal(opened.text, columnContext(c))} WHERE ${key} = ${r.k} AND ${col} = ${r.v}`.execute(trx);
      if (Number(result.numAffectedRows ?? 0n) === 1) out.resealed += 1;
      else out.raced += 1;
    }
  });
  return out;
}

/** Reseals every column in batches, yielding between them; returns the totals per column label. */
export async function rekeyAll(
  db: Executor,
  sealer: TextSealer,
  options: { batchSize?: number; pauseMs?: number; columns?: readonly SealedColumn[]; onBatch?: (label: string, o: RekeyOutcome) => void } = {},
): Promise<Map<string, RekeyOutcome>> {
  const totals = new Map<string, RekeyOutcome>();
  for (const c of options.columns ?? SEALED_COLUMNS) {
    const total: RekeyOutcome = { resealed: 0, unreadable: 0, raced: 0 };
    let after: number | string = c.keyType === 'integer' ? -1 : '';
    for (;;) {
      const batch = await rekeyBatch(db, sealer, c, after, options.batchSize ?? 200);
      total.resealed += batch.resealed;
      total.unreadable += batch.unreadable;
      total.raced += batch.raced;
      options.onBatch?.(c.label, batch);
      if (batch.last === undefined) break;
      after = batch.last;
      await new Promise((r) => setTimeout(r, options.pauseMs ?? 0));
    }
    totals.set(c.label, total);
  }
  // SQLite: secure_delete zeroed the old cells in the file; the old frames (plaintext from before encryption,
  // text under the old key) stay in the WAL until a checkpoint that truncates it. PostgreSQL keeps the old row
  // versions until VACUUM (docs/data-and-privacy.md).
  if ([...totals.values()].some((t) => t.resealed > 0)) await truncateWal(db);
  return totals;
}
