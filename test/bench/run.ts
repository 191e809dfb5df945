/**
 * `npm run bench`: Leadwell against a bare Bolt app measured in the same run, then every feature's own case.
 * Machines here are noisy: read the ratios, not the absolute figures. Writes test/bench/results.json.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../tools/emulator';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startLeadwell } from '../../src/main';
import { freePort } from '../helpers/free-port';
import { slashCommandBody } from '../helpers/signing';
import { startBareApp } from './bare-app';
import { round, signedLoad, type LoadFigures } from './load';

const SECRET = 'benchsigningsecret0123456789ab';
const TOKEN = 'xoxb-bench-leadwell';
const CONCURRENCY = [1, 10, 50];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

interface BaseCase {
  name: string;
  leadwell: Pick<LoadFigures, 'rps' | 'p50_ms' | 'p99_ms'>;
  bare: Pick<LoadFigures, 'rps' | 'p50_ms' | 'p99_ms'>;
  ratio_rps: number;
  ratio_p99: number;
  errors: number;
}

/** Where Leadwell's response_url replies land: a sink that costs next to nothing. */
async function startSink(): Promise<{ url: string; count: () => number; close: () => void }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      n += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/response`, count: () => n, close: () => server.close() };
}

async function baseCases(): Promise<BaseCase[]> {
  const emulator = await startEmulator({ signingSecret: SECRET, botToken: TOKEN });
  const manager = emulator.addUser({ name: 'bench', realName: 'Bench Manager', tz: 'UTC' });
  const sink = await startSink();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-bench-'));
  const [barePort, leadPort] = [await freePort(), await freePort()];
  const bare = await startBareApp({ port: barePort, signingSecret: SECRET, apiUrl: emulator.url });
  const config = loadConfig({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    LEADWELL_SECRET: 'test-leadwell-secret-0123456789abcdef',
    PORT: String(leadPort),
    SLACK_API_URL: emulator.url,
    DATABASE_PATH: path.join(dir, 'bench.db'),
    LOG_LEVEL: 'warn',
  });
  const leadwell = await startLeadwell({ config, logger: createLogger({ level: 'warn' }), schedulerEnabled: false });
  // A fresh trigger_id per request: identical signed bodies within a second are replays, which Leadwell ignores.
  let sent = 0;
  const body = () => slashCommandBody({ user_id: manager.id, command: '/oneonone', text: 'help', response_url: sink.url, trigger_id: `${(sent += 1)}.2.bench` });
  const target = (port: number) => `http://127.0.0.1:${port}/slack/events`;
  const cases: BaseCase[] = [];
  try {
    for (const connections of CONCURRENCY) {
      const run = (port: number, seconds = SECONDS) => signedLoad({ url: target(port), secret: SECRET, body, connections, durationSeconds: seconds });
      await run(leadPort, 1);
      await run(barePort, 1);
      // Alternate which goes first so drift in the machine's load does not always favour one side.
      const first = connections % 2 === 0 ? 'bare' : 'leadwell';
      const a = await run(first === 'bare' ? barePort : leadPort);
      const b = await run(first === 'bare' ? leadPort : barePort);
      const [l, r] = first === 'bare' ? [b, a] : [a, b];
      cases.push({
        name: `slash command ack, concurrency ${connections}`,
        leadwell: { rps: l.rps, p50_ms: l.p50_ms, p99_ms: l.p99_ms },
        bare: { rps: r.rps, p50_ms: r.p50_ms, p99_ms: r.p99_ms },
        ratio_rps: round(l.rps / Math.max(r.rps, 0.01)),
        // autocannon reports whole milliseconds: below 1 ms both sides count as 1 ms, not as a 0/0 ratio.
        ratio_p99: round(Math.max(l.p99_ms, 1) / Math.max(r.p99_ms, 1)),
        errors: l.errors + l.non2xx + r.errors + r.non2xx,
      });
    }
  } finally {
    await leadwell.stop();
    await bare.stop();
    await emulator.close();
    sink.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return cases;
}

/** Each feature's own bench, found by file and export name; a missing or failing one is reported, not fatal. */
const FEATURE_CASES: Array<[string, string]> = [
  ['content-selection', 'benchContentSelection'],
  ['prep-cards', 'benchPrepCards'],
  ['kudos', 'benchKudos'],
  ['app-home', 'benchAppHome'],
  ['nudges', 'benchNudges'],
  ['reports', 'benchReports'],
  ['dashboard', 'benchDashboard'],
  ['report-reads', 'benchReportReads'],
  ['leadership', 'benchLeadership'],
];

async function featureCases(only?: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [file, fn] of FEATURE_CASES) {
    if (only && !file.includes(only)) continue;
    const full = path.join(__dirname, `${file}.ts`);
    if (!fs.existsSync(full)) continue;
    const started = Date.now();
    try {
      const mod = (await import(full)) as Record<string, () => Promise<unknown>>;
      const result = await mod[fn]!();
      for (const r of Array.isArray(result) ? result : [result]) out.push(r);
      console.log(`  ${file}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (err) {
      out.push({ name: file, error: (err as Error).message });
      console.log(`  ${file}: FAILED ${(err as Error).message}`);
    }
  }
  return out;
}

function printBase(cases: BaseCase[]): void {
  console.log('\ncase                                   leadwell rps  p50   p99 | bare rps  p50   p99 | ratio rps  ratio p99');
  for (const c of cases) {
    const l = c.leadwell;
    const b = c.bare;
    console.log(
      `${c.name.padEnd(38)} ${String(l.rps).padStart(8)} ${String(l.p50_ms).padStart(5)} ${String(l.p99_ms).padStart(5)} | ` +
        `${String(b.rps).padStart(8)} ${String(b.p50_ms).padStart(4)} ${String(b.p99_ms).padStart(5)} | ` +
        `${String(c.ratio_rps).padStart(9)} ${String(c.ratio_p99).padStart(10)}${c.errors ? `  errors=${c.errors}` : ''}`,
    );
  }
  console.log('targets: ratio_rps >= 0.7, ratio_p99 <= 1.5\n');
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const cases: unknown[] = [];
  if (!only || only === 'base') {
    console.log(`base: ${CONCURRENCY.length} concurrency levels × ${SECONDS} s each side`);
    const base = await baseCases();
    printBase(base);
    cases.push(...base);
  }
  if (only !== 'base') cases.push(...(await featureCases(only)));
  for (const c of cases.slice(only === 'base' ? cases.length : 0)) {
    if (!(c as BaseCase).bare) console.log(JSON.stringify(c));
  }
  const file = path.join(__dirname, 'results.json');
  fs.writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cases }, null, 2)}\n`);
  console.log(`results written to ${path.relative(process.cwd(), file)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
