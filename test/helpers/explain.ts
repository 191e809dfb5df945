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

/** The plan the engine picks with its own statistics (no planner setting changed), as one string. */
export async function chosenPlanOf(engine: EngineName, db: Executor, query: Compilable): Promise<string> {
  const compiled = query.compile();
  const prefix = engine === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN';
  const { rows } = await db.executeQuery<Record<string, unknown>>({ ...compiled, sql: `${prefix} ${compiled.sql}` });
  return rows.map((r) => String(r.detail ?? r['QUERY PLAN'])).join('\n');
}

/**
 * PostgreSQL's generic plan for a query: the plan a statement prepared on the server (engine.ts serverSideName)
 * settles on after its first runs, chosen without the bound values. PREPARE, then EXPLAIN EXECUTE under
 * plan_cache_mode = force_generic_plan (EXPLAIN (GENERIC_PLAN) needs PostgreSQL 16; CI's server is 15). `seqscan: 'off'`
 * as planOf, for tables a test leaves small.
 */
export async function genericPlanOf(db: Executor, query: Compilable, o: { seqscan?: 'off' } = {}): Promise<string[]> {
  const compiled = query.compile();
  const literal = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
  return db.connection().execute(async (c) => {
    await sql.raw(`PREPARE lw_generic_check AS ${compiled.sql}`).execute(c);
    try {
      await sql`SET plan_cache_mode = force_generic_plan`.execute(c);
      // As planOf: sequential scans priced out, so on a small table the plan still shows whether an index can serve.
      if (o.seqscan === 'off') await sql`SET enable_seqscan = off`.execute(c);
      const args = compiled.parameters.map(literal).join(', ');
      const { rows } = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE lw_generic_check${args ? `(${args})` : ''}`).execute(c);
      return rows.map((r) => r['QUERY PLAN']);
    } finally {
      await sql`RESET plan_cache_mode`.execute(c);
      await sql`RESET enable_seqscan`.execute(c);
      await sql`DEALLOCATE lw_generic_check`.execute(c);
    }
  });
}
