import { homeQueries } from '../../src/storage/home-read-model';
import { describeEachEngine } from '../helpers/engines';
import { planOf } from '../helpers/explain';

/** Every App Home query seeks an index: none scans one_on_ones, action_items, kudos or kudos_recipients. */
describeEachEngine('App Home queries use their indexes', (ctx) => {
  const params = { managerId: 'UM', personId: 'UP', since: 0, limit: 5 };
  it.each(['team', 'counts', 'latest'] as const)('%s', async (name) => {
    const plan = await planOf(ctx.engine, ctx.db, homeQueries(ctx.db, params)[name]);
    expect(plan.length).toBeGreaterThan(0);
    if (ctx.engine === 'sqlite') {
      for (const step of plan) {
        expect(step).not.toMatch(/^SCAN (one_on_ones|action_items|kudos|kudos_recipients|people)\b/);
        expect(step).not.toMatch(/AUTOMATIC/);
      }
      expect(plan.join(' | ')).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
    } else {
      expect(plan.join('\n')).not.toMatch(/Seq Scan on (one_on_ones|action_items|kudos|kudos_recipients|people)\b/);
      expect(plan.join('\n')).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
    }
  });
});
