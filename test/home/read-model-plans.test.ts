import { freshDb } from '../helpers/db';
import { HOME_QUERIES } from '../../src/storage/home-read-model';

/** Every App Home query seeks an index: none scans one_on_ones, action_items, kudos or kudos_recipients. */
describe('App Home queries use their indexes', () => {
  let ctx: ReturnType<typeof freshDb>;
  beforeAll(() => (ctx = freshDb()));
  afterAll(() => ctx.cleanup());

  const params = { managerId: 'UM', personId: 'UP', since: 0, limit: 5 };
  it.each(Object.entries(HOME_QUERIES))('%s', (_name, sql) => {
    const names = [...sql.matchAll(/@(\w+)/g)].map((m) => m[1] as keyof typeof params);
    const bound = Object.fromEntries(names.map((n) => [n, params[n]]));
    const plan = (ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(bound) as Array<{ detail: string }>).map((r) => r.detail);
    expect(plan.length).toBeGreaterThan(0);
    for (const step of plan) {
      expect(step).not.toMatch(/^SCAN (one_on_ones|action_items|kudos|kudos_recipients|people)\b/);
      expect(step).not.toMatch(/AUTOMATIC/);
    }
    expect(plan.join(' | ')).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
  });
});
