import { median } from '../../src/domain/report';
import { prng } from './org-fixture';

/** The selection-based median against the plain definition (sort, take the middle), on the orders that trouble a quickselect. */
function byDefinition(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1]! + s[mid]!) / 2;
}

const rnd = prng(20);
const random = (n: number, spread: number) => Array.from({ length: n }, () => Math.floor(rnd() * spread) / 7);

const cases: Record<string, number[][]> = {
  empty: [[]],
  small: [[3], [2, 1], [1, 1], [5, 1, 3], [4, 4, 1, 9]],
  random: Array.from({ length: 60 }, (_, i) => random(1 + i * 41, 1000)),
  'many equal values': Array.from({ length: 20 }, (_, i) => random(2 + i * 101, 3)),
  'all equal': [new Array<number>(10_001).fill(7), new Array<number>(10_000).fill(14)],
  sorted: [Array.from({ length: 50_000 }, (_, i) => i / 3), Array.from({ length: 50_001 }, (_, i) => -i)],
  'organ pipe': [Array.from({ length: 40_000 }, (_, i) => Math.min(i, 40_000 - i))],
  sawtooth: [Array.from({ length: 40_000 }, (_, i) => i % 97)],
};

test.each(Object.entries(cases))('median equals the sorted middle: %s', (_name, arrays) => {
  for (const values of arrays) {
    const before = [...values];
    expect(median(values)).toBe(byDefinition(values));
    expect(values).toEqual(before); // the caller's array is left as it was
  }
});
