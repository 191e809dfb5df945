/**
 * `npx tsx test/bench/profile-slow-acks.ts [seconds] [rate]`: what the slowest acks of the prep-card bench waited
 * behind. The bench's `prep` case, ack phase only: the app in its child on the bench's org (10,000 people, 200,000
 * 1:1s), `/oneonone @person` at `rate` a second (100) in an open loop from a worker thread, each ack followed by its
 * card, for `seconds` (16). The app's CPU is sampled every 100 µs meanwhile. Each ack is sent at a time on the
 * machine's monotonic clock, the clock V8's profile samples carry, so every ack's window (sent → answered) is
 * lined up with what the app's thread ran in it. The slowest 1 % are set against the middle of the distribution
 * (the 40th to 60th percentile): how much of their window the thread was busy, collecting garbage, or idle, and in
 * which of our functions (the deepest frame from src/ on the stack; a package's or Node's frame when none is).
 *
 * PROFILE_DIR=<folder> keeps the .cpuprofile (Chrome DevTools → Performance → Load).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/storage/database';
import { TEST_DATA_KEY } from '../helpers/data-key';
import { freePort } from '../helpers/free-port';
import { startAppChild } from './app-child';
import { seedOrg } from './prep-cards-seed';
import { SECRET, ackTimeline, commandBody, percentile, startSlackSide, throughput, type TimedAck } from './prep-cards';
import { origin, type CpuProfile, type ProfileNode } from './profile-summary';
import { exitWhenDone } from './exit-when-done';


/** One stretch of the app's thread: from one sample to the next, and what was on top of the stack. */
interface Stretch { from: number; to: number; what: string; gc: boolean; idle: boolean; receiver: boolean }

const own = (url: string) => /\/src\/(.+?)\.[jt]s$/.exec(url)?.[1];

/** The profile as stretches of time, each named by the deepest own frame on its stack. */
export function stretches(profile: CpuProfile): Stretch[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n);
  const named = new Map<number, { what: string; receiver: boolean }>();
  const name = (id: number) => {
    const cached = named.get(id);
    if (cached) return cached;
    const leaf = byId.get(id)!;
    let what: string | undefined;
    let receiver = false;
    for (let n: ProfileNode | undefined = leaf; n; n = parentOf.get(n.id)) {
      const mine = own(n.callFrame.url);
      if (mine && what === undefined) what = `${n.callFrame.functionName || '(anonymous)'} src/${mine}`;
      if (/bolt\/dist\/receivers/.test(n.callFrame.url) || /src\/slack\/(guard|receiver)/.test(n.callFrame.url)) receiver = true;
    }
    const result = { what: what ?? `${leaf.callFrame.functionName || '(anonymous)'} ${origin(leaf.callFrame.url)}`, receiver };
    named.set(id, result);
    return result;
  };
  const out: Stretch[] = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    t += profile.timeDeltas[i]!;
    const next = i + 1 < profile.samples.length ? t + profile.timeDeltas[i + 1]! : profile.endTime;
    const leaf = byId.get(profile.samples[i]!)!;
    const fn = leaf.callFrame.functionName;
    out.push({ from: t, to: next, ...name(leaf.id), gc: fn === '(garbage collector)', idle: fn === '(idle)' });
  }
  return out;
}

export interface Window { acks: number; ms: number; busyMs: number; gcMs: number; withGc: number; withReceiver: number; by: Map<string, number> }

/** What the thread ran inside the given acks' windows, summed. */
export function inWindows(acks: TimedAck[], all: Stretch[]): Window {
  const w: Window = { acks: acks.length, ms: 0, busyMs: 0, gcMs: 0, withGc: 0, withReceiver: 0, by: new Map() };
  for (const a of acks) {
    const [from, to] = [a.sentUs, a.sentUs + a.ms * 1000];
    w.ms += a.ms;
    let gc = false;
    let receiver = false;
    // Stretches are in time order: a binary search for the first that ends after the window opens.
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid]!.to <= from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < all.length && all[i]!.from < to; i += 1) {
      const s = all[i]!;
      const ms = (Math.min(s.to, to) - Math.max(s.from, from)) / 1000;
      if (ms <= 0 || s.idle) continue;
      w.busyMs += ms;
      if (s.gc) {
        w.gcMs += ms;
        gc = true;
      }
      if (s.receiver) receiver = true;
      const key = s.gc ? '(garbage collector)' : s.what;
      w.by.set(key, (w.by.get(key) ?? 0) + ms);
    }
    if (gc) w.withGc += 1;
    if (receiver) w.withReceiver += 1;
  }
  return w;
}

function print(label: string, w: Window, top = 14): void {
  const per = (x: number) => (x / Math.max(w.acks, 1)).toFixed(2);
  console.log(`\n${label}: ${w.acks} acks, ${per(w.ms)} ms each; the app's thread busy ${per(w.busyMs)} ms of it (${((100 * w.busyMs) / Math.max(w.ms, 1e-9)).toFixed(0)} %), garbage collection ${per(w.gcMs)} ms; ${w.withGc} of ${w.acks} windows hold a collection; ${w.withReceiver} of ${w.acks} hold the receiver's frames (the clocks line up when this is near all)`);
  for (const [what, ms] of [...w.by].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${per(ms).padStart(6)} ms  ${((100 * ms) / Math.max(w.busyMs, 1e-9)).toFixed(1).padStart(5)} %  ${what}`);
}

/**
 * The app's thread's busy stretches: samples with no idle one between them. Not one task each: a yield to the
 * event loop (setImmediate) leaves no idle sample, so an ack can run inside a stretch. A long one named by what ran
 * most in it is still where to look; the checkpoint's tail copy, which does not yield, shows as its own.
 */
function printLongTasks(all: Stretch[], seconds: number, overMs = 2): void {
  const tasks: Array<{ ms: number; by: Map<string, number> }> = [];
  let current: { ms: number; by: Map<string, number> } | undefined;
  for (const s of all) {
    if (s.idle) {
      if (current) tasks.push(current);
      current = undefined;
      continue;
    }
    current ??= { ms: 0, by: new Map() };
    const ms = (s.to - s.from) / 1000;
    current.ms += ms;
    const key = s.gc ? '(garbage collector)' : s.what;
    current.by.set(key, (current.by.get(key) ?? 0) + ms);
  }
  if (current) tasks.push(current);
  const long = tasks.filter((t) => t.ms > overMs);
  const byName = new Map<string, { count: number; ms: number }>();
  for (const t of long) {
    const name = [...t.by].sort((a, b) => b[1] - a[1])[0]![0];
    const seen = byName.get(name) ?? { count: 0, ms: 0 };
    byName.set(name, { count: seen.count + 1, ms: seen.ms + t.ms });
  }
  const sorted = tasks.map((t) => t.ms).sort((a, b) => a - b);
  const q = (p: number) => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(2);
  console.log(`\nUnbroken busy stretches of the app's thread: ${tasks.length} (p50 ${q(0.5)} ms, p99 ${q(0.99)}, max ${q(1)}); ${long.length} over ${overMs} ms (${(long.length / seconds).toFixed(1)} a second), named by what ran most in them:`);
  for (const [name, v] of [...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, 10)) console.log(`  ${String(v.count).padStart(5)} × ${(v.ms / v.count).toFixed(2).padStart(6)} ms  ${name}`);
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 16);
  const rate = Number(process.argv[3] ?? 100);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-slow-acks-'));
  const dbPath = path.join(dir, 'leadwell.db');
  const seedDb = openDatabase(dbPath);
  const org = seedOrg(seedDb, { people: 10_000, oneOnOnes: 200_000, now: Date.now() });
  seedDb.close();
  const [slackPort, appPort] = [await freePort(), await freePort()];
  const slack = startSlackSide(slackPort);
  await slack.listen();
  const base = `http://127.0.0.1:${slackPort}`;
  const app = await startAppChild({ databasePath: dbPath, port: appPort, apiUrl: `${base}/api/`, signingSecret: SECRET, dataKey: TEST_DATA_KEY });
  try {
    await throughput(appPort, slack, org, base, 2000, 500_000); // JIT, prepared statements, keep-alive
    const count = Math.ceil(rate * seconds) + 10;
    const bodies = Array.from({ length: count }, (_, i) => commandBody(org, 2_000_000 + i, base));
    const profiler = await app.cpuProfile(100);
    const acks = await ackTimeline(appPort, bodies, rate, seconds * 1000);
    await new Promise((r) => setTimeout(r, 300));
    const file = path.join(process.env.PROFILE_DIR ?? dir, `slow-acks-${Date.now()}.cpuprofile`);
    await profiler.stop(file);
    const all = stretches(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile);
    if (acks.length < 100) throw new Error(`only ${acks.length} of ${count - 10} acks answered 200: is the app signing with the bench's secret?`);
    const sorted = [...acks].sort((a, b) => a.ms - b.ms);
    const ms = sorted.map((a) => a.ms);
    console.log(`${acks.length} acks at ${rate}/s for ${seconds} s: p50 ${percentile(ms, 50)} ms, p90 ${percentile(ms, 90)}, p99 ${percentile(ms, 99)}, max ${percentile(ms, 100)}`);
    const slowest = sorted.slice(Math.floor(sorted.length * 0.99));
    const middle = sorted.slice(Math.floor(sorted.length * 0.4), Math.floor(sorted.length * 0.6));
    print('Slowest 1 %', inWindows(slowest, all));
    print('Middle (40th to 60th percentile)', inWindows(middle, all), 8);
    printLongTasks(all, seconds);
    const total = all.reduce((t, s) => t + (s.to - s.from), 0);
    const gc = all.filter((s) => s.gc).reduce((t, s) => t + (s.to - s.from), 0);
    const busy = all.filter((s) => !s.idle).reduce((t, s) => t + (s.to - s.from), 0);
    console.log(`\nThe whole run: the app's thread busy ${((100 * busy) / total).toFixed(1)} % of the time, collecting garbage ${((100 * gc) / total).toFixed(1)} %`);
    if (process.env.PROFILE_DIR) console.log(`profile: ${file}`);
  } finally {
    await app.stop();
    await slack.close();
    if (!process.env.PROFILE_DIR) fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) exitWhenDone(main());
