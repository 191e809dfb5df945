import { sql } from 'kysely';
import { NO_PAIR, oneOnOneQueries } from '../../../src/storage/one-on-one-queries';
import { nudgeReadQueries } from '../../../src/storage/nudge-read-model';
import type { Executor } from '../../../src/storage/engine';
import { describeEachEngine } from '../../helpers/engines';
import { chosenPlanOf, genericPlanOf } from '../../helpers/explain';
import { T } from './seed-activity';

/**
 * A manager's latest event of one kind (migration 0019): one seek of events_actor_kind, on an analysed table where
 * the manager's other events outnumber those of the kind. With events_actor (actor_id, at) the engines read back
 * through the manager's other events until one of the kind.
 */
const ACTORS = 300;
async function seed(db: Executor): Promise<void> {
  const other = Array.from({ length: 12000 }, (_, i) => ({ at: T - i, kind: i % 2 ? 'nudge.sent' : 'kudos.given', actor_id: `U${i % ACTORS}`, subject_id: null, data: '{}' }));
  for (let i = 0; i < other.length; i += 500) await db.insertInto('events').values(other.slice(i, i + 500)).execute();
  const prepared = Array.from({ length: 1500 }, (_, i) => ({ at: T + i, kind: 'one_on_one.prepared', actor_id: `U${i % ACTORS}`, subject_id: `R${i}`, data: JSON.stringify([`item ${i}`]) }));
  const agendas = prepared.map((e) => ({ ...e, kind: 'one_on_one.agenda_sent', data: '{}' }));
  for (const rows of [prepared, agendas]) {
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('events').values(rows.slice(i, i + 500)).execute();
  }
  await sql`ANALYZE`.execute(db);
}

describeEachEngine("a manager's latest event of a kind is one seek of events_actor_kind", (ctx) => {
  beforeEach(() => seed(ctx.db));
  const pair = { ...NO_PAIR, managerId: 'U7', reportId: 'R7', limit: 5 };
  const queries = () => ({
    lastPrepared: oneOnOneQueries(ctx.db, pair).lastPrepared,
    lastAgenda: oneOnOneQueries(ctx.db, pair).lastAgenda,
    prepStats: oneOnOneQueries(ctx.db, pair).prepStats,
    preparedFor: nudgeReadQueries(ctx.db, { managerId: 'U7', ownerId: 'U7', personId: 'U7', since: T, activeSince: 0, limit: 5 }).preparedFor,
  });

  it.each(['lastPrepared', 'lastAgenda', 'prepStats', 'preparedFor'] as const)('%s', async (name) => {
    const plans = [await chosenPlanOf(ctx.engine, ctx.db, queries()[name])];
    if (ctx.engine === 'postgres') plans.push((await genericPlanOf(ctx.db, queries()[name])).join('\n'));
    for (const plan of plans) {
      expect(plan).toContain('events_actor_kind');
      expect(plan).not.toMatch(/events_kind_ref|events_kind_at|Seq Scan on events|SCAN events\b(?! USING)/);
    }
  });

  it('answers with the latest prepared event of that manager', async () => {
    const rows = (await queries().lastPrepared.execute()) as Array<{ data: string }>;
    expect(rows).toHaveLength(1);
    const latest = await ctx.db.selectFrom('events').select(['subject_id']).where('actor_id', '=', 'U7').where('kind', '=', 'one_on_one.prepared').orderBy('at', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(latest.subject_id).toBe('R1207');
    expect(JSON.parse(rows[0]!.data)).toEqual(['item 1207']);
  });
});
