/**
 * `npm run bench [-- --only ack,prep] [--runs 3]`: each case run `--runs` times (default 3); every figure
 * reported is the median over those runs, ratios each computed within their own run. Machines here are noisy:
 * read the ratios, not the absolute figures, and note the load average (recorded beside the results).
 * Writes test/bench/results.json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { printAck, type AckCase } from './ack';
import { medianOf } from './median';
import { benchServerUrl, PG_SKIPPED } from './postgres-side';
import { redactUrl } from '../../src/storage/postgres';
import { exitWhenDone } from './exit-when-done';

/** Case name → the file and export that run it; a case returns one result or several (one per sub-case). */
const CASES: Record<string, [string, string]> = {
  ack: ['ack', 'benchAck'],
  content: ['content-selection', 'benchContentSelection'],
  prep: ['prep-cards', 'benchPrepCards'],
  kudos: ['kudos', 'benchKudos'],
  home: ['app-home', 'benchAppHome'],
  nudges: ['nudges', 'benchNudges'],
  reports: ['reports', 'benchReports'],
  dashboard: ['dashboard', 'benchDashboard'],
  'report-reads': ['report-reads', 'benchReportReads'],
  leadership: ['leadership', 'benchLeadership'],
  scale: ['scale-curve', 'benchScaleCurve'],
  'scale-history': ['scale-curve', 'benchScaleHistory'],
};
/** The cases measured on PostgreSQL too, on the same rows, when a server is named. */
const BOTH_ENGINES = new Set(['home', 'prep', 'reports', 'nudges', 'dashboard']);
/** Older spellings still accepted (`npm run bench base`, file names). */
const ALIASES: Record<string, string> = { base: 'ack', 'prep-cards': 'prep', 'app-home': 'home', 'content-selection': 'content', 'scale-curve': 'scale' };

interface Options {
  only: string[];
  runs: number;
  /** Internal: run one case once in this process and write its result to `out`. */
  child?: { name: string; out: string };
}

export function parseArgs(argv: string[]): Options {
  let only: string[] = Object.keys(CASES);
  let runs = Number(process.env.BENCH_RUNS ?? 3);
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i] as string;
    const value = (name: string) => (a.startsWith(`${name}=`) ? a.slice(name.length + 1) : argv[(i += 1)]);
    if (a === '--only' || a.startsWith('--only=')) only = (value('--only') ?? '').split(',').filter(Boolean);
    else if (a === '--runs' || a.startsWith('--runs=')) runs = Number(value('--runs'));
    else if (a === '--child') return { only: [], runs: 1, child: { name: argv[i + 1] as string, out: argv[i + 2] as string } };
    else if (!a.startsWith('-')) only = [a]; // the old positional form
    else throw new Error(`unknown option ${a}`);
  }
  only = only.map((n) => ALIASES[n] ?? n);
  const unknown = only.filter((n) => !CASES[n]);
  if (unknown.length || only.length === 0) throw new Error(`unknown case ${unknown.join(', ') || '(none)'}; cases: ${Object.keys(CASES).join(', ')}`);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of at least 1');
  return { only, runs };
}

const load = () => os.loadavg().map((n) => Math.round(n * 100) / 100);

/** The child's side: one run of one case, its result written as JSON. */
async function runChild(name: string, out: string): Promise<void> {
  const [file, fn] = CASES[name] as [string, string];
  const mod = (await import(path.join(__dirname, `${file}.ts`))) as Record<string, () => Promise<unknown>>;
  fs.writeFileSync(out, JSON.stringify(await mod[fn]!()));
}

/**
 * Each run in a fresh process: runs stay independent (no JIT warmth, heap or open handles carried over), and a
 * case's memory figure is that case's alone.
 */
function runOnce(name: string): Promise<unknown> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-bench-run-')), 'result.json');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, __filename, '--child', name, out], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0 || !fs.existsSync(out)) return reject(new Error(`run exited with ${code}`));
      resolve(JSON.parse(fs.readFileSync(out, 'utf8')));
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    });
  });
}

async function runCase(name: string, runs: number): Promise<Array<Record<string, unknown>>> {
  const results: unknown[][] = [];
  const errors: string[] = [];
  for (let r = 0; r < runs; r += 1) {
    const started = Date.now();
    try {
      const result = await runOnce(name);
      results.push(Array.isArray(result) ? result : [result]);
      console.log(`  ${name}: run ${r + 1}/${runs} done in ${((Date.now() - started) / 1000).toFixed(1)} s (load ${load().join(' ')})`);
    } catch (err) {
      errors.push((err as Error).message);
      console.log(`  ${name}: run ${r + 1}/${runs} FAILED ${(err as Error).message}`);
    }
  }
  if (results.length === 0) return [{ case: name, error: errors.join('; ') }];
  const subCases = (results[0] as unknown[]).length;
  return Array.from({ length: subCases }, (_, i) => {
    const each = results.map((r) => r[i]);
    return { case: name, runs: each.length, ...(medianOf(each) as Record<string, unknown>), ...(errors.length ? { failed_runs: errors } : {}), each };
  });
}

async function main(): Promise<void> {
  const { only, runs, child } = parseArgs(process.argv.slice(2));
  if (child) return runChild(child.name, child.out);
  const loadStart = load();
  console.log(`bench: ${only.join(', ')}; ${runs} run(s) each, medians reported; load average ${loadStart.join(' ')}`);
  // home, prep, reports, nudges and dashboard also run on PostgreSQL when a server is named (postgres-side.ts).
  const server = benchServerUrl();
  const postgres = server ? `server ${redactUrl(server)}` : PG_SKIPPED;
  if (only.some((n) => BOTH_ENGINES.has(n))) console.log(server ? `PostgreSQL: ${postgres}, a fresh database per run` : postgres);
  const cases: Array<Record<string, unknown>> = [];
  for (const name of only) {
    const results = await runCase(name, runs);
    if (name === 'ack' && !results[0]?.error) printAck(results as unknown as AckCase[]);
    else for (const { each: _each, ...median } of results) console.log(JSON.stringify(median));
    cases.push(...results);
  }
  const file = path.join(__dirname, 'results.json');
  const header = { at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, runs, load_average: { start: loadStart, end: load() }, postgres };
  fs.writeFileSync(file, `${JSON.stringify({ ...header, cases }, null, 2)}\n`);
  console.log(`results written to ${path.relative(process.cwd(), file)}`);
}

if (require.main === module) exitWhenDone(main());
