/**
 * The PostgreSQL side of the bench cases that run on both engines (home, prep, reports, nudges). A case seeds its
 * SQLite file as before, measures it, then `db:copy`s that very file into a fresh database on a real server (one
 * database per run, dropped afterwards) and measures the same thing with the app's storage opened from that URL,
 * so both engines answer on the same rows.
 *
 * The server: BENCH_DATABASE_URL, else TEST_DATABASE_URL (what `bash scripts/with-postgres.sh` sets), a superuser
 * URL that may create databases. Without one the PostgreSQL side is skipped and says so. PGlite is never used
 * here: it runs in this process on WebAssembly and says nothing about a PostgreSQL server's speed.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { Pool } from 'pg';
import { runDbCopyCli } from '../../src/cli/db-copy';
import { isPostgresUrl } from '../../src/config';
import { openStorage, type Storage } from '../../src/storage/open-storage';
import { redactUrl } from '../../src/storage/postgres';

export const PG_SKIPPED = 'PostgreSQL side skipped: no server (set TEST_DATABASE_URL or BENCH_DATABASE_URL, or run under bash scripts/with-postgres.sh)';

export interface Skipped {
  skipped: string;
}

/** The server to measure on, or undefined when none is named. A URL that is not PostgreSQL's is an error, not a skip. */
export function benchServerUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL;
  if (!url) return undefined;
  if (!isPostgresUrl(url)) throw new Error(`BENCH_DATABASE_URL/TEST_DATABASE_URL: expected a postgres:// URL of a real server, got ${redactUrl(url)}`);
  return url;
}

export interface PostgresCopy {
  /** The fresh database's URL: what DATABASE_URL would say. */
  url: string;
  /** Seconds the copy took (db:copy --apply, then VACUUM ANALYZE). */
  copySeconds: number;
}

/**
 * Copies `sqliteFile` into a new database on the server with `npm run db:copy -- --apply`'s own code, runs `fn`
 * on it and drops the database, whatever `fn` does. VACUUM ANALYZE after the copy, as the SQLite side runs ANALYZE
 * after seeding, and as autovacuum does on a live server within minutes of a bulk load: statistics for the planner,
 * and the visibility map without which every index-only scan of a freshly loaded table visits the heap too
 * (profiled: 10,000 heap fetches in one report statement). Run twice: see below.
 */
export async function onPostgresCopy<T>(sqliteFile: string, fn: (copy: PostgresCopy) => Promise<T>): Promise<T | Skipped> {
  const server = benchServerUrl();
  if (!server) return { skipped: PG_SKIPPED };
  const name = `leadwell_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Pool({ connectionString: server, max: 1 });
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const started = Date.now();
      const errors: string[] = [];
      const code = await runDbCopyCli(['--from', `sqlite:${sqliteFile}`, '--to', url.toString(), '--apply'], { out: () => undefined, err: (t) => errors.push(t) });
      if (code !== 0) throw new Error(`db:copy failed (${code}): ${errors.join('\n')}`);
      const storage = await openBenchStorage(url.toString());
      try {
        await sql`VACUUM ANALYZE`.execute(storage.db);
        // Twice: right after the copy the first pass leaves the visibility map of most tables empty (measured with
        // pg_class.relallvisible on the dashboard's data: one_on_ones 0 of 3,326 pages, then 3,326 of 3,326 after a
        // second pass), and a live server's autovacuum gets there within minutes.
        await sql`VACUUM`.execute(storage.db);
      } finally {
        await storage.close();
      }
      return await fn({ url: url.toString(), copySeconds: Math.round((Date.now() - started) / 100) / 10 });
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

/** The app's own storage on DATABASE_URL (the pool main.ts opens, migrations checked). */
export function openBenchStorage(url: string): Promise<Storage> {
  return openStorage({ databasePath: '(unused on PostgreSQL)', databaseUrl: url });
}

/**
 * PostgreSQL's figure over SQLite's for each named measure, within this run (run.ts takes the median of the
 * per-run ratios). Target: at most 2 on each.
 */
export function ratios<K extends string>(sqlite: { [k in K]: number }, postgres: { [k in K]: number } | Skipped, keys: readonly K[]): Record<string, number> | undefined {
  if ('skipped' in postgres) return undefined;
  return Object.fromEntries(keys.map((k) => [k, Math.round((postgres[k] / Math.max(sqlite[k], 0.01)) * 100) / 100]));
}

export const PG_RATIO_TARGET = 2;

/** Whether every ratio is within the target (undefined when the PostgreSQL side was skipped). */
export function ratiosOk(r: Record<string, number> | undefined): boolean | undefined {
  return r === undefined ? undefined : Object.values(r).every((x) => x <= PG_RATIO_TARGET);
}

/**
 * CPU the server's processes have used so far, in µs, when the server runs on this machine (scripts/with-postgres.sh):
 * the sum of user and system time of every process named postgres, from /proc. Undefined elsewhere (another host, no
 * /proc). Read around a phase, it is what the phase cost the server: a statement prepared under a name is planned
 * once per connection instead of on every run, and only the server's CPU shows that.
 */
export function localServerCpuUs(url: string): number | undefined {
  const byPid = localServerCpuByPid(url);
  if (!byPid) return undefined;
  let us = 0;
  for (const v of byPid.values()) us += v;
  return us;
}

/**
 * localServerCpuUs per postgres process (pid → µs). What a phase cost is then the sum over the processes alive at its
 * end of what each used since its start (serverCpuSince): a backend that exits meanwhile (another app's idle pool
 * closing its connections) would otherwise take its whole past CPU out of the sum.
 */
export function localServerCpuByPid(url: string): Map<number, number> | undefined {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname)) return undefined;
  const out = new Map<number, number>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return undefined;
  }
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone between the listing and the read
    }
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    const fields = stat.slice(close + 2).split(' ');
    out.set(Number(pid), ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS); // utime, stime: fields 14 and 15 of proc(5)
  }
  return out.size > 0 ? out : undefined;
}

/** The server CPU used between two localServerCpuByPid readings, by the processes alive at the second (new ones in full). */
export function serverCpuSince(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let us = 0;
  for (const [pid, v] of after) us += v - (before.get(pid) ?? 0);
  return us;
}

/** The kernel's clock ticks per second for /proc times (sysconf(_SC_CLK_TCK)): 100 on every Linux build this runs on. */
const CLOCK_TICKS = 100;
