import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { startEmulator, type Emulator, type Driver } from '../../tools/emulator';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createFixedClock, type FixedClock } from '../../src/clock';
import { startLeadwell, type Leadwell } from '../../src/main';
import type { Db } from '../../src/storage/database';
import type { EngineKind, Executor } from '../../src/storage/engine';
import type { Storage } from '../../src/storage/open-storage';
import { CompiledQuery } from 'kysely';
import type { Clock } from '../../src/domain/ports';
import { freePort } from './free-port';
import { TEST_DATA_KEY } from './data-key';
import { leaks, privateStrings } from './private-text';
import { freshPostgres } from './postgres';

export const SIGNING_SECRET = 'harnesssigningsecret0123456789ab';
export const BOT_TOKEN = 'xoxb-1111-2222-harness';
export const APP_TOKEN = 'xapp-1-A0LEADWELL-1-harness';
export const LEADWELL_SECRET = 'harness-leadwell-secret-0123456789abcdef';

/** Monday 30 November 2026, 09:00 UTC: the default start of every harness clock. */
export const HARNESS_START = Date.UTC(2026, 10, 30, 9, 0, 0);

export interface SeededPeople {
  manager: string;
  alice: string;
  bob: string;
  carol: string;
  admin: string;
  bot: string;
  gone: string;
}

export interface Harness {
  emulator: Emulator;
  driver: Driver;
  leadwell: Leadwell;
  /** SQLite runs only: the file's connection (throws on PostgreSQL: use `query`). */
  db: Db;
  /** The app's database on either engine. */
  store: Executor;
  engine: EngineKind;
  /** A read for assertions that runs on both engines: `?` placeholders, rows as plain objects. */
  query<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T[]>;
  clock: FixedClock;
  config: Config;
  people: SeededPeople;
  kudosChannel: string;
  /** Every line the app logged, as written (JSON). */
  logs: string[];
  eventsUrl: string;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  start?: number;
  env?: Record<string, string>;
  mode?: 'http' | 'socket';
  /** Seed the small default org (a manager with alice and bob, carol outside the team, an admin, a bot, a deactivated user). */
  seed?: boolean;
  kudosChannel?: { name: string; isPrivate?: boolean; isArchived?: boolean; botMember?: boolean };
  /** A fixture library instead of prompts/ (test/content/fixtures/...). */
  contentBaseDir?: string;
  /** The app's real-time clock for request signatures (default: the system clock); advance it to replay later. */
  requestClock?: Clock;
  /** The storage engine (default: LEADWELL_TEST_ENGINE, else sqlite). PostgreSQL is PGlite, or the server in TEST_DATABASE_URL. */
  engine?: EngineKind;
}

/** The engine a harness runs on unless a test says otherwise: `.ci/postgres-tests.sh` runs the end-to-end suites with postgres. */
export const DEFAULT_ENGINE: EngineKind = process.env.LEADWELL_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** A PostgreSQL database for the app: the server's URL when there is one, else a PGlite schema handed over as storage. */
async function postgresFor(): Promise<{ env: Record<string, string>; storage?: Storage; close(): Promise<void> }> {
  const pg = await freshPostgres();
  if (pg.url) return { env: { DATABASE_URL: pg.url }, close: () => pg.close() };
  return { env: {}, storage: { engine: 'postgres', db: pg.db, where: 'pglite', close: async () => undefined }, close: () => pg.close() };
}

/** `?` → `$1, $2 …` for PostgreSQL; SQLite takes the text as written. */
function portable(text: string, engine: EngineKind): string {
  if (engine === 'sqlite') return text;
  let n = 0;
  return text.replace(/\?/g, () => `$${(n += 1)}`);
}

/**
 * The real Leadwell (real Bolt App, real receiver, real SQLite from migrations/) against the local Slack
 * emulator. The app runs on a fixed clock that tests move; Slack (the emulator) keeps real time, so request
 * signatures stay inside Bolt's 5-minute window however far a test travels.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = createFixedClock(options.start ?? HARNESS_START);
  const emulator = await startEmulator({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, appToken: APP_TOKEN });
  const seedOrg = options.seed !== false;
  const people = seedOrg ? seed(emulator) : ({} as SeededPeople);
  const channelOpts = options.kudosChannel ?? { name: 'kudos' };
  const channel = emulator.addChannel({ ...channelOpts, botMember: channelOpts.botMember ?? false });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-harness-'));
  let port = await freePort();
  const mode = options.mode ?? 'http';
  const engine = options.engine ?? DEFAULT_ENGINE;
  const postgres = engine === 'postgres' ? await postgresFor() : undefined;
  const configFor = (port: number) => loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    ...(mode === 'socket' ? { SLACK_APP_TOKEN: APP_TOKEN } : { SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: String(port) }),
    SLACK_API_URL: emulator.url,
    LEADWELL_SECRET: LEADWELL_SECRET,
    DATABASE_PATH: path.join(dir, 'leadwell.db'),
    KUDOS_CHANNEL: `#${channelOpts.name}`,
    ADMIN_USER_IDS: seedOrg ? people.admin : '',
    LEADWELL_DATA_KEY: TEST_DATA_KEY,
    // LEADWELL_TEST_LOG_LEVEL=trace (npm run test:trace-logs) runs every harness suite at trace and checks its log.
    LOG_LEVEL: process.env.LEADWELL_TEST_LOG_LEVEL ?? 'debug',
    // The app's clock stands still unless a test moves it: a workspace rate whose burst covers any one test's
    // messages keeps the outbox from waiting on a slot that frozen time would never free.
    NUDGE_RATE_PER_MINUTE: '6000',
    ...postgres?.env,
    ...options.env,
  });
  let config = configFor(port);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const logger = createLogger({ level: config.logLevel, destination: sink });
  const start = () => startLeadwell({ config, logger, clock, requestClock: options.requestClock, schedulerEnabled: false, contentBaseDir: options.contentBaseDir, storage: postgres?.storage });
  let leadwell: Leadwell;
  for (let attempt = 1; ; attempt += 1) {
    try {
      leadwell = await start();
      break;
    } catch (err) {
      // A free port found a moment ago can be taken by a parallel test before the app listens: take another.
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 3 || options.env?.PORT) throw err;
      port = await freePort();
      config = configFor(port);
    }
  }
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  if (mode === 'socket') await emulator.waitForSocket();
  const driver = emulator.driver(mode === 'socket' ? { kind: 'socket' } : { kind: 'http', url: eventsUrl });
  const harness: Harness = {
    emulator,
    driver,
    leadwell,
    // Read through `harness.leadwell`: a test that restarts the app puts the new one there.
    get db(): Db {
      if (!harness.leadwell.db) throw new Error('t.db is the SQLite file; this harness runs on PostgreSQL: read through t.query');
      return harness.leadwell.db;
    },
    get store(): Executor {
      return harness.leadwell.store;
    },
    engine,
    async query<T>(text: string, ...params: unknown[]): Promise<T[]> {
      const { rows } = await harness.leadwell.store.executeQuery<T>(CompiledQuery.raw(portable(text, engine), params));
      return [...rows];
    },
    clock,
    config,
    people,
    kudosChannel: channel.id,
    logs,
    eventsUrl,
    async stop() {
      await harness.leadwell.stop();
      await postgres?.close();
      const leaked = config.logLevel === 'trace' ? leaks(logs, privateStrings(emulator)) : [];
      await emulator.close();
      fs.rmSync(dir, { recursive: true, force: true });
      if (leaked.length > 0) throw new Error(`private text in the trace log: ${leaked.slice(0, 5).map((l) => JSON.stringify(l.slice(0, 60))).join(', ')}`);
    },
  };
  return harness;
}

function seed(emulator: Emulator): SeededPeople {
  const manager = emulator.addUser({ name: 'maria', realName: 'Maria Manager', email: 'maria@example.com', tz: 'Europe/Berlin' });
  const alice = emulator.addUser({ name: 'alice', realName: 'Alice Doe', email: 'alice@example.com', tz: 'Europe/Paris' });
  const bob = emulator.addUser({ name: 'bob', realName: 'Bob Roe', email: 'bob@example.com', tz: 'America/New_York' });
  const carol = emulator.addUser({ name: 'carol', realName: 'Carol Sun', email: 'carol@example.com', tz: 'Asia/Kolkata' });
  const admin = emulator.addUser({ name: 'hana', realName: 'Hana HR', email: 'hana@example.com', tz: 'UTC' });
  const bot = emulator.addBot({ name: 'deploybot' });
  const gone = emulator.addUser({ name: 'gus', realName: 'Gus Gone', email: 'gus@example.com', deleted: true });
  return { manager: manager.id, alice: alice.id, bob: bob.id, carol: carol.id, admin: admin.id, bot: bot.id, gone: gone.id };
}

/** Records reporting lines the way Slack users would create them (through users.info, then the org). */
export async function setTeam(h: Harness, managerId: string, reportIds: string[]): Promise<void> {
  const { people } = h.leadwell.slack.deps;
  await people.ensure(managerId);
  for (const id of reportIds) {
    await people.ensure(id);
    await people.repository.setManager(id, managerId, h.clock.now());
  }
}
