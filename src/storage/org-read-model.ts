import type { Db } from './database';
import type { OrgReadModel } from '../domain/home';
import type { Level } from '../domain/ports';
import { toPerson } from './people-repository';

type PersonRow = Parameters<typeof toPerson>[0];

/** Org-wide figures for the admin part of App Home: a handful of set-based queries, none per person. */
export function createOrgReadModel(db: Db): OrgReadModel {
  const active = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM people WHERE deleted = 0 AND is_bot = 0');
  const orphanWhere = `FROM people p WHERE p.deleted = 0 AND p.is_bot = 0 AND (p.manager_id IS NULL OR NOT EXISTS
    (SELECT 1 FROM people m WHERE m.id = p.manager_id AND m.deleted = 0 AND m.is_bot = 0))`;
  const orphanCount = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n ${orphanWhere}`);
  const orphanSample = db.prepare<[number], PersonRow>(`SELECT p.* ${orphanWhere} ORDER BY p.name COLLATE NOCASE, p.id LIMIT ?`);
  // Depth capped at 3, matching PeopleRepository.subtreeDepth: m1 has active reports, m2 has a report in m1, m3 a report in m2.
  const depths = db.prepare<[], { id: string; depth: number; level_override: string | null }>(`
    WITH a AS (SELECT id, manager_id FROM people WHERE deleted = 0 AND is_bot = 0),
    m1 AS (SELECT DISTINCT manager_id AS id FROM a WHERE manager_id IS NOT NULL),
    m2 AS (SELECT DISTINCT a.manager_id AS id FROM a JOIN m1 ON m1.id = a.id WHERE a.manager_id IS NOT NULL),
    m3 AS (SELECT DISTINCT a.manager_id AS id FROM a JOIN m2 ON m2.id = a.id WHERE a.manager_id IS NOT NULL)
    SELECT p.id, 1 + (p.id IN (SELECT id FROM m2)) + (p.id IN (SELECT id FROM m3)) AS depth, p.level_override
    FROM people p JOIN m1 ON m1.id = p.id WHERE p.deleted = 0 AND p.is_bot = 0 ORDER BY p.id`);
  return {
    activePeople: () => active.get()?.n ?? 0,
    withoutManager: (limit) => ({ count: orphanCount.get()?.n ?? 0, sample: orphanSample.all(limit).map(toPerson) }),
    managerDepths: () =>
      depths.all().map((r) => ({ id: r.id, depth: r.depth, levelOverride: (r.level_override as Level | null) ?? undefined })),
  };
}
