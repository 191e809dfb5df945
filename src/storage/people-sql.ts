import { sql, type Compilable, type RawBuilder } from 'kysely';
import { engineOf, opaque, type Executor } from './engine';

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

const active = (alias: string) => sql.raw(`${alias}.deleted = 0 AND ${alias}.is_bot = 0`);
/**
 * How deep the tree goes below the active report aliased `a`, counting them: 1, 2 or 3 (capped). A person's depth
 * (depthQuery) is the most of this over their active direct reports, 0 without any.
 */
export function reportDepth(a: string): RawBuilder<number> {
  const at = sql.raw(a);
  // LIMIT 1 OFFSET 0: PostgreSQL may run an EXISTS probed for many rows as one hashed pass over the whole people
  // table instead (profiled: 7 ms, a sequential scan of 10,000 people, for a manager of nine); an OFFSET keeps it
  // the index probe it is. SQLite stops at the first match either way.
  return sql<number>`CASE
      WHEN EXISTS (SELECT 1 FROM people b WHERE b.manager_id = ${at}.id AND ${active('b')}
        AND EXISTS (SELECT 1 FROM people c WHERE c.manager_id = b.id AND ${active('c')}) LIMIT 1 OFFSET 0) THEN 3
      WHEN EXISTS (SELECT 1 FROM people b WHERE b.manager_id = ${at}.id AND ${active('b')} LIMIT 1 OFFSET 0) THEN 2
      ELSE 1 END`;
}
const REPORT_DEPTH = reportDepth('a');

/**
 * Depth of the management tree below a person, capped at 3 (executive): 1 + the most any active direct report
 * has below them (a report of their own with a report: 2; a report: 1), 0 without active reports. Correlated
 * EXISTS probes of people_manager, no recursion: the recursive walk this replaced got a hash join over a
 * sequential scan of people from PostgreSQL's planner after ANALYZE (8.6 ms per App Home open for a VP at 10,000
 * people) and an automatic index over the whole table from SQLite's (it needed INDEXED BY). Each probe here stops
 * at its first match, so the cost follows the direct reports, not the org.
 */
export function depthQuery(db: Executor, personId: string): Compilable {
  return compilable(db, sql`
    SELECT COALESCE(MAX(${REPORT_DEPTH}), 0) AS d
    FROM people a WHERE a.manager_id = ${personId} AND ${active('a')}`);
}

/** depthQuery's figure as an expression, for a statement that reads it with other things (the prep card's facts). */
export function depthOf(personId: unknown): RawBuilder<number> {
  return sql<number>`COALESCE((SELECT MAX(${REPORT_DEPTH}) FROM people a WHERE a.manager_id = ${personId} AND ${active('a')}), 0)`;
}

/** depthQuery for several people in one statement (the same probes, correlated on each); people not on record are left out. */
export function depthsQuery(db: Executor, personIds: readonly string[]): Compilable {
  return compilable(db, sql`
    SELECT x.id AS id, COALESCE((SELECT MAX(${REPORT_DEPTH}) FROM people a WHERE a.manager_id = x.id AND ${active('a')}), 0) AS d
    FROM people x WHERE x.id IN (${sql.join(personIds.map((id) => opaque(db, id)))})`);
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
