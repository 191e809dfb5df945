import type { GuidanceItem, Level } from '../domain/ports';
import { LEVELS } from '../domain/ports';
import { SITUATIONS, TOPICS } from './schema';

/**
 * How much content each level has per topic, and the minimums the product needs to rotate without
 * showing the same advice too often. The `one-on-one` cell counts general items only (no `when`): those
 * fill the prep card week after week; each situation has its own row (`one-on-one @ overdue`).
 */

export interface Minimum {
  level: Level;
  topic: string;
  /** Set for a situational row: one-on-one items whose `when` includes it. */
  situation?: string;
  min: number;
}

export interface CoverageCell extends Minimum {
  count: number;
}

const EVERY_LEVEL: Array<[string, number]> = [
  ['one-on-one', 15],
  ['recognition', 6],
  ['feedback', 6],
  ['goals', 5],
  ['development', 5],
  ['coaching', 5],
];
const PER_LEVEL: Record<Level, Array<[string, number]>> = {
  frontline: [
    ['delegation', 3],
    ['first-90-days', 3],
  ],
  'mid-level': [
    ['developing-managers', 3],
    ['cross-functional', 3],
  ],
  executive: [
    ['culture', 3],
    ['purpose', 3],
    ['measuring-leadership', 3],
  ],
};
/** Every situation needs a 1:1 item per level, except new-manager (the manager's own first 90 days), which is optional. */
export const REQUIRED_SITUATIONS = SITUATIONS.filter((s) => s !== 'new-manager');

export const MINIMUMS: readonly Minimum[] = LEVELS.flatMap((level) => [
  ...[...EVERY_LEVEL, ...PER_LEVEL[level]].map(([topic, min]) => ({ level, topic, min })),
  ...REQUIRED_SITUATIONS.map((situation) => ({ level, topic: 'one-on-one', situation, min: 1 })),
]);

/** A row of the coverage table: a topic, or a topic with a situation. */
export interface CoverageRow {
  topic: string;
  situation?: string;
}

export const COVERAGE_ROWS: readonly CoverageRow[] = [
  ...TOPICS.map((topic) => ({ topic })),
  ...REQUIRED_SITUATIONS.map((situation) => ({ topic: 'one-on-one', situation })),
  { topic: 'one-on-one', situation: 'new-manager' },
];

/** Enabled items matching a cell. A plain one-on-one cell counts general items only (see above). */
export function countCell(items: readonly GuidanceItem[], level: string, row: CoverageRow): number {
  let n = 0;
  for (const i of items) {
    if (!i.enabled || i.level !== level || i.topic !== row.topic) continue;
    if (row.situation !== undefined ? i.when.includes(row.situation) : row.topic !== 'one-on-one' || i.when.length === 0) n += 1;
  }
  return n;
}

/** The cells below their minimum, empty when the library is complete. */
export function cellsUnderMinimum(items: readonly GuidanceItem[]): CoverageCell[] {
  return MINIMUMS.map((m) => ({ ...m, count: countCell(items, m.level, m) })).filter((c) => c.count < c.min);
}

export function minimumFor(level: string, row: CoverageRow): number | undefined {
  return MINIMUMS.find((m) => m.level === level && m.topic === row.topic && m.situation === row.situation)?.min;
}
