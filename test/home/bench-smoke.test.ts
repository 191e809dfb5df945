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

describe('the scale-history seed (bench case scale-history)', () => {
  it('grows history under the same Homes: every viewer\'s published view is identical at 2k and 20k rows; the dense seed is not', async () => {
    const opens = 300;
    const present = await benchAppHome({ people: 2000, events: 2000, opens, postgres: false, historyOnTopOf: 2000 });
    const deeper = await benchAppHome({ people: 2000, events: 20_000, opens, postgres: false, historyOnTopOf: 2000 });
    const dense = await benchAppHome({ people: 2000, events: 20_000, opens, postgres: false });
    expect(present.views_digest).toMatch(/^[0-9a-f]{16}$/);
    expect(deeper.views_digest).toBe(present.views_digest);
    // The control: the same number of rows seeded densely reaches the Homes, and the digest sees it.
    expect(dense.views_digest).not.toBe(present.views_digest);
  }, 60_000);
});
