import { benchAppHome } from '../bench/app-home';

describe('App Home bench (small run)', () => {
  it('runs the real handler over a seeded database and reports percentiles', async () => {
    const r = await benchAppHome({ people: 2000, events: 30_000, opens: 140 });
    expect(r).toMatchObject({ people: 2000, events: 30_000, opens: 140, target_p99_ms: 50 });
    expect(r.p50_ms).toBeGreaterThan(0);
    expect(r.p99_ms).toBeGreaterThanOrEqual(r.p50_ms);
    expect(Object.keys(r.by_role_p99_ms)).toEqual(expect.arrayContaining(['executive', 'mid-level', 'frontline', 'manager-of-150', 'individual', 'admin']));
    const rows = r.events;
    expect(rows).toBe(30_000);
  });
});
