/**
 * `bash scripts/with-postgres.sh npx tsx test/bench/dashboard-pg.ts [sqlite-file]`: the dashboard's page data on a
 * real PostgreSQL server, on the reports bench's data (10,000 people, 1,000,000 activity rows). The data is seeded
 * into SQLite (or taken from `sqlite-file`, seeded there on first use) and copied over by `npm run db:copy`'s own
 * code path, then each page is timed as `npm run bench -- --only dashboard` times it (median of 3, after a warm-up).
 * Standalone on purpose: the bench framework's own PostgreSQL variants are another piece of work.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '../../src/storage/database';
import { copySqliteToPostgres } from '../../src/storage/db-copy';
import { createReportReadModel } from '../../src/storage/report-read-model';
import { createDashboardReadModel } from '../../src/storage/dashboard-read-model';
import { createPulseRepository } from '../../src/storage/pulse-repository';
import { createDashboardService } from '../../src/domain/dashboard/dashboard-service';
import { parseDashboardQuery } from '../../src/domain/dashboard/query';
import type { DashboardView } from '../../src/domain/dashboard/view';
import { dashboardPage } from '../../src/web/dashboard/page';
import { freshPostgres } from '../helpers/postgres';
import { testSealer } from '../helpers/data-key';
import { ADMIN, NOW, seed } from './reports';

async function main(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) throw new Error('needs a real server: bash scripts/with-postgres.sh npx tsx test/bench/dashboard-pg.ts');
  const file = process.argv[2] ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-bench-dashboard-pg-')), 'bench.db');
  const fresh = !fs.existsSync(file);
  const source = openDatabase(file);
  if (fresh) seed(source);
  const pg = await freshPostgres({ migrate: false });
  try {
    const copyStart = performance.now();
    await copySqliteToPostgres(source, pg.db, { apply: true });
    await sql`VACUUM ANALYZE`.execute(pg.db); // as the bench does after its copies (docs/performance.md: a fresh copy has no visibility map)
    await sql`VACUUM`.execute(pg.db); // and a second pass, which fills the visibility map the first leaves empty (postgres-side.ts)
    const copySeconds = Math.round((performance.now() - copyStart) / 100) / 10;
    const service = createDashboardService({
      reads: createReportReadModel(pg.db),
      activity: createDashboardReadModel(pg.db),
      pulse: createPulseRepository(pg.db, { secret: 'bench', sealer: testSealer() }),
      clock: { now: () => NOW },
      isAdmin: (id) => id === ADMIN,
      minResponses: 5,
    });
    const page = (who: string, q: string) => async () => dashboardPage((await service.view(who, parseDashboardQuery(new URLSearchParams(q)))) as DashboardView, 'csrf');
    const timed = async (fn: () => Promise<unknown>) => {
      await fn();
      const t: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const s = performance.now();
        await fn();
        t.push(performance.now() - s);
      }
      return Math.round(t.sort((a, b) => a - b)[1]!);
    };
    const mid = 'U00000001';
    console.log(JSON.stringify({
      name: 'dashboard-postgres',
      server: (await sql<{ v: string }>`SELECT version() AS v`.execute(pg.db)).rows[0]?.v.split(' ').slice(0, 2).join(' '),
      copy_seconds: copySeconds,
      admin_org_12w_ms: await timed(page(ADMIN, '')),
      admin_org_24m_ms: await timed(page(ADMIN, 'period=104w')),
      mid_level_subtree_12w_ms: await timed(page(mid, '')),
      mid_level_subtree_24m_ms: await timed(page(mid, 'period=104w')),
      load_average: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    }, null, 1));
  } finally {
    await pg.close();
    source.close();
    if (fresh && process.argv[2] === undefined) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
