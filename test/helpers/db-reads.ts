import { eventually } from './eventually';
import type { Harness } from './harness';

/**
 * Reads for assertions that run the same on SQLite and PostgreSQL (through `t.query`, never the SQLite file).
 * COUNT(*) comes back as a number on both engines (BIGINT is parsed to a number), but Number() keeps a count a
 * count even if a driver hands back text.
 */
export async function count(t: Harness, sql: string, ...params: unknown[]): Promise<number> {
  const [row] = await t.query<{ n: number | string }>(sql, ...params);
  return Number(row?.n);
}

/** The number of rows in one table. */
export function rowsIn(t: Harness, table: string): Promise<number> {
  return count(t, `SELECT COUNT(*) AS n FROM ${table}`);
}

/** Row counts of several tables, keyed by table. */
export async function rowsInEach(t: Harness, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await rowsIn(t, table);
  return counts;
}

/** emulator.waitFor polls a synchronous check; database reads are async on both engines, so poll those here. */
export async function until(check: () => Promise<boolean>, timeoutMs = 4000): Promise<void> {
  await eventually(check, timeoutMs);
}
