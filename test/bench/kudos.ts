/**
 * Bench case: kudos given per second, end to end. Each kudos is a signed `/kudos @a … #value` sent by the
 * emulator's driver through Leadwell's real HTTP receiver; it counts as given when the giver's private
 * confirmation arrives at the response_url, after the kudos was stored, posted in #kudos and DMed.
 * Closed loop: each worker owns its givers (so the daily cap never bites) and waits for one kudos before
 * the next. Afterwards the rows, the channel posts and the emulator's API violations are checked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../tools/emulator';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startLeadwell } from '../../src/main';
import { freePort } from '../helpers/free-port';

const SECRET = 'benchsigningsecret0123456789ab';
const TOKEN = 'xoxb-bench-kudos';
const USERS = 200;
const WORKERS = Number(process.env.BENCH_KUDOS_WORKERS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const VALUES = ['#customer-first', '#ownership', '#craft', '#teamwork', '#candour'];

export interface KudosBench {
  name: string;
  workers: number;
  seconds: number;
  kudos: number;
  kudosPerSecond: number;
  e2e_p50_ms: number;
  e2e_p99_ms: number;
  stored: number;
  posted: number;
  failures: number;
  emulator_violations: number;
  ok: boolean;
}

const round = (n: number) => Math.round(n * 100) / 100;
function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number);
}

/** One worker: its own givers, each kudos to the next person in the list, a fresh message every time. */
async function worker(emulator: Emulator, driver: ReturnType<Emulator['driver']>, names: string[], ids: string[], w: number, until: number) {
  const times: number[] = [];
  let failures = 0;
  for (let n = 0; Date.now() < until; n += 1) {
    const g = (w + n * WORKERS) % ids.length;
    const giver = ids[g] as string;
    const to = names[(g + 1 + (n % 7)) % names.length] as string;
    const before = emulator.ephemerals(giver).length;
    const started = performance.now();
    try {
      const res = await driver.command(giver, '/kudos', `@${to} thanks for the careful review number ${w}-${n} ✨ ${VALUES[n % VALUES.length]}`);
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      const reply = await emulator.waitFor(() => (emulator.ephemerals(giver).length > before ? emulator.ephemerals(giver).at(-1) : undefined), {
        timeoutMs: 10_000,
      });
      if (!reply.text.startsWith('Kudos sent to')) throw new Error(reply.text);
      times.push(performance.now() - started);
    } catch {
      failures += 1;
    }
  }
  return { times, failures };
}

export async function benchKudos(options: { seconds?: number; workers?: number } = {}): Promise<KudosBench> {
  const seconds = options.seconds ?? SECONDS;
  const workers = options.workers ?? WORKERS;
  const emulator = await startEmulator({ signingSecret: SECRET, botToken: TOKEN });
  const users = Array.from({ length: USERS }, (_, i) => emulator.addUser({ name: `person${i}`, realName: `Person ${i}`, tz: i % 2 ? 'Europe/Paris' : 'Asia/Tokyo' }));
  const channel = emulator.addChannel({ name: 'kudos', botMember: false });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-bench-kudos-'));
  const port = await freePort();
  const config = loadConfig({
    SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, LEADWELL_SECRET: 'test-leadwell-secret-0123456789abcdef', PORT: String(port), SLACK_API_URL: emulator.url,
    DATABASE_PATH: path.join(dir, 'bench.db'), KUDOS_CHANNEL: '#kudos', KUDOS_DAILY_CAP: '100', LOG_LEVEL: 'error',
    // Posts go through the outbox at the workspace rate; lift it so the bench measures Leadwell, not the gate.
    NUDGE_RATE_PER_MINUTE: '10000',
  });
  const leadwell = await startLeadwell({ config, logger: createLogger({ level: 'error' }), schedulerEnabled: false });
  const driver = emulator.driver({ kind: 'http', url: `http://127.0.0.1:${port}/slack/events` });
  const names = users.map((u) => u.name);
  const ids = users.map((u) => u.id);
  try {
    // Warm-up: JIT, prepared statements, the channel join and every profile fetched once.
    await Promise.all(Array.from({ length: workers }, (_, w) => worker(emulator, driver, names, ids, w, Date.now() + 1000)));
    const before = (leadwell.db!.prepare('SELECT COUNT(*) AS n FROM kudos').get() as { n: number }).n;
    const postsBefore = emulator.messages(channel.id).length;
    const t0 = performance.now();
    const runs = await Promise.all(Array.from({ length: workers }, (_, w) => worker(emulator, driver, names, ids, w + workers, Date.now() + seconds * 1000)));
    const elapsed = (performance.now() - t0) / 1000;
    const times = runs.flatMap((r) => r.times);
    const failures = runs.reduce((s, r) => s + r.failures, 0);
    const stored = (leadwell.db!.prepare('SELECT COUNT(*) AS n FROM kudos').get() as { n: number }).n - before;
    // The channel posts leave through the outbox after the giver's answer: let the dispatcher drain it.
    for (let i = 0; i < 20 && emulator.messages(channel.id).length - postsBefore < stored; i += 1) await leadwell.scheduler.runNow('outbox-dispatcher');
    const posted = emulator.messages(channel.id).length - postsBefore;
    const violations = emulator.violations().length;
    return {
      name: 'kudos',
      workers,
      seconds: round(elapsed),
      kudos: times.length,
      kudosPerSecond: round(times.length / elapsed),
      e2e_p50_ms: percentile(times, 50),
      e2e_p99_ms: percentile(times, 99),
      stored,
      posted,
      failures,
      emulator_violations: violations,
      ok: failures === 0 && violations === 0 && stored === times.length && posted === stored,
    };
  } finally {
    await leadwell.stop();
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchKudos()
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
