import type { GuidanceItem } from '../domain/ports';
import { LEVELS } from '../domain/ports';
import { countSituation, countTopic, MOMENTS, situationMinimum, MIN_ONE_ON_ONE_PER_LEVEL } from './coverage';
import { TOPICS } from './schema';

/**
 * The coverage tables `npm run content:check` prints: topics × levels, situations × levels (✗ under the
 * minimum), then per level each topic with its situations, so level × topic × situation is all there.
 */

function grid(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)];
}

const mark = (count: number, min: number | undefined) => (min !== undefined && count < min ? `${count}/${min} ✗` : String(count));

export function topicTable(items: readonly GuidanceItem[]): string[] {
  const rows = TOPICS.map((topic) => [
    topic,
    ...LEVELS.map((level) => mark(countTopic(items, level, topic), topic === 'one-on-one' ? MIN_ONE_ON_ONE_PER_LEVEL : undefined)),
    String(countTopic(items, 'all', topic)),
  ]);
  return grid(['topic', ...LEVELS, 'all'], rows);
}

export function situationTable(items: readonly GuidanceItem[]): string[] {
  const rows = ['everyday', ...MOMENTS].map((s) => [
    s,
    ...LEVELS.map((level) => mark(countSituation(items, level, s), s === 'everyday' ? undefined : situationMinimum(s))),
    String(countSituation(items, 'all', s)),
  ]);
  return grid(['situation (when)', ...LEVELS, 'all'], rows);
}

/** One line per level and topic: "performance 6 — performance 5 · wellbeing 1 · everyday 1". */
export function levelTopicSituationLines(items: readonly GuidanceItem[]): string[] {
  const out: string[] = [];
  for (const level of [...LEVELS, 'all']) {
    const own = items.filter((i) => i.enabled && i.level === level);
    if (own.length === 0) continue;
    out.push(`${level} (${own.length} items)`);
    for (const topic of TOPICS) {
      const inTopic = own.filter((i) => i.topic === topic);
      if (inTopic.length === 0) continue;
      const counts = new Map<string, number>();
      for (const i of inTopic) for (const w of i.when) counts.set(w, (counts.get(w) ?? 0) + 1);
      const parts = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([w, n]) => `${w} ${n}`);
      out.push(`  ${topic.padEnd(22)} ${String(inTopic.length).padStart(3)} — ${parts.join(' · ')}`);
    }
  }
  return out;
}

export function coverageTables(items: readonly GuidanceItem[]): string[] {
  const enabled = items.filter((i) => i.enabled);
  return [
    'Coverage by topic',
    ...topicTable(enabled),
    '',
    'Coverage by situation',
    ...situationTable(enabled),
    '(✗: under the minimum, shown as count/minimum)',
    '',
    'Coverage by level × topic × situation',
    ...levelTopicSituationLines(enabled),
  ];
}
