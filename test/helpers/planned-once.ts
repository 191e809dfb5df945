import type Database from 'better-sqlite3';
import type { Compilable } from 'kysely';

/** Microseconds per call: the best of several rounds (the rounds a neighbour interrupted are the slow ones). */
export function bestCost(fn: () => unknown, calls = 100, rounds = 7): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r += 1) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i += 1) fn();
    best = Math.min(best, ((performance.now() - t0) * 1000) / calls);
  }
  return best;
}

/**
 * How a run of a prepared statement compares with a prepare of the same text, on the same connection: near 1 or
 * above means SQLite plans it again on every run (src/storage/engine.ts, opaque; measured 0.5 to 1.4 when it did,
 * below 0.2 once it did not). Runs inside a transaction that is rolled back, so a write or a claim changes nothing;
 * the first run is left out (a claim takes its rows then, and the measured runs find them taken).
 */
export function runToPrepare(db: Database.Database, query: Compilable): number {
  const { sql, parameters } = query.compile();
  const statement = db.prepare(sql);
  const run = () => (statement.reader ? statement.all(...parameters) : statement.run(...parameters));
  const prepare = () => db.prepare(sql);
  db.exec('BEGIN');
  try {
    run();
    // Alternately, round by round (as the tests say they measure): a load that comes and goes then slows both sides
    // of the ratio alike, where two blocks of rounds one after the other let it land on one side only.
    let bestRun = Infinity;
    let bestPrepare = Infinity;
    for (let r = 0; r < 7; r += 1) {
      bestRun = Math.min(bestRun, bestCost(run, 100, 1));
      bestPrepare = Math.min(bestPrepare, bestCost(prepare, 100, 1));
    }
    return bestRun / bestPrepare;
  } finally {
    db.exec('ROLLBACK');
  }
}

/**
 * For the controls that must show the measure can see re-planning: measures up to `tries` times and returns the
 * first figure above `line`, or the highest of all. A form that re-plans on every run clears the line on a quiet
 * machine at once (0.5–3); under CI's load single measures of it came out at 0.24–0.44, so one, three or five
 * tries were not enough. A form planned once (0.02–0.28) stays under the line however often it is measured, so
 * trying again cannot make a broken measure pass; it only stops a busy neighbour from failing a sound one.
 */
export function highestUntilAbove(measure: () => number, line: number, tries = 15): number {
  let highest = -Infinity;
  for (let i = 0; i < tries && highest <= line; i += 1) highest = Math.max(highest, measure());
  return highest;
}
