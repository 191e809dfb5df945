/**
 * `npx tsx test/bench/profile-ack.ts [leadwell|bare|bare-help] [seconds] [connections]`: the ack case (bare-help: bare Bolt acking with Leadwell's help message) with the app in a
 * child process run under `node --cpu-prof`, and the load from this one, so the profile holds only the app's
 * work (in `npm run bench` the load generator shares the app's thread). Prints the app's CPU time per request
 * (user + system, measured around the run: far steadier than throughput on a loaded machine), writes the profile
 * to PROFILE_DIR (default: the OS temp folder) and prints the heaviest functions by self and inclusive time;
 * open the .cpuprofile in Chrome DevTools or speedscope for a flame graph. NO_PROFILE=1 measures without the
 * profiler's own overhead. SURVIVOR_PROFILE=<file> also samples what outlived a young-generation collection during
 * the run (what each scavenge had to copy) and prints where it was allocated.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { slashCommandBody } from '../helpers/signing';
import { signedLoad } from './load';
import { startHeapSampling } from './child-tools';
import { summariseHeapProfile, summariseProfile } from './profile-summary';

const SECRET = 'benchsigningsecret0123456789ab';

async function serve(which: string): Promise<void> {
  const { startAckTarget } = await import('./ack-target');
  const target = await startAckTarget(which === 'bare' || which === 'bare-help' ? which : 'leadwell', SECRET);
  const survivors = process.env.SURVIVOR_PROFILE ? await startHeapSampling('survivors', 4096) : undefined;
  process.send?.({ port: target.port, user: target.userId, sink: target.sinkUrl });
  process.on('message', (m) => {
    if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
    if (m === 'survivors') void survivors?.stop(process.env.SURVIVOR_PROFILE as string).then(() => process.send?.({ survivors: true }));
    if (m === 'stop') void target.stop().then(() => process.exit(0));
  });
}

async function drive(which: string, seconds: number, connections: number): Promise<void> {
  const dir = process.env.PROFILE_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-profile-'));
  const profiling = !process.env.NO_PROFILE;
  const child = spawn(process.execPath, [...(profiling ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []), '--import', 'tsx', __filename, 'serve', which], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ port: number; user: string; sink: string }>((resolve) => child.once('message', (m) => resolve(m as never)));
  let sent = 0;
  const body = () => slashCommandBody({ user_id: ready.user, command: '/oneonone', text: 'help', response_url: ready.sink, trigger_id: `${(sent += 1)}.2.profile` });
  const url = `http://127.0.0.1:${ready.port}/slack/events`;
  const cpu = () => {
    child.send('cpu');
    return new Promise<NodeJS.CpuUsage>((resolve) => child.once('message', (m) => resolve((m as { cpu: NodeJS.CpuUsage }).cpu)));
  };
  await signedLoad({ url, secret: SECRET, body, connections, durationSeconds: 2 });
  const before = await cpu();
  const figures = await signedLoad({ url, secret: SECRET, body, connections, durationSeconds: seconds });
  const after = await cpu();
  if (process.env.SURVIVOR_PROFILE) {
    child.send('survivors');
    await new Promise((resolve) => child.once('message', resolve));
    console.log(summariseHeapProfile(JSON.parse(fs.readFileSync(process.env.SURVIVOR_PROFILE, 'utf8')), 25));
  }
  const cpuUs = after.user - before.user + after.system - before.system;
  console.log(`${which}: ${JSON.stringify(figures)}; app CPU ${(cpuUs / Math.max(figures.total, 1)).toFixed(1)} µs per request`);
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
  if (!profiling) return;
  const file = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  if (!file) throw new Error('no profile written');
  console.log(`profile: ${file}`);
  console.log(summariseProfile(JSON.parse(fs.readFileSync(file, 'utf8')), 25));
}

const [mode, arg1, arg2, arg3] = process.argv.slice(2);
const run = mode === 'serve' ? serve(arg1 ?? 'leadwell') : drive(mode ?? 'leadwell', Number(arg1 ?? 10), Number(arg2 ?? arg3 ?? 10));
run.catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
