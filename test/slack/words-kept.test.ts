import { count, daysAgo, noun } from '../../src/slack/ui/words';

/** words.ts keeps Intl's answers for small whole numbers (issue #22): asked twice, every answer must still be Intl's. */
const plurals = new Intl.PluralRules('en-GB');
const relative = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });

test("noun, count and daysAgo give Intl's words, first asked and asked again", () => {
  const numbers = [...Array.from({ length: 400 }, (_, i) => i), 9_999, 10_000, 123_456, -0, -1, -2, 1.5, 0.4, 2.6, -3.2];
  for (let round = 0; round < 2; round += 1) {
    for (const n of numbers) {
      expect([n, noun(n, 'day')]).toEqual([n, plurals.select(n) === 'one' ? 'day' : 'days']);
      expect([n, count(n, 'person', 'people')]).toEqual([n, `${n} ${plurals.select(n) === 'one' ? 'person' : 'people'}`]);
      expect([n, daysAgo(n)]).toEqual([n, relative.format(-Math.max(0, Math.round(n)), 'day')]);
    }
  }
  expect([daysAgo(0), daysAgo(1), daysAgo(3), noun(1, 'item'), noun(0, 'item')]).toEqual(['today', 'yesterday', '3 days ago', 'item', 'items']);
  expect(() => daysAgo(Number.NaN)).toThrow(RangeError);
});
