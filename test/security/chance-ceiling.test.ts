import { chanceCeiling, releaseBatches } from '../helpers/chance';
import { prng } from '../reports/org-fixture';

/** Right guesses when a batch of n is paired in random order: the fixed points of a random permutation. */
function fixedPoints(n: number, rnd: () => number): number {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(rnd() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p.filter((v, i) => v === i).length;
}

describe('the chance ceiling of the pulse forensics tests', () => {
  it('chance crosses it no more often than it promises, and it is not loose: a small false-alarm rate is crossed', () => {
    // The batches of one run of the forensics tests (5 and 5 mid-month; 6, 7, 8, 9, 5 and 7 at the close), eight
    // runs summed, 10,000 times.
    const sizes = [5, 5, 6, 7, 8, 9, 5, 7];
    const rnd = prng(7);
    const trials = 10_000;
    const sums: number[] = [];
    for (let t = 0; t < trials; t += 1) {
      let s = 0;
      for (let run = 0; run < 8; run += 1) for (const n of sizes) s += fixedPoints(n, rnd);
      sums.push(s);
    }
    const mean = sums.reduce((a, b) => a + b, 0) / trials;
    expect(mean).toBeGreaterThan(63);
    expect(mean).toBeLessThan(65); // one right per batch on average: 64
    const over = (ceiling: number) => sums.filter((s) => s > ceiling).length / trials;
    for (const falseAlarm of [0.1, 0.01, 1e-3]) expect(over(chanceCeiling(64, falseAlarm))).toBeLessThanOrEqual(falseAlarm);
    expect(over(chanceCeiling(64, 1e-6))).toBe(0);
    // The bound is a Chernoff bound, so looser than the true tail, but not vacuous: at a 10 % false alarm the
    // ceiling still sits inside what chance reaches.
    expect(Math.max(...sums)).toBeGreaterThan(chanceCeiling(64, 0.1));
  });

  it('the old layout (every answer paired) is far above it, as is an attack twice as good as chance', () => {
    expect(chanceCeiling(64)).toBe(111); // 8 runs × 8 batches, one in a million
    expect(chanceCeiling(8)).toBe(27);
    expect(8 * 52).toBeGreaterThan(chanceCeiling(64) * 3);
    expect(chanceCeiling(64)).toBeLessThan(2 * 64);
  });

  it('grows with the batches, shrinks as the false-alarm rate is allowed to grow, and refuses nonsense', () => {
    expect(chanceCeiling(16)).toBeGreaterThan(chanceCeiling(8));
    expect(chanceCeiling(8, 0.01)).toBeLessThan(chanceCeiling(8));
    for (const bad of [[0, 1e-6], [-1, 1e-6], [Number.NaN, 1e-6], [8, 0], [8, 1], [8, Number.NaN]] as const) {
      expect(() => chanceCeiling(bad[0], bad[1])).toThrow(RangeError);
    }
  });

  it("counts the release rule's batches: 2k waiting writes k while the month is open, k or more at the close", () => {
    expect(releaseBatches([4], 5)).toEqual({ open: 0, total: 0 });
    expect(releaseBatches([5], 5)).toEqual({ open: 0, total: 1 });
    expect(releaseBatches([9], 5)).toEqual({ open: 0, total: 1 });
    expect(releaseBatches([10], 5)).toEqual({ open: 1, total: 2 });
    expect(releaseBatches([14], 5)).toEqual({ open: 1, total: 2 }); // 10 → 5 written, 9 wait at the close
    expect(releaseBatches([15], 5)).toEqual({ open: 2, total: 3 }); // 10 → 5 written, 15 → 5 more, 5 left
    // The forensics tests' teams: 10 and 12 write one batch each mid-month; the six of k or more one each at the close.
    expect(releaseBatches([3, 4, 6, 7, 8, 9, 10, 12], 5)).toEqual({ open: 2, total: 8 });
  });
});
