import { sql, type Compilable, type RawBuilder } from 'kysely';
import { engineOf, type Executor } from './engine';

/**
 * Where SQLite and PostgreSQL spell the people queries differently. SQLite's NOCASE and lower() fold ASCII
 * only and compare bytes; PostgreSQL's lower() follows the database's locale. `COLLATE "C"` makes PostgreSQL
 * fold ASCII only and order by code point too, so names sort and match alike on both engines and on every
 * server, whatever locale it was initialised with.
 */
export function asciiLower(db: Executor, value: RawBuilder<unknown> | string): RawBuilder<string> {
  const v = typeof value === 'string' ? sql.ref(value) : value;
  return engineOf(db) === 'sqlite' ? sql<string>`lower(${v})` : sql<string>`lower(${v} COLLATE "C")`;
}

/** ORDER BY key for a name, case-insensitively (ASCII), the same order on both engines. */
export function byNameKey(db: Executor, column: string): RawBuilder<string> {
  return engineOf(db) === 'sqlite' ? sql<string>`${sql.ref(column)} COLLATE NOCASE` : asciiLower(db, column);
}

/** A raw statement as something `prepared()` and the EXPLAIN helper take. */
export function compilable(db: Executor, raw: RawBuilder<unknown>): Compilable {
  return { compile: () => raw.compile(db) };
}

/**
 * Depth of the management tree below a person, capped at 3 (executive); the cap bounds the recursion.
 * SQLite: INDEXED BY, because after ANALYZE its planner preferred an automatic index over the whole table
 * (~100 ms at 10k people). PostgreSQL has no such hint and needs none: it seeks people_manager for the join.
 */
export function depthQuery(db: Executor, personId: string): Compilable {
  const joined = engineOf(db) === 'sqlite' ? sql`people AS p INDEXED BY people_manager` : sql`people AS p`;
  return compilable(db, sql`
    WITH RECURSIVE below(id, d) AS (
      SELECT id, 1 FROM people WHERE manager_id = ${personId} AND deleted = 0 AND is_bot = 0
      UNION
      SELECT p.id, below.d + 1 FROM below JOIN ${joined} ON p.manager_id = below.id
      WHERE below.d < 3 AND p.deleted = 0 AND p.is_bot = 0
    ) SELECT MAX(d) AS d FROM below`);
}

/**
 * The managers above a person, nearest first. UNION stops at a repeated (id, step) pair only, so a cycle in old
 * data runs to the 1,000-step guard instead of forever.
 */
export function chainUpQuery(db: Executor, personId: string): Compilable {
  return compilable(db, sql`
    WITH RECURSIVE up(id, n) AS (
      SELECT manager_id, 1 FROM people WHERE id = ${personId} AND manager_id IS NOT NULL
      UNION
      SELECT p.manager_id, up.n + 1 FROM people p JOIN up ON p.id = up.id WHERE p.manager_id IS NOT NULL AND up.n < 1000
    ) SELECT id FROM up`);
}
