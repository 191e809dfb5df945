import { countGap, medianOfGaps, mergeGaps, type GapCounts } from '../../src/domain/group-figures';
import { median } from '../../src/domain/median';
import { prng } from '../reports/org-fixture';

/**
 * A group's median gap is read off counted gaps (issue #20); it must be exactly the median of the same gaps listed
 * out, to the last bit: odd and even counts, repeats, fractional days (a 1:1 logged across a clock change), a single
 * gap and none, and counts merged from several managers in any order.
 */
describe('median of counted gaps', () => {
  const counted = (gaps: readonly number[]): GapCounts => {
    const c: GapCounts = new Map();
    for (const g of gaps) countGap(c, g);
    return c;
  };

  it.each([[[]], [[14]], [[7, 21]], [[3, 3, 3, 9]], [[13.958333333333334, 14, 14.041666666666666, 7]], [[1, 2, 3, 4, 5, 6, 7, 8]]])('%j', (gaps) => {
    expect(medianOfGaps(counted(gaps))).toBe(median(gaps));
  });

  it('matches the listed median on random groups merged from random managers', () => {
    const rnd = prng(20);
    for (let round = 0; round < 300; round += 1) {
      const managers = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () =>
        Array.from({ length: Math.floor(rnd() * 40) }, () => (rnd() < 0.8 ? 1 + Math.floor(rnd() * 40) : rnd() * 60)));
      const group: GapCounts = new Map();
      for (const gaps of managers) mergeGaps(group, counted(gaps));
      expect(medianOfGaps(group)).toBe(median(managers.flat()));
    }
  });
});
