import { peopleQueries } from '../../../src/storage/people-repository';
import { describeEachEngine } from '../../helpers/engines';
import { planOf } from '../../helpers/explain';
import { THREE_LEVEL, org } from './seed-people';

/**
 * The people reads on the request path (every listener loads the person; App Home and levels walk the reports)
 * seek an index on both engines: no full scan of people, no automatic index SQLite builds per query.
 */
describeEachEngine('people queries use their indexes', (ctx) => {
  it.each(['get', 'reportsOf', 'withReports', 'depth', 'chainUp'] as const)('%s', async (name) => {
    await org(ctx.db, THREE_LEVEL.ids, THREE_LEVEL.lines);
    const plan = await planOf(ctx.engine, ctx.db, peopleQueries(ctx.db, { id: 'UVP1' })[name]);
    expect(plan.length).toBeGreaterThan(0);
    if (ctx.engine === 'sqlite') {
      for (const step of plan) {
        expect(step).not.toMatch(/^SCAN (people|p)\b/);
        expect(step).not.toMatch(/AUTOMATIC/);
      }
      expect(plan.join(' | ')).toMatch(/USING (COVERING )?INDEX (people_manager|sqlite_autoindex_people)/);
    } else {
      expect(plan.join('\n')).not.toMatch(/Seq Scan on people\b/);
      expect(plan.join('\n')).toMatch(/Index (Only )?Scan (Backward )?using (people_manager|people_pkey)|Bitmap Index Scan on (people_manager|people_pkey)/);
    }
  });

  it('walks the reports through people_manager on both engines (the depth join included)', async () => {
    const plan = (await planOf(ctx.engine, ctx.db, peopleQueries(ctx.db, { id: 'UVP1' }).depth)).join('\n');
    expect(plan.match(/people_manager/g)?.length).toBeGreaterThanOrEqual(2);
  });
});
