/**
 * Bench case: GuidanceSource.next() — called for every prep card and weekly tip — over a synthetic
 * 5,000-item library and a real SQLite database (each pick reads the person's history and records itself).
 * Run alone: `npx tsx test/bench/content-selection.ts`.
 */
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createGuidanceSource } from '../../src/content/guidance-source';
import { SITUATIONS, TOPICS } from '../../src/content/schema';
import { createFixedClock } from '../../src/clock';
import type { ContentLevel, GuidanceItem, GuidanceQuery, Level } from '../../src/domain/ports';
import { openDatabase } from '../../src/storage/database';
import { createGuidanceSeenRepository } from '../../src/storage/guidance-seen-repository';

const ITEMS = 5_000;
const PEOPLE = 500;
const OPS = 20_000;
const CONTENT_LEVELS: ContentLevel[] = ['frontline', 'mid-level', 'executive', 'all'];
const LEVELS: Level[] = ['frontline', 'mid-level', 'executive'];

function syntheticLibrary(): GuidanceItem[] {
  return Array.from({ length: ITEMS }, (_, n) => {
    const level = CONTENT_LEVELS[n % CONTENT_LEVELS.length]!;
    const situational = n % 5 === 0;
    const topic = situational ? 'one-on-one' : TOPICS[Math.floor(n / 4) % TOPICS.length]!;
    return {
      id: `bench-${level}-${n}`,
      level,
      topic,
      title: `Synthetic item ${n}`,
      ask: ['What is on your mind?', 'What is slowing you down?', 'What would help?', 'What should I know?'],
      askFirst: 'What is on your mind?',
      reflect: [],
      when: situational ? [SITUATIONS.filter((s) => s !== 'everyday')[n % (SITUATIONS.length - 1)]!] : ['everyday'],
      sources: [],
      enabled: true,
      body: `Synthetic advice number ${n} for {{name}}, ${'practical and specific '.repeat(12)}after {{days_since_last}} days.`,
      file: `bench/${n}.md`,
    };
  });
}

/** A realistic mix: weekly tips, general prep, situational prep and recognition hints, across many managers. */
function queryFor(op: number): GuidanceQuery {
  const personId = `U${String(op % PEOPLE).padStart(6, '0')}`;
  const level = LEVELS[op % LEVELS.length]!;
  switch (op % 4) {
    case 0:
      return { personId, level };
    case 1:
      return { personId, level, topic: 'one-on-one' };
    case 2:
      return { personId, level, topic: 'one-on-one', situation: SITUATIONS[op % SITUATIONS.length] };
    default:
      return { personId, level: 'all', topic: 'recognition' };
  }
}

export async function benchContentSelection(): Promise<{ name: string; perOpMicros: number; ops: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-bench-content-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  try {
    const clock = createFixedClock(Date.UTC(2026, 0, 5, 9));
    const source = createGuidanceSource({
      library: { items: syntheticLibrary(), disabled: [], overridden: [], warnings: [] },
      seen: createGuidanceSeenRepository(sqliteKysely(db)),
      clock,
    });
    const vars = { name: 'Alice', days_since_last: 21 };
    for (let op = 0; op < 1_000; op += 1) await source.next(queryFor(op), vars); // warm-up: JIT, statement cache, history
    let missing = 0;
    const started = performance.now();
    for (let op = 0; op < OPS; op += 1) {
      clock.advance(1_000);
      if (!(await source.next(queryFor(op), vars))) missing += 1;
    }
    const elapsedMs = performance.now() - started;
    if (missing > 0) throw new Error(`content-selection bench: ${missing} queries found no guidance`);
    return { name: 'content-selection', perOpMicros: Math.round((elapsedMs * 1000 * 100) / OPS) / 100, ops: OPS };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchContentSelection()
    .then((r) => console.log(`${r.name}: ${r.perOpMicros} µs per next() over ${r.ops} ops (${ITEMS} items, SQLite history)`))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
