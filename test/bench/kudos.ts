/**
 * Bench case: kudos per second, end to end, in two phases. Each kudos is a signed `/kudos @a … #value` sent by the
 * emulator's driver through Leadwell's real HTTP receiver; it counts when the giver's private answer arrives at the
 * response_url. Closed loop: each worker owns its givers (so the daily cap never bites) and waits for one kudos
 * before the next. The app runs in a child process (kudos-child.ts), so its CPU per kudos is its own.
 *
 * - `unthrottled`: Slack answers every call (the emulator's tiers off, the workspace post rate at its maximum):
 *   stored, posted in #kudos and DMed before the answer. What the app itself can do per second.
 * - `at_tier`: the emulator enforces Slack's tiers and the app keeps its default post rate. chat.postMessage is
 *   about one a second per channel, so #kudos can take ~1 kudos/s whatever the app does: here a kudos counts when it
 *   is accepted and durably queued (its row and outbox messages committed, the giver told), and the posts that
 *   went out meanwhile are reported against the tier. 300/s means 300 accepted per second, never 300 posts.
 * Afterwards: rows, outbox messages (exactly the planned ones, once each), posts and the emulator's violations.
 * PROFILE_DIR=<dir> profiles the app's CPU while each phase is measured and prints its heaviest functions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startEmulator, type Emulator } from '../../tools/emulator';
import { answerFeed, seedPeople, worker } from './kudos-load';
import { freePort } from '../helpers/free-port';
import { startKudosChild, type KudosChild } from './kudos-child';
import { summariseProfile } from './profile-summary';

const SECRET = 'benchsigningsecret0123456789ab';
const TOKEN = 'xoxb-bench-kudos';
const USERS = 200;
const WORKERS = Number(process.env.BENCH_KUDOS_WORKERS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** The config's default workspace rate for chat.postMessage (NUDGE_RATE_PER_MINUTE). */
const DEFAULT_POSTS_PER_MINUTE = 60;

export interface KudosPhase {
  phase: 'unthrottled' | 'at_tier';
  workers: number;
  seconds: number;
  /** Answered kudos (given, or accepted and queued at the tier) per second. */
  kudosPerSecond: number;
  e2e_p50_ms: number;
  e2e_p99_ms: number;
  /** The app's CPU time (user + system) per answered kudos: steady whatever the machine's load. */
  app_cpu_ms_per_kudos: number;
  stored: number;
  /** Outbox messages planned for those kudos (a channel post and a DM each), and duplicates among them (must be 0). */
  queued_messages: number;
  duplicate_messages: number;
  /** chat.postMessage calls Slack accepted while the phase ran, per second, and the tier the app kept to. */
  posts_per_second: number;
  posts_tier_per_second: number;
  /** Answers Slack's rate limit refused (429): the app's gate keeps this at 0. */
  rate_limited_calls: number;
  failures: number;
  emulator_violations: number;
  /** What failed the checks, in words (empty when ok). */
  problems: string[];
  ok: boolean;
}

export interface KudosBench extends KudosPhase {
  name: string;
  at_tier: KudosPhase;
}

const round = (n: number) => Math.round(n * 100) / 100;
function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number);
}

const postCalls = (emulator: Emulator, ok: boolean) => emulator.calls.filter((c) => c.method === 'chat.postMessage' && c.ok === ok).length;

function outboxFigures(file: string, sinceKudosId: number): { stored: number; queued: number; duplicates: number } {
  const db = new Database(file, { readonly: true });
  try {
    const stored = (db.prepare('SELECT COUNT(*) AS n FROM kudos WHERE id > ?').get(sinceKudosId) as { n: number }).n;
    const queued = (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE kind IN ('kudos.post', 'kudos.recipient') AND CAST(substr(group_key, 7) AS INTEGER) > ?`).get(sinceKudosId) as { n: number }).n;
    // Each (kind, recipient) once per kudos: a second row would be a second post.
    const duplicates = (db.prepare(`SELECT COUNT(*) - COUNT(DISTINCT group_key || kind || recipient) AS n FROM outbox WHERE kind IN ('kudos.post', 'kudos.recipient')`).get() as { n: number }).n;
    return { stored, queued, duplicates };
  } finally {
    db.close();
  }
}

const lastKudosId = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM kudos').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

async function phase(which: KudosPhase['phase'], o: { seconds: number; workers: number; profileFile?: string }): Promise<KudosPhase> {
  const atTier = which === 'at_tier';
  const emulator = await startEmulator({ signingSecret: SECRET, botToken: TOKEN, rateLimits: atTier });
  const people = Array.from({ length: USERS }, (_, i) => emulator.addUser({ name: `person${i}`, realName: `Person ${i}`, tz: i % 2 ? 'Europe/Paris' : 'Asia/Tokyo' }));
  const channel = emulator.addChannel({ name: 'kudos', botMember: false });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-bench-kudos-'));
  const file = path.join(dir, 'bench.db');
  const port = await freePort();
  const postsPerMinute = atTier ? DEFAULT_POSTS_PER_MINUTE : 10_000;
  let app: KudosChild | undefined;
  const feed = answerFeed(emulator);
  try {
    seedPeople(file, emulator.state.team.id, people);
    app = await startKudosChild({
      SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, LEADWELL_SECRET: 'test-leadwell-secret-0123456789abcdef', PORT: String(port), SLACK_API_URL: emulator.url,
      DATABASE_PATH: file, KUDOS_CHANNEL: '#kudos', KUDOS_DAILY_CAP: '100', LOG_LEVEL: 'error', NUDGE_RATE_PER_MINUTE: String(postsPerMinute),
    });
    const driver = emulator.driver({ kind: 'http', url: `http://127.0.0.1:${port}/slack/events` });
    const users = { names: people.map((u) => u.name), ids: people.map((u) => u.id) };
    // Warm-up: JIT, prepared statements, the channel join and every profile fetched once (unthrottled only: at the
    // tier the warm-up's posts would spend the minute's budget the measured phase is judged against).
    if (!atTier) await Promise.all(Array.from({ length: o.workers }, (_, w) => worker(feed, driver, users, w, o.workers, Date.now() + 1000)));
    const sinceId = lastKudosId(file);
    const [postsBefore, refusedBefore, cpuBefore] = [postCalls(emulator, true), postCalls(emulator, false), await app.cpuUs()];
    if (o.profileFile) await app.profile();
    if (process.env.KUDOS_SQL_TRACE) await app.statements();
    const t0 = performance.now();
    const runs = await Promise.all(Array.from({ length: o.workers }, (_, w) => worker(feed, driver, users, w + o.workers, o.workers, Date.now() + o.seconds * 1000)));
    const elapsed = (performance.now() - t0) / 1000;
    const cpuUs = (await app.cpuUs()) - cpuBefore;
    if (o.profileFile) await app.profile(o.profileFile);
    const traced = process.env.KUDOS_SQL_TRACE ? await app.statements() : undefined;
    const posts = postCalls(emulator, true) - postsBefore;
    const refused = postCalls(emulator, false) - refusedBefore;
    const times = runs.flatMap((r) => r.times);
    const failures = runs.reduce((s, r) => s + r.failures, 0);
    if (traced) printStatements(which, traced, times.length);
    // Unthrottled, the channel posts left before the answers; dispatcher passes pick up any stragglers. A run faster
    // than the config's maximum rate (10,000 posts a minute with ten seconds of burst: ~2,700 posts in the six seconds
    // with the warm-up, two a kudos, so ~220 kudos a second) queues the rest at that rate, due a few seconds later: the
    // passes wait for them.
    const until = Date.now() + 15_000;
    while (!atTier && emulator.messages(channel.id).length < times.length && Date.now() < until) {
      await app.drain();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const { stored, queued, duplicates } = outboxFigures(file, sinceId);
    const violations = emulator.violations().length;
    const posted = atTier ? posts : emulator.messages(channel.id).length;
    const tierBudget = (postsPerMinute / 60) * elapsed + postsPerMinute / 6 + 1; // the rate plus the gate's burst
    const problems = [
      failures > 0 && `${failures} kudos unanswered or refused`, violations > 0 && `${violations} emulator violations`,
      duplicates > 0 && `${duplicates} duplicate outbox messages`, stored !== times.length && `${stored} stored for ${times.length} answered`,
      queued !== 2 * stored && `${queued} messages queued for ${stored} kudos`, refused > 0 && `${refused} posts refused by Slack's rate limit`,
      atTier ? posts > tierBudget && `${posts} posts over the tier's ${Math.floor(tierBudget)}` : posted < stored && `${posted} posted of ${stored}`,
    ].filter((p): p is string => typeof p === 'string');
    return {
      phase: which, workers: o.workers, seconds: round(elapsed), kudosPerSecond: round(times.length / elapsed),
      e2e_p50_ms: percentile(times, 50), e2e_p99_ms: percentile(times, 99), app_cpu_ms_per_kudos: round(cpuUs / 1000 / Math.max(times.length, 1)),
      stored, queued_messages: queued, duplicate_messages: duplicates, posts_per_second: round(posts / elapsed), posts_tier_per_second: round(postsPerMinute / 60),
      rate_limited_calls: refused, failures, emulator_violations: violations, problems, ok: problems.length === 0,
    };
  } finally {
    feed.stop();
    await app?.stop();
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function printStatements(which: string, rows: Array<{ sql: string; n: number; ms: number }>, kudos: number): void {
  const per = (x: number) => (x / Math.max(kudos, 1)).toFixed(2);
  const total = rows.reduce((s, r) => s + r.n, 0);
  console.log(`${which}: ${per(total)} statements per kudos, ${per(rows.reduce((s, r) => s + r.ms, 0))} ms of SQLite per kudos`);
  for (const r of rows.sort((a, b) => b.ms - a.ms).slice(0, 40)) console.log(`  ${per(r.n).padStart(6)}/kudos ${(r.ms / Math.max(r.n, 1) * 1000).toFixed(0).padStart(6)} µs  ${r.sql.replace(/\s+/g, ' ').slice(0, 150)}`);
}

export async function benchKudos(options: { seconds?: number; workers?: number } = {}): Promise<KudosBench> {
  const o = { seconds: options.seconds ?? SECONDS, workers: options.workers ?? WORKERS };
  const dir = process.env.PROFILE_DIR;
  const file = (name: string) => (dir ? path.join(dir, `kudos-${name}-${Date.now()}.cpuprofile`) : undefined);
  const unthrottled = await phase('unthrottled', { ...o, profileFile: file('unthrottled') });
  const atTier = await phase('at_tier', { ...o, profileFile: file('at-tier') });
  if (dir) {
    for (const f of fs.readdirSync(dir).filter((n) => n.startsWith('kudos-')).sort().slice(-2)) {
      console.log(`profile: ${path.join(dir, f)}\n${summariseProfile(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), 30)}`);
    }
  }
  return { name: 'kudos', ...unthrottled, at_tier: atTier, ok: unthrottled.ok && atTier.ok };
}

if (require.main === module) {
  benchKudos()
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
