import { sql } from 'kysely';
import type { Executor } from '../../../src/storage/engine';
import { createPeopleRepository } from '../../../src/storage/people-repository';
import { depthQuery, depthsQuery } from '../../../src/storage/people-sql';
import { describeEachEngine, type EngineName } from '../../helpers/engines';

/** A four-level org like the bench's: 1 CEO, 10 VPs, 100 directors, 1,000 managers, the rest individual contributors. */
const PEOPLE = 5_000;
const idOf = (i: number) => `U${String(i).padStart(5, '0')}`;
const managerOf = (i: number): number | null =>
  i === 0 ? null : i <= 10 ? 0 : i <= 110 ? 1 + Math.floor((i - 11) / 10) : i <= 1110 ? 11 + Math.floor((i - 111) / 10) : 111 + ((i - 1111) % 1000);

async function seedOrg(db: Executor): Promise<void> {
  // Every manager has a smaller number than their reports: inserted in order, each manager row exists first.
  const rows = Array.from({ length: PEOPLE }, (_, i) => ({ id: idOf(i), name: `p${i}`, manager_id: i === 0 ? null : idOf(managerOf(i)!), created_at: 0, updated_at: 0 }));
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('people').values(rows.slice(i, i + 500)).execute();
  await sql`ANALYZE`.execute(db);
}

/** The plan as the engine would run it, with its statistics (no planner settings changed). */
async function plan(engine: EngineName, db: Executor, personId: string, others: readonly string[] = []): Promise<string> {
  const compiled = (others.length > 0 ? depthsQuery(db, [personId, ...others]) : depthQuery(db, personId)).compile();
  const prefix = engine === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN';
  const { rows } = await db.executeQuery<Record<string, unknown>>({ ...compiled, sql: `${prefix} ${compiled.sql}` });
  return rows.map((r) => String(r.detail ?? r['QUERY PLAN'])).join('\n');
}

/**
 * App Home asks the depth below the person opening it on every open. With statistics for a 5,000-person org the
 * recursive walk this replaced was planned as a hash join over a sequential scan of people on PostgreSQL
 * (and needed INDEXED BY on SQLite): the depth must be found by index probes of people_manager only.
 */
describeEachEngine('the management depth query on an analysed org', (ctx) => {
  beforeEach(() => seedOrg(ctx.db));

  it('seeks people_manager and never scans people, for the CEO, a VP, a director, a manager and a contributor', async () => {
    for (const id of [idOf(0), idOf(5), idOf(50), idOf(500), idOf(4000)]) {
      const text = await plan(ctx.engine, ctx.db, id);
      expect(text).toMatch(/people_manager/);
      if (ctx.engine === 'postgres') expect(text).not.toMatch(/Seq Scan/);
      else expect(text).not.toMatch(/AUTOMATIC|SCAN [abc]\b(?! USING)/);
    }
  });

  it('the prep card\'s two depths in one statement seek people_manager too, never scanning people', async () => {
    for (const [a, b] of [[0, 5], [50, 500], [500, 4000]] as const) {
      const text = await plan(ctx.engine, ctx.db, idOf(a), [idOf(b)]);
      expect(text).toMatch(/people_manager/);
      if (ctx.engine === 'postgres') expect(text).not.toMatch(/Seq Scan/);
      else expect(text).not.toMatch(/AUTOMATIC|SCAN [abcx]\b(?! USING)/);
    }
  });

  it('gives each level its depth: executive 3, VP 3, director 2, manager 1, contributor 0', async () => {
    const people = createPeopleRepository(ctx.db);
    const ids = [0, 5, 50, 500, 4000].map(idOf);
    const depths = await Promise.all(ids.map((id) => people.subtreeDepth(id)));
    expect(depths).toEqual([3, 3, 2, 1, 0]);
    // Several at once give the same, by id; anyone not on record is 0.
    expect(await people.subtreeDepths([...ids, 'UNOBODY'])).toEqual(new Map([...ids.map((id, i) => [id, depths[i]] as const), ['UNOBODY', 0]]));
  });
});
