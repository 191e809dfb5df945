/**
 * `npx tsx test/bench/profile-e2e.ts [seconds] [rounds]`: prep cards end to end, as the `prep` bench case runs them
 * (the app alone in a child process, signed `/oneonone @person` in, the card POSTed to the response_url), printing the
 * app's CPU per card in each round (process.cpuUsage of the app around the round: steadier than cards per second on a
 * shared machine). No open-loop ack rounds: this is for comparing code, not for the bench's figures.
 *
 * E2E_BASELINE=<a checkout's root> runs that checkout's app too, on a copy of the same database, in alternating
 * rounds (which side goes first alternates as well), and prints both medians. E2E_PROFILE=<folder> writes a V8 CPU
 * profile of this checkout's app for each measured round (the round only, no start-up or warm-up) and prints the
 * heaviest functions of the last one; with BENCH_APP_BUILT=1 (compile first: npx tsc -p tsconfig.json) the frames
 * point at lines of our own files.
 *
 * E2E_ENGINE=postgres (under scripts/with-postgres.sh) runs each side's app on its own db:copy of the seeded file on
 * the server, and prints the server's CPU per card beside the app's (every postgres process on this machine, read
 * around the round: the other side is idle then). On PostgreSQL a statement costs both processes a round trip, so
 * a change in statements per card shows in the sum, seldom in the app's share alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/storage/database';
import { freePort } from '../helpers/free-port';
import { TEST_DATA_KEY } from '../helpers/data-key';
import { seedOrg, type SeededOrg } from './prep-cards-seed';
import { localServerCpuByPid, onPostgresCopy, serverCpuSince } from './postgres-side';
import { startSlackSide, throughput } from './prep-cards';
import { summariseProfile } from './profile-summary';
import type { AppChild } from './app-child';
import { exitWhenDone } from './exit-when-done';
import { median } from './median';

const SECRET = 'benchsigningsecret0123456789';

interface Side {
  name: string;
  app: AppChild;
  port: number;
  usPerCard: number[];
  serverUsPerCard: number[];
  cardsPerSecond: number[];
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 4);
  const rounds = Number(process.argv[3] ?? 4);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-e2e-'));
  const file = path.join(dir, 'leadwell.db');
  const db = openDatabase(file);
  const org = seedOrg(db, { people: 10_000, oneOnOnes: 200_000, now: Date.now() });
  const baseline = process.env.E2E_BASELINE;
  const onPostgres = process.env.E2E_ENGINE === 'postgres';
  if (baseline) db.prepare('VACUUM INTO ?').run(path.join(dir, 'baseline.db'));
  db.close();
  const slackPort = await freePort();
  const slack = startSlackSide(slackPort);
  await slack.listen();
  const base = `http://127.0.0.1:${slackPort}`;
  const start = async (name: string, root: string, databasePath: string, databaseUrl?: string): Promise<Side> => {
    const { startAppChild } = (await import(path.join(root, 'test/bench/app-child'))) as typeof import('./app-child');
    const port = await freePort();
    const app = await startAppChild({ databasePath, ...(databaseUrl ? { databaseUrl } : {}), port, apiUrl: `${base}/api/`, signingSecret: SECRET, dataKey: TEST_DATA_KEY });
    return { name, app, port, usPerCard: [], serverUsPerCard: [], cardsPerSecond: [] };
  };
  // On PostgreSQL each side's app runs on its own copy on the server; otherwise on its own SQLite file.
  const withDatabase = async (databasePath: string, fn: (url?: string) => Promise<void>) => {
    if (!onPostgres) return fn();
    const out = await onPostgresCopy(databasePath, async ({ url }) => fn(url));
    if (out && typeof out === 'object' && 'skipped' in out) throw new Error(`E2E_ENGINE=postgres: ${out.skipped}`);
  };
  try {
    const run = async (url?: string, baselineUrl?: string) => {
      const sides = [await start('this checkout', path.join(__dirname, '../..'), file, url)];
      if (baseline) sides.unshift(await start(`baseline ${baseline}`, baseline, path.join(dir, 'baseline.db'), baselineUrl));
      try {
        await rotate(sides, { seconds, rounds, slack, org, base, serverCpu: () => (url ? localServerCpuByPid(url) : undefined) });
      } finally {
        for (const side of sides) await side.app.stop();
      }
    };
    await withDatabase(file, (url) => (baseline ? withDatabase(path.join(dir, 'baseline.db'), (baselineUrl) => run(url, baselineUrl)) : run(url)));
  } finally {
    await slack.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Waits (up to 10 s) until the server's processes use under 5 % of a core: what one side's writes leave the server
 * to do afterwards (autovacuum, the WAL writer, a checkpoint) is then not counted in the next side's round.
 */
async function serverQuiet(read: () => Map<number, number> | undefined): Promise<void> {
  for (let i = 0; i < 40; i += 1) {
    const before = read();
    await new Promise((resolve) => setTimeout(resolve, 250));
    const after = read();
    if (!before || !after || serverCpuSince(before, after) < 12_500) return;
  }
}

/**
 * The ratio of the second side's app + server CPU per card to the first's, from the rounds each side ran first and
 * from those it ran second; their geometric mean cancels an advantage of going first (or second) in a pair.
 */
function orderSplit(a: Side, b: Side): string {
  const ratios = (firstIsA: boolean) => a.usPerCard.map((_, r) => r).filter((r) => (r % 2 === 0) === firstIsA)
    .map((r) => (b.usPerCard[r]! + b.serverUsPerCard[r]!) / (a.usPerCard[r]! + a.serverUsPerCard[r]!));
  const [aFirst, bFirst] = [median(ratios(true)), median(ratios(false))];
  return `${b.name} / ${a.name}, app + server CPU per card: ${aFirst.toFixed(2)} when ${a.name} ran first, ${bFirst.toFixed(2)} when second; geometric mean ${Math.sqrt(aFirst * bFirst).toFixed(2)}`;
}

/** Alternating measured rounds (which side goes first alternates too), then each side's medians. */
async function rotate(sides: Side[], o: { seconds: number; rounds: number; slack: ReturnType<typeof startSlackSide>; org: SeededOrg; base: string; serverCpu: () => Map<number, number> | undefined }) {
  const { slack, org, base } = o;
  let n = 0;
  for (const side of sides) await throughput(side.port, slack, org, base, 1500, (n += 1_000_000));
  for (let r = 0; r < o.rounds; r += 1) {
    for (const side of r % 2 === 0 ? sides : [...sides].reverse()) {
      // Each measured round warm: a side that waited through the other's round starts cold (its JIT'd code, caches
      // and connections idle), and with the order reversed every other pair one side would run twice in a row.
      await throughput(side.port, slack, org, base, 1000, (n += 1_000_000));
      await serverQuiet(o.serverCpu);
      const profiling = process.env.E2E_PROFILE && side === sides.at(-1) ? await side.app.cpuProfile() : undefined;
      const [before, serverBefore] = [await side.app.cpu(), o.serverCpu()];
      const run = await throughput(side.port, slack, org, base, o.seconds * 1000, (n += 1_000_000));
      const [after, serverAfter] = [await side.app.cpu(), o.serverCpu()];
      const us = after.user - before.user + after.system - before.system;
      if (profiling) {
        const written = await profiling.stop(path.join(process.env.E2E_PROFILE as string, `e2e-${r}.cpuprofile`));
        if (r === o.rounds - 1) console.log(`profile: ${written}\n${summariseProfile(JSON.parse(fs.readFileSync(written, 'utf8')), 40)}`);
      }
      const cards = Math.max(run.cards, 1);
      side.usPerCard.push(Math.round(us / cards));
      if (serverBefore && serverAfter) side.serverUsPerCard.push(Math.round(serverCpuSince(serverBefore, serverAfter) / cards));
      side.cardsPerSecond.push(Math.round(run.cards / run.seconds));
      const server = side.serverUsPerCard.length > r ? `, server ${side.serverUsPerCard.at(-1)} µs` : '';
      console.log(`round ${r} ${side.name}: ${side.usPerCard.at(-1)} µs of app CPU a card${server}, ${side.cardsPerSecond.at(-1)} cards/s, ${run.failures} failed`);
    }
  }
  if (sides.length === 2 && sides[0]!.serverUsPerCard.length === o.rounds) console.log(orderSplit(sides[0]!, sides[1]!));
  for (const side of sides) {
    const server = side.serverUsPerCard.length > 0 ? `, server ${median(side.serverUsPerCard)} µs a card (${side.serverUsPerCard.join(', ')})` : '';
    console.log(`${side.name}: median ${median(side.usPerCard)} µs a card (${side.usPerCard.join(', ')})${server}, ${median(side.cardsPerSecond)} cards/s`);
  }
}

exitWhenDone(main());
