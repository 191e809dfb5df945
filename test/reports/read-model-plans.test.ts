import { freshDb } from '../helpers/db';
import { REPORT_SQL } from '../../src/storage/report-read-model';

/** Every window query seeks an index on the activity tables; only the people list is read whole. */
describe('report read model query plans', () => {
  const env = freshDb();
  afterAll(() => env.cleanup());

  it.each(Object.entries(REPORT_SQL))('%s seeks its indexes', (_name, sql) => {
    const plan = (env.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ from: 0, to: 1 } as never) as Array<{ detail: string }>).map((r) => r.detail);
    const scans = plan.filter((d) => /^SCAN /.test(d) && !/^SCAN (people|p)\b/.test(d));
    expect(scans).toEqual([]);
    expect(plan.join(' ')).not.toMatch(/SCAN (one_on_ones|kudos|kudos_recipients|nudges|events)\b/);
  });
});
