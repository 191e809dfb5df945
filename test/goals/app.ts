import { Writable } from 'node:stream';
import { leaks, privateStrings } from '../helpers/private-text';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../tools/emulator';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startLeadwell, type Leadwell } from '../../src/main';
import { createFixedClock, type FixedClock } from '../../src/clock';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { freePort } from '../helpers/free-port';
import { CompiledQuery } from 'kysely';
import { DEFAULT_ENGINE } from '../helpers/harness';
import { freshPostgres } from '../helpers/postgres';
import type { EngineKind } from '../../src/storage/engine';

const SECRET = 'goalstestsigningsecret0123456789';
const BOT_TOKEN = 'xoxb-goals-test';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Who = 'maria' | 'alice' | 'bob' | 'carol' | 'olga' | 'adam';

/** `?` → `$1, $2 …` for PostgreSQL; SQLite takes the text as written (as the harness's `query`). */
function portable(text: string, engine: EngineKind): string {
  if (engine === 'sqlite') return text;
  let n = 0;
  return text.replace(/\?/g, () => `$${(n += 1)}`);
}

/**
 * The real Leadwell (HTTP mode through Bolt's receiver, real migrations and prompts/, a SQLite file, or
 * PostgreSQL under LEADWELL_TEST_ENGINE=postgres: PGlite, or the server in TEST_DATABASE_URL) against the local Slack emulator. The org: Maria manages Alice and Bob; Olga manages Carol; Adam is an
 * admin outside both teams. The app clock is fixed at real "now" (Bolt checks request timestamps against
 * real time) and can travel for the reminder jobs.
 */
export async function startGoalsApp(engine: EngineKind = DEFAULT_ENGINE) {
  const emulator = await startEmulator({ signingSecret: SECRET, botToken: BOT_TOKEN });
  const u = {
    maria: emulator.addUser({ name: 'maria', realName: 'Maria Manager', tz: 'Europe/Paris' }),
    alice: emulator.addUser({ name: 'alice', realName: 'Alice Doe', tz: 'Europe/Paris' }),
    bob: emulator.addUser({ name: 'bob', realName: 'Bob Teammate', tz: 'Europe/Paris' }),
    carol: emulator.addUser({ name: 'carol', realName: 'Carol Stranger', tz: 'Asia/Tokyo' }),
    olga: emulator.addUser({ name: 'olga', realName: 'Olga Other', tz: 'Asia/Tokyo' }),
    adam: emulator.addUser({ name: 'adam', realName: 'Adam Admin', tz: 'Europe/London' }),
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-goals-'));
  const port = await freePort();
  const clock: FixedClock = createFixedClock(Date.now());
  const pg = engine === 'postgres' ? await freshPostgres() : undefined;
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    LEADWELL_SECRET: 'test-leadwell-secret-0123456789abcdef',
    PORT: String(port),
    SLACK_API_URL: emulator.url,
    DATABASE_PATH: path.join(dir, 'leadwell.db!'),
    ADMIN_USER_IDS: u.adam.id,
    // LEADWELL_TEST_LOG_LEVEL=trace (npm run test:trace-logs): goals, plans and titles must not reach the log.
    LOG_LEVEL: process.env.LEADWELL_TEST_LOG_LEVEL ?? 'silent',
    ...(pg?.url ? { DATABASE_URL: pg.url } : {}),
  });
  // PGlite has no URL: the app is handed the database, as the harness does.
  const storage = pg && !pg.url ? { engine: 'postgres' as const, db: pg.db, where: 'pglite', close: async () => undefined } : undefined;
  const logs: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, cb) => (logs.push(String(chunk)), cb()) });
  const leadwell: Leadwell = await startLeadwell({ config, logger: createLogger({ level: config.logLevel, destination: sink }), clock, schedulerEnabled: false, storage });
  // The reporting lines, as an org import or "Edit my team" would leave them.
  const people = createPeopleRepository(leadwell.store);
  for (const [, user] of Object.entries(u)) {
    await people.upsertProfile({ id: user.id, teamId: emulator.state.team.id, name: user.displayName || user.realName, realName: user.realName, tz: user.tz, isBot: false, deleted: false }, clock.now());
  }
  await people.setManager(u.alice.id, u.maria.id, clock.now());
  await people.setManager(u.bob.id, u.maria.id, clock.now());
  await people.setManager(u.carol.id, u.olga.id, clock.now());
  const ids = Object.fromEntries(Object.entries(u).map(([k, v]) => [k, v.id])) as Record<Who, string>;
  const driver = emulator.driver({ kind: 'http', url: `http://127.0.0.1:${port}/slack/events` });
  return {
    emulator,
    leadwell,
    driver,
    clock,
    ids,
    engine,
    /** A read for assertions on either engine: `?` placeholders, rows as plain objects. */
    async query<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T[]> {
      const { rows } = await leadwell.store.executeQuery<T>(CompiledQuery.raw(portable(text, engine), params));
      return [...rows];
    },
    /** Everything a person was shown (ephemerals, DMs, Home, open modal) as one string, for "never shows" checks. */
    seenBy(userId: string): string {
      return JSON.stringify([emulator.ephemerals(userId), emulator.dms(userId), emulator.home(userId) ?? null, emulator.viewStack(userId)]);
    },
    lastEphemeral(userId: string) {
      const all = emulator.ephemerals(userId);
      return all[all.length - 1];
    },
    async stop() {
      await leadwell.stop();
      await pg?.close();
      const leaked = config.logLevel === 'trace' ? leaks(logs, privateStrings(emulator)) : [];
      await emulator.close();
      fs.rmSync(dir, { recursive: true, force: true });
      if (leaked.length > 0) throw new Error(`private text in the trace log: ${leaked.slice(0, 5).map((l) => JSON.stringify(l.slice(0, 60))).join(', ')}`);
    },
  };
}

export type GoalsApp = Awaited<ReturnType<typeof startGoalsApp>>;

/** Block and action ids of the goal modal, for fillView. */
export const GOAL_FORM = {
  title: ['goal_title', 'title'],
  why: ['goal_why', 'why'],
  measure: ['goal_measure', 'measure'],
  due: ['goal_due', 'due_on'],
  kind: ['goal_kind', 'kind'],
  visibility: ['goal_visibility', 'visibility'],
} as const;

export function goalForm(values: Partial<Record<keyof typeof GOAL_FORM, string>>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [k, v] of Object.entries(values)) {
    const [block, action] = GOAL_FORM[k as keyof typeof GOAL_FORM];
    out[block] = { [action]: v as string };
  }
  return out;
}

export function checkInForm(values: { status?: string; progress?: string; note?: string }): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  if (values.status !== undefined) out.check_in_status = { status: values.status };
  if (values.progress !== undefined) out.check_in_progress = { progress: values.progress };
  if (values.note !== undefined) out.check_in_note = { note: values.note };
  return out;
}
