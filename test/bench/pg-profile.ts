/**
 * Where a bench case's time goes on PostgreSQL: `bash scripts/with-postgres.sh npx tsx test/bench/pg-profile.ts
 * home|reports|nudges|prep`. Seeds the case's SQLite file as the bench does, db:copies it to a fresh database on the
 * server (postgres-side.ts), runs the case's workload once to warm up and once logged, then prints the statements
 * by total time (calls, total and mean ms) and EXPLAIN (ANALYZE, BUFFERS) of the slowest call of each of the top
 * few. A statement's share of the total says whether to fix its plan (an index, a query shape) or its count (round
 * trips: a query per row).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import { openDatabase } from '../../src/storage/database';
import { createPostgresPool } from '../../src/storage/postgres';
import type { Database } from '../../src/storage/tables';
import { onPostgresCopy } from './postgres-side';
import { rankStatements, shortSql, WORKLOADS, type Call } from './profile-workloads';
import { exitWhenDone } from './exit-when-done';

async function main(name: string, top: number): Promise<void> {
  const workload = await WORKLOADS[name]?.();
  if (!workload) throw new Error(`pg-profile: expected one of ${Object.keys(WORKLOADS).join(', ')}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-pg-profile-'));
  try {
    const file = path.join(dir, 'bench.db');
    await workload.seed(file);
    openDatabase(file).close();
    const out = await onPostgresCopy(file, async ({ url }) => {
      const calls: Call[] = [];
      const db = new Kysely<Database>({
        dialect: new PostgresDialect({ pool: createPostgresPool(url) }),
        log: (e) => {
          calls.push({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis });
        },
      });
      try {
        await workload.run(db);
        calls.length = 0;
        const t0 = performance.now();
        await workload.run(db);
        console.log(`workload: ${Math.round(performance.now() - t0)} ms wall, ${calls.length} statements, ${Math.round(calls.reduce((n, c) => n + c.ms, 0))} ms in statements`);
        await report(db, calls, top);
      } finally {
        await db.destroy();
      }
      return 'done';
    });
    if (typeof out !== 'string') console.log(out.skipped);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}


async function report(db: Kysely<Database>, calls: Call[], top: number): Promise<void> {
  for (const { cs, total, slowest } of rankStatements(calls).slice(0, top)) {
    console.log(`\n=== ${cs.length} calls, ${Math.round(total)} ms total, ${(total / cs.length).toFixed(2)} ms mean, slowest ${slowest.ms.toFixed(1)} ms\n${shortSql(slowest.sql)}`);
    if (!/^\s*(select|with)/i.test(slowest.sql)) continue; // EXPLAIN ANALYZE runs the statement: reads only
    const { rows } = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${slowest.sql}`, [...slowest.parameters]));
    console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
}

if (require.main === module) exitWhenDone(main(process.argv[2] ?? '', Number(process.argv[3] ?? 6)));
