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
