/**
 * `npx tsx test/bench/profile-prep.ts [cards] [rounds]`: the app's CPU per `/oneonone @person` prep card, in process,
 * on the bench's org (10,000 people, 200,000 1:1s in SQLite). Each card runs the real command listener (the manager,
 * the partner, the prep-card service, the Block Kit, the reply serialised as Bolt would) against services composed
 * as in production; only Slack's HTTP is left out. CPU is read with process.cpuUsage around each batch of cards:
 * far steadier than throughput on a shared machine.
 *
 * PREP_BASELINE=<a checkout's root> runs that checkout's listener and services on the same database too, in
 * alternating batches (old, new, old, new...), so both see the same machine load; the medians per side are
 * printed. PROFILE_DIR=<folder> writes a V8 CPU profile of this checkout's cards (after a warm-up) and prints
 * the heaviest functions; compile first (npx tsc -p tsconfig.json --outDir <dir>) and run the .js for line numbers
 * that point into our own files.
 *
 * PREP_ENGINE=postgres (under scripts/with-postgres.sh) runs the cards on a db:copy of the same org on the server,
 * PREP_CONCURRENCY=<n> (default 1) keeps n cards in flight, as the bench's workers do. The CPU is this process's:
 * the app's side of every statement (Kysely, pg's protocol, the pool), not the server's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCpuProfile } from './child-tools';
import { openDatabase } from '../../src/storage/database';
import { TEST_DATA_KEY } from '../helpers/data-key';
import { seedOrg, type SeededOrg } from './prep-cards-seed';
import { summariseProfile } from './profile-summary';
import { onPostgresCopy } from './postgres-side';
import { exitWhenDone } from './exit-when-done';

const PEOPLE = 10_000;
const ONE_ON_ONES = 200_000;

type Card = (n: number) => Promise<void>;

/** The command listener of the checkout at `root`, wired to its own services over `file`. */
async function cardsFrom(root: string, file: string, org: SeededOrg, pgUrl?: string): Promise<Card> {
  const load = <T>(rel: string) => import(path.join(root, rel)) as Promise<T>;
  const { composeServices } = await load<typeof import('../../src/compose')>('src/compose');
  const { loadConfig } = await load<typeof import('../../src/config')>('src/config');
  const { createLogger } = await load<typeof import('../../src/logger')>('src/logger');
  const { loadContent } = await load<typeof import('../../src/content/loader')>('src/content/loader');
  const { sqliteKysely } = await load<typeof import('../../src/storage/sqlite-kysely')>('src/storage/sqlite-kysely');
  const { openDatabase: open } = await load<typeof import('../../src/storage/database')>('src/storage/database');
  const { oneOnOneCommand } = await load<typeof import('../../src/slack/listeners/commands/oneonone')>('src/slack/listeners/commands/oneonone');
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: 'benchsigningsecret0123456789', LEADWELL_SECRET: 'test-leadwell-secret-0123456789abcdef',
    LEADWELL_DATA_KEY: TEST_DATA_KEY, DATABASE_PATH: file, PORT: '3000', LOG_LEVEL: 'error', SLACK_API_URL: 'http://127.0.0.1:9/api/',
  });
  const library = loadContent({ baseDir: path.join(root, 'prompts') });
  const { openStorage } = await load<typeof import('../../src/storage/open-storage')>('src/storage/open-storage');
  const pg = pgUrl === undefined ? undefined : await openStorage({ databasePath: '(unused)', databaseUrl: pgUrl });
  const db = pg ? undefined : open(file);
  const store = pg ? pg.db : sqliteKysely(db!);
  const { deps } = composeServices({ config, logger: createLogger({ level: 'error' }), clock: { now: () => Date.now() }, ...(db ? { db } : {}), store, library });
  const listener = oneOnOneCommand(deps);
  return async (n) => {
    const [managerId, reportId] = org.pair(n);
    const command = { user_id: managerId, team_id: 'TBENCH', text: `<@${reportId}|${reportId.toLowerCase()}>`, trigger_id: `${n}.1.profile`, response_url: 'http://127.0.0.1:9/r' };
    let replied = false;
    const respond = async (message: unknown) => {
      const body = JSON.stringify(message); // what Bolt does with it before the POST
      if (!body.includes('1:1 prep')) throw new Error(`not a prep card: ${body.slice(0, 200)}`);
      replied = true;
    };
    await listener({ ack: async () => undefined, command, respond, client: {} } as unknown as Parameters<typeof listener>[0]);
    if (!replied) throw new Error('no reply');
  };
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const CONCURRENCY = Math.max(1, Number(process.env.PREP_CONCURRENCY ?? 1));

/** The kernel's share of the last batch's CPU (system time: on PostgreSQL, mostly the socket's). */
let lastSystemShare = 0;

async function batch(card: Card, from: number, count: number): Promise<number> {
  const t0 = cpuMs();
  const s0 = process.cpuUsage().system;
  let next = from;
  const lane = async () => {
    while (next < from + count) await card(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  const total = cpuMs() - t0;
  lastSystemShare = (process.cpuUsage().system - s0) / 1000 / Math.max(total, 0.001);
  return (total * 1000) / count; // µs per card
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function profiled(card: Card, from: number, count: number, dir: string): Promise<void> {
  const cpu = await startCpuProfile(200);
  const us = await batch(card, from, count);
  const out = path.join(dir, `prep-${Date.now()}.cpuprofile`);
  const profile = await cpu.stop(out);
  console.log(`\nprofiled ${count} cards at ${us.toFixed(0)} µs each (profiler on): ${out}`);
  console.log(summariseProfile(profile as never, 40));
}

async function main(cards: number, rounds: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-profile-prep-'));
  const file = path.join(dir, 'bench.db');
  try {
    const seed = openDatabase(file);
    const org = seedOrg(seed, { people: PEOPLE, oneOnOnes: ONE_ON_ONES, now: Date.now() });
    seed.close();
    if (process.env.PREP_ENGINE === 'postgres') {
      openDatabase(file).close();
      const out = await onPostgresCopy(file, async ({ url }) => {
        await compare(file, org, cards, rounds, url);
        return 'done' as const;
      });
      if (out !== 'done') throw new Error(out.skipped);
    } else {
      await compare(file, org, cards, rounds);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function compare(file: string, org: SeededOrg, cards: number, rounds: number, pgUrl?: string): Promise<void> {
  {
    const sides: Array<[string, Card]> = [['this', await cardsFrom(path.join(__dirname, '../..'), file, org, pgUrl)]];
    if (process.env.PREP_BASELINE) sides.unshift(['baseline', await cardsFrom(path.resolve(process.env.PREP_BASELINE), file, org, pgUrl)]);
    let n = 0;
    for (const [, card] of sides) {
      await batch(card, n, cards / 2); // warm-up: JIT, statement caches
      n += cards / 2;
    }
    const per: Record<string, number[]> = Object.fromEntries(sides.map(([name]) => [name, []]));
    const systemShare: Record<string, number[]> = Object.fromEntries(sides.map(([name]) => [name, []]));
    for (let r = 0; r < rounds; r += 1) {
      for (const [name, card] of r % 2 ? [...sides].reverse() : sides) {
        per[name]!.push(await batch(card, (n += cards), cards));
        systemShare[name]!.push(lastSystemShare);
      }
    }
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${rounds} rounds of ${cards} cards per side`);
    for (const [name, xs] of Object.entries(per)) {
      console.log(`${name}: median ${median(xs).toFixed(0)} µs CPU per card (rounds: ${xs.map((x) => x.toFixed(0)).join(', ')}), ${Math.round(median(systemShare[name]!) * 100)} % of it in the kernel`);
    }
    if (process.env.PROFILE_DIR) await profiled(sides.at(-1)![1], n + cards, cards * 2, process.env.PROFILE_DIR);
  }
}

if (require.main === module) exitWhenDone(main(Number(process.argv[2] ?? 500), Number(process.argv[3] ?? 6)));
