import { sql } from 'kysely';
import type { OrgReadModel } from '../domain/home';
import type { Level } from '../domain/ports';
import { engineOf, type Executor } from './engine';
import { toPerson } from './people-repository';

type PersonRow = Parameters<typeof toPerson>[0];

/** Org-wide figures for the admin part of App Home: a handful of set-based queries, none per person. */
export function createOrgReadModel(db: Executor): OrgReadModel {
  const orphanWhere = sql`FROM people p WHERE p.deleted = 0 AND p.is_bot = 0 AND (p.manager_id IS NULL OR NOT EXISTS
    (SELECT 1 FROM people m WHERE m.id = p.manager_id AND m.deleted = 0 AND m.is_bot = 0))`;
  // Case-insensitive name order: SQLite's NOCASE collation, PostgreSQL's lower() (ASCII names sort the same).
  const byName = engineOf(db) === 'sqlite' ? sql`p.name COLLATE NOCASE` : sql`lower(p.name)`;
  return {
    activePeople: async () =>
      Number((await db.selectFrom('people').select((e) => e.fn.countAll<number>().as('n')).where('deleted', '=', 0).where('is_bot', '=', 0).executeTakeFirst())?.n ?? 0),
    withoutManager: async (limit) => {
      const count = await sql<{ n: number }>`SELECT COUNT(*) AS n ${orphanWhere}`.execute(db);
      const sample = await sql<PersonRow>`SELECT p.* ${orphanWhere} ORDER BY ${byName}, p.id LIMIT ${limit}`.execute(db);
      return { count: Number(count.rows[0]?.n ?? 0), sample: sample.rows.map(toPerson) };
    },
    // Depth capped at 3, matching PeopleRepository.subtreeDepth: m1 has active reports, m2 has a report in m1, m3 a report in m2.
    managerDepths: async () => {
      const { rows } = await sql<{ id: string; depth: number; level_override: string | null }>`
        WITH a AS (SELECT id, manager_id FROM people WHERE deleted = 0 AND is_bot = 0),
        m1 AS (SELECT DISTINCT manager_id AS id FROM a WHERE manager_id IS NOT NULL),
        m2 AS (SELECT DISTINCT a.manager_id AS id FROM a JOIN m1 ON m1.id = a.id WHERE a.manager_id IS NOT NULL),
        m3 AS (SELECT DISTINCT a.manager_id AS id FROM a JOIN m2 ON m2.id = a.id WHERE a.manager_id IS NOT NULL)
        SELECT p.id, 1 + CASE WHEN p.id IN (SELECT id FROM m2) THEN 1 ELSE 0 END
                       + CASE WHEN p.id IN (SELECT id FROM m3) THEN 1 ELSE 0 END AS depth, p.level_override
        FROM people p JOIN m1 ON m1.id = p.id WHERE p.deleted = 0 AND p.is_bot = 0 ORDER BY p.id`.execute(db);
      return rows.map((r) => ({ id: r.id, depth: Number(r.depth), levelOverride: (r.level_override as Level | null) ?? undefined }));
    },
  };
}
