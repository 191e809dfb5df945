/**
 * Bench case: the report read model itself (issue #20), checked against the correlated reference query, on the reports bench's data (10,000 people, 1,000,000 activity rows). Times the whole load
 * and the statements behind the 1:1s with their previous 1:1 alone, for 12 weeks and 24 months, and the dashboard's admin page for
 * 24 months on the Kysely models; checks that old and new give the same 1:1s with the same previous 1:1.
 * BENCH_PG=1 also copies the data into PGlite and times the same there: PGlite (PostgreSQL in WebAssembly,
 * one connection) shows that the plans work on PostgreSQL, not how fast a server would be.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Db } from '../../src/storage/database';
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import type { Executor } from '../../src/storage/engine';
/** The correlated form the read model used before (each 1:1's previous one by a MAX subquery): the oracle the new one must match. */
const REFERENCE_ONE_ON_ONES = `SELECT o.manager_id, o.report_id, o.held_at,
    (SELECT MAX(q.held_at) FROM one_on_ones q WHERE q.manager_id = o.manager_id AND q.report_id = o.report_id AND q.held_at < o.held_at) AS prev_at
  FROM one_on_ones o JOIN people p ON p.id = o.report_id AND p.manager_id = o.manager_id
  WHERE o.held_at >= @from AND o.held_at < @to`;
import { createReportReadModel, reportQueries } from '../../src/storage/report-read-model';
import { createDashboardReadModel } from '../../src/storage/dashboard-read-model';
import { createPulseRepository } from '../../src/storage/pulse-repository';
import { createDashboardService } from '../../src/domain/dashboard/dashboard-service';
import { parseDashboardQuery } from '../../src/domain/dashboard/query';
import type { DashboardView } from '../../src/domain/dashboard/view';
import { dashboardPage } from '../../src/web/dashboard/page';
import { reportWindow } from '../../src/domain/report';
import { migratePostgres } from '../../src/storage/migrate-postgres';
import { copySqliteToPostgres } from '../../src/storage/db-copy';
import { Pglite } from '../helpers/pglite';
import { testSealer } from '../helpers/data-key';
import { ADMIN, NOW, seed } from './reports';

const TARGET_MS = 500;
const W12 = reportWindow(NOW, 12);
const W104 = reportWindow(NOW, 104);

const median = (xs: number[]) => Math.round(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);

/** Old and new in alternating runs (median of each): the machine's load drifts, and both see the same drift. */
async function versus(before: () => unknown, after: () => unknown, runs = 5): Promise<[number, number]> {
  await before(); // warm the statement and page caches, as a long-running app is
  await after();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    let t = performance.now();
    await before();
    a.push(performance.now() - t);
    t = performance.now();
    await after();
    b.push(performance.now() - t);
  }
  return [median(a), median(b)];
}

async function timed(fn: () => unknown, runs = 3): Promise<number> {
  return (await versus(fn, () => undefined, runs))[0];
}

type Row = { manager_id: string; report_id: string; held_at: number; prev_at: number | null };
const canonical = (rows: Row[]) => rows.map((r) => `${r.manager_id}|${r.report_id}|${Number(r.held_at)}|${r.prev_at === null ? '-' : Number(r.prev_at)}`).sort();
/** The new model's 1:1s (previous ones stitched in code) in the old statement's row shape. */
const loaded = async (db: Executor) =>
  canonical((await createReportReadModel(db).load(W104)).oneOnOnes.map((o) => ({ manager_id: o.managerId, report_id: o.reportId, held_at: o.heldAt, prev_at: o.prevAt ?? null })));

async function kyselyFigures(db: Executor, prefix: string) {
  const reads = createReportReadModel(db);
  const oneOnOnes = (w: typeof W12) => reportQueries(db, w).oneOnOnes.rows();
  return {
    [`${prefix}_load_12w_ms`]: await timed(() => reads.load(W12)),
    [`${prefix}_load_24m_ms`]: await timed(() => reads.load(W104)),
    [`${prefix}_one_on_ones_statements_24m_ms`]: await timed(() => oneOnOnes(W104)),
  };
}

async function pgliteFigures(source: Db, expected: string[]) {
  const pg = await Pglite.start();
  try {
    await pg.run('CREATE SCHEMA bench');
    const db = pg.kysely('bench');
    await migratePostgres(db);
    const copyStart = performance.now();
    await copySqliteToPostgres(source, db, { apply: true });
    await pg.run('ANALYZE');
    const same = (await loaded(db)).join('\n') === expected.join('\n');
    return { pglite_copy_seconds: Math.round((performance.now() - copyStart) / 100) / 10, ...(await kyselyFigures(db, 'pglite')), pglite_same_rows: same };
  } finally {
    await pg.close();
  }
}

export async function benchReportReads() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-bench-report-reads-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  try {
    const seeded = seed(db);
    const k = sqliteKysely(db);
    const oldOneOnOnes = db.prepare<[{ from: number; to: number }], Row>(REFERENCE_ONE_ON_ONES);
    const expected = canonical(oldOneOnOnes.all({ from: W104.from, to: W104.to }));
    const same = (await loaded(k)).join('\n') === expected.join('\n');
    const service = createDashboardService({
      reads: createReportReadModel(k),
      activity: createDashboardReadModel(k),
      pulse: createPulseRepository(sqliteKysely(db), { secret: 'bench', sealer: testSealer() }),
      clock: { now: () => NOW },
      isAdmin: (id) => id === ADMIN,
      minResponses: 5,
    });
    const page = (s: typeof service, q: string) => async () => dashboardPage((await s.view(ADMIN, parseDashboardQuery(new URLSearchParams(q)))) as DashboardView, 'csrf');
    const newOneOnOnes = (w: typeof W12) => () => reportQueries(k, w).oneOnOnes.rows();
    const oldOneOnOnesIn = (w: typeof W12) => () => oldOneOnOnes.all({ from: w.from, to: w.to });
    const new12 = await timed(() => createReportReadModel(k).load(W12));
    const new24 = await timed(() => createReportReadModel(k).load(W104));
    const [oldQ12, newQ12] = await versus(oldOneOnOnesIn(W12), newOneOnOnes(W12));
    const [oldQ24, newQ24] = await versus(oldOneOnOnesIn(W104), newOneOnOnes(W104));
    const newPage24 = await timed(page(service, 'period=104w'));
    const newPage12 = await timed(page(service, ''));
    const figures = {
      load_12w_ms: { sqlite: new12 },
      load_24m_ms: { sqlite: new24 },
      one_on_ones_statements_12w_ms: { old: oldQ12, sqlite: newQ12 },
      one_on_ones_statements_24m_ms: { old: oldQ24, sqlite: newQ24 },
      dashboard_admin_12w_ms: { sqlite: newPage12 },
      dashboard_admin_24m_ms: { sqlite: newPage24 },
    };
    const pg = process.env.BENCH_PG === '1' ? await pgliteFigures(db, expected) : {};
    return {
      name: 'report-reads',
      people: seeded.people,
      activity_rows: seeded.rows,
      one_on_ones_24m_rows: expected.length,
      ...figures,
      ...pg,
      target_ms: TARGET_MS,
      same_rows: same,
      ok: same && newPage24 < TARGET_MS,
    };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchReportReads().then((r) => console.log(JSON.stringify(r, null, 2)));
}
