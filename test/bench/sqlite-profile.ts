/**
 * Where a bench case's time goes on SQLite: `npx tsx test/bench/sqlite-profile.ts home|reports|nudges|prep [top]`.
 * The SQLite twin of pg-profile.ts: seeds the case's file as the bench does, runs its workload once to warm up and
 * once timed through Kysely's log hook, then prints the statements by total time (calls, total and mean ms) with
 * SQLite's EXPLAIN QUERY PLAN of each of the top few. better-sqlite3 is synchronous, so a statement's time is
 * time the app's thread could not serve anyone else.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/storage/database';
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { rankStatements, shortSql, WORKLOADS, type Call } from './profile-workloads';
import { exitWhenDone } from './exit-when-done';
import { median } from './median';

async function main(name: string, top: number): Promise<void> {
  const workload = await WORKLOADS[name]?.();
  if (!workload) throw new Error(`sqlite-profile: expected one of ${Object.keys(WORKLOADS).join(', ')}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-sqlite-profile-'));
  const file = path.join(dir, 'bench.db');
  try {
    await workload.seed(file);
    const raw = openDatabase(file);
    const calls: Call[] = [];
    // Timed where the statements run: the app's own dialect (prepared-statement cache, BEGIN IMMEDIATE) prepares each
    // SQL text once through `raw.prepare`, so wrapping what that returns times every execution, and nothing else.
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((source: string) => timed(prepare(source), source, calls)) as typeof raw.prepare;
    const logged = sqliteKysely(raw);
    await workload.run(logged);
    calls.length = 0;
    const t0 = performance.now();
    await workload.run(logged);
    console.log(`workload: ${Math.round(performance.now() - t0)} ms wall, ${calls.length} statements, ${Math.round(calls.reduce((n, c) => n + c.ms, 0))} ms in statements`);
    for (const { cs, total, slowest } of rankStatements(calls).slice(0, top)) {
      const text = shortSql(slowest.sql);
      // The median beside the mean: one checkpoint landing in a commit can triple a write's mean. (In µs: the bench's
      // median keeps two decimals.)
      const middle = median(cs.map((c) => c.ms * 1000)) / 1000;
      console.log(`\n=== ${cs.length} calls, ${Math.round(total)} ms total, ${(total / cs.length).toFixed(3)} ms mean, ${middle.toFixed(3)} ms median, slowest ${slowest.ms.toFixed(2)} ms\n${text}`);
      if (!/^\s*(select|with)/i.test(slowest.sql)) continue;
      const plan = raw.prepare(`EXPLAIN QUERY PLAN ${slowest.sql}`).all(...(slowest.parameters as unknown[])) as Array<{ detail: string }>;
      console.log(plan.map((p) => `  ${p.detail}`).join('\n'));
    }
    raw.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function timed<S extends object>(stmt: S, sql: string, calls: Call[]): S {
  return new Proxy(stmt, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (key !== 'all' && key !== 'run' && key !== 'get') return (value as (...a: unknown[]) => unknown).bind(target);
      return (...args: unknown[]) => {
        const t0 = performance.now();
        try {
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        } finally {
          calls.push({ sql, parameters: args.flat(), ms: performance.now() - t0 });
        }
      };
    },
  });
}

if (require.main === module) exitWhenDone(main(process.argv[2] ?? '', Number(process.argv[3] ?? 8)));
