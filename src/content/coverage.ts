import type { GuidanceItem } from '../domain/ports';
import { LEVELS } from '../domain/ports';
import { SITUATIONS } from './schema';
import { REQUIRED_SUBJECTS, subjectMatches, type SubjectCell } from './subjects';

/**
 * The minimums the shipped library must meet (issue #14, prompts/README.md). Each returns the cells
 * under their minimum; `npm run content:check` fails when any is.
 */

export const MIN_ITEMS_PER_LEVEL = 90;
export const MIN_ITEMS_TOTAL = 300;
export const MIN_ONE_ON_ONE_PER_LEVEL = 12;
/** Every moment at every level; these five come up most and need more than one way in. */
export const MIN_PER_SITUATION = 2;
export const BUSY_SITUATIONS: Readonly<Record<string, number>> = { performance: 3, resignation: 3, wellbeing: 3, 'first-1:1': 3, 'new-report': 3 };
export const MOMENTS = SITUATIONS.filter((s) => s !== 'everyday');

export interface Shortfall {
  /** What is short, as the check prints it: "frontline @ performance", "total", "subject: …". */
  cell: string;
  count: number;
  min: number;
}

const enabled = (items: readonly GuidanceItem[]) => items.filter((i) => i.enabled);
const atLevel = (items: readonly GuidanceItem[], level: string) => items.filter((i) => i.level === level);

export function situationMinimum(situation: string): number {
  return BUSY_SITUATIONS[situation] ?? MIN_PER_SITUATION;
}

export function countSituation(items: readonly GuidanceItem[], level: string, situation: string): number {
  return atLevel(enabled(items), level).filter((i) => i.when.includes(situation)).length;
}

export function countTopic(items: readonly GuidanceItem[], level: string, topic: string): number {
  return atLevel(enabled(items), level).filter((i) => i.topic === topic).length;
}

function countSubject(items: readonly GuidanceItem[], cell: SubjectCell): number {
  return atLevel(enabled(items), cell.level).filter((i) => subjectMatches(i, cell)).length;
}

export function shortfalls(all: readonly GuidanceItem[]): Shortfall[] {
  const items = enabled(all);
  const out: Shortfall[] = [];
  const check = (cell: string, count: number, min: number) => {
    if (count < min) out.push({ cell, count, min });
  };
  check('total enabled items', items.length, MIN_ITEMS_TOTAL);
  for (const level of LEVELS) {
    check(`${level}: enabled items`, atLevel(items, level).length, MIN_ITEMS_PER_LEVEL);
    check(`${level}: topic one-on-one`, countTopic(items, level, 'one-on-one'), MIN_ONE_ON_ONE_PER_LEVEL);
    for (const s of MOMENTS) check(`${level} @ ${s}`, countSituation(items, level, s), situationMinimum(s));
  }
  for (const subject of REQUIRED_SUBJECTS) {
    for (const cell of subject.cells) check(`${cell.level}: subject "${subject.subject}"`, countSubject(items, cell), cell.min ?? 1);
  }
  return out;
}
