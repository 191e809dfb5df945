import { sql, type Compilable } from 'kysely';
import type { EngineName } from './engines';
import type { Executor } from '../../src/storage/engine';

/**
 * The plan a query gets on this engine, one line a step. SQLite: EXPLAIN QUERY PLAN. PostgreSQL: EXPLAIN with
 * sequential scans priced out (SET LOCAL enable_seqscan = off), so on a small test table the plan still shows
 * whether an index can serve the query: a "Seq Scan" that survives means none can.
 */
export async function planOf(engine: EngineName, db: Executor, query: Compilable): Promise<string[]> {
  const compiled = query.compile();
  if (engine === 'sqlite') {
    const { rows } = await db.executeQuery<{ detail: string }>({ ...compiled, sql: `EXPLAIN QUERY PLAN ${compiled.sql}` });
    return rows.map((r) => r.detail);
  }
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>({ ...compiled, sql: `EXPLAIN ${compiled.sql}` });
    return rows.map((r) => r['QUERY PLAN']);
  });
}
