/**
 * Leadwell alone in a child process, for the benches that report the app's memory: the seeding, the load
 * generator and the bare Bolt yardstick stay in the parent, so the child's resident memory is the app's own
 * (what an operator's container holds). The child answers `memory` with a breakdown (V8 heap, external buffers,
 * SQLite's page cache settings, and the kernel's split of resident pages) and `snapshot` with a heap snapshot.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { readDockerfile } from '../docker/dockerfile-spec';
import { ask, reply, startCpuProfile, startHeapSampling } from './child-tools';

export interface AppMemory {
  rss_mb: number;
  heap_used_mb: number;
  heap_total_mb: number;
  /** Memory of C++ objects bound to JS (Buffers, better-sqlite3's statements' bindings), array buffers included. */
  external_mb: number;
  array_buffers_mb: number;
  /** Anonymous pages (V8 heap, malloc: SQLite's page cache, the driver), file-backed pages (node's own code, shared libraries), shared memory (SQLite's WAL index). */
  rss_anon_mb: number;
  rss_file_mb: number;
  rss_shmem_mb: number;
  /** SQLite's page cache: at most this many KiB per connection (SQLite's default is 2,000 KiB). */
  sqlite_cache_kib: number;
  sqlite_mmap_bytes: number;
  /** V8's heap by space: size (what the process holds) and used (live plus not yet collected), MB. */
  v8_spaces: Record<string, { size_mb: number; used_mb: number }>;
  /** V8's heap limit and the memory limit Node saw (a container's, or 0 when none): what V8 sized its heap from. */
  heap_limit_mb: number;
  constrained_memory_mb: number;
  /** The runtime settings the app ran under (the image's by default). */
  node_options: string;
  malloc_arena_max: string;
}

export interface AppChild {
  port: number;
  memory(): Promise<AppMemory>;
  /** The child's CPU time so far (process.cpuUsage(), µs): read around a phase for the app's own CPU per request. */
  cpu(): Promise<NodeJS.CpuUsage>;
  /** Writes a V8 heap snapshot of the child to `file` (garbage collected first) and resolves with its path. */
  heapSnapshot(file: string): Promise<string>;
  /**
   * V8's CPU profiler in the child from now until `stop` writes the .cpuprofile: a measured phase only, no start-up.
   * `samplingInterval` in µs (V8's 1,000 when left out).
   */
  cpuProfile(samplingInterval?: number): Promise<{ stop(file: string): Promise<string> }>;
  stop(): Promise<void>;
}

export interface AppChildOptions {
  databasePath: string;
  /** PostgreSQL instead of the file: the app's DATABASE_URL (the SQLite-only memory figures then read 0). */
  databaseUrl?: string;
  port: number;
  apiUrl: string;
  signingSecret: string;
  dataKey: string;
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
/** No limit reads as 0 (Node answers 0, or 2^64 - 1 rounded, when the cgroup has none). */
const limitMb = (bytes: number) => (bytes > 0 && bytes < 2 ** 60 ? mb(bytes) : 0);

function kernelSplit(): Pick<AppMemory, 'rss_anon_mb' | 'rss_file_mb' | 'rss_shmem_mb'> {
  const status = fs.existsSync('/proc/self/status') ? fs.readFileSync('/proc/self/status', 'utf8') : '';
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss_anon_mb: mb(kib('RssAnon') * 1024), rss_file_mb: mb(kib('RssFile') * 1024), rss_shmem_mb: mb(kib('RssShmem') * 1024) };
}

async function serve(options: AppChildOptions): Promise<void> {
  const { loadConfig } = await import('../../src/config');
  const { createLogger } = await import('../../src/logger');
  const { startLeadwell } = await import('../../src/main');
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: options.signingSecret, LEADWELL_SECRET: 'test-leadwell-secret-0123456789abcdef',
    LEADWELL_DATA_KEY: options.dataKey, PORT: String(options.port), SLACK_API_URL: options.apiUrl, DATABASE_PATH: options.databasePath, LOG_LEVEL: 'error',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  const app = await startLeadwell({ config, logger: createLogger({ level: 'error' }), schedulerEnabled: false });
  // BENCH_ALLOC_PROFILE=<file>: every allocation from start-up to the memory reading, garbage included.
  const allocations = process.env.BENCH_ALLOC_PROFILE ? await startHeapSampling('all', 32_768) : undefined;
  process.on('message', (m: { kind: string; file?: string; samplingInterval?: number }) => {
    if (m.kind === 'memory') {
      if (allocations) void allocations.stop(process.env.BENCH_ALLOC_PROFILE as string);
      const u = process.memoryUsage();
      const cache = (app.db?.pragma('cache_size', { simple: true }) ?? 0) as number;
      const pageSize = (app.db?.pragma('page_size', { simple: true }) ?? 0) as number;
      const memory: AppMemory = {
        rss_mb: mb(u.rss), heap_used_mb: mb(u.heapUsed), heap_total_mb: mb(u.heapTotal), external_mb: mb(u.external), array_buffers_mb: mb(u.arrayBuffers),
        ...kernelSplit(),
        sqlite_cache_kib: cache < 0 ? -cache : (cache * pageSize) / 1024,
        sqlite_mmap_bytes: (app.db?.pragma('mmap_size', { simple: true }) ?? 0) as number,
        heap_limit_mb: mb(v8.getHeapStatistics().heap_size_limit),
        constrained_memory_mb: limitMb(process.constrainedMemory()),
        node_options: [process.env.NODE_OPTIONS ?? '', ...process.execArgv.filter((a) => a.startsWith('--max') || a.startsWith('--initial'))].join(' ').trim(),
        malloc_arena_max: process.env.MALLOC_ARENA_MAX ?? '',
        v8_spaces: Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, { size_mb: mb(s.space_size), used_mb: mb(s.space_used_size) }])),
      };
      process.send?.({ memory });
    }
    if (m.kind === 'cpu') process.send?.({ cpu: process.cpuUsage() });
    if (m.kind === 'snapshot') process.send?.({ snapshot: v8.writeHeapSnapshot(m.file) });
    if (m.kind === 'profile-start') void startCpuProfile(m.samplingInterval).then((p) => { cpuProfile = p; process.send?.({ profiling: true }); });
    if (m.kind === 'profile-stop') void cpuProfile?.stop(m.file as string).then(() => process.send?.({ profiled: m.file }));
    if (m.kind === 'stop') void app.stop().then(() => process.exit(0));
  });
  process.once('disconnect', () => process.exit(0)); // the bench died: do not linger holding the port
  process.send?.({ ready: true });
}

/** The child's CPU profile while the parent measures (profile-start, then profile-stop writes it). */
let cpuProfile: Awaited<ReturnType<typeof startCpuProfile>> | undefined;

/** The image's memory settings (the Dockerfile's runtime ENV), so the bench measures the app as it ships. */
function shippedMemoryEnv(): Record<string, string> {
  const runtime = readDockerfile().stages.at(-1);
  const env: Record<string, string> = {};
  for (const { args } of runtime?.instructions.filter((i) => i.op === 'ENV') ?? []) {
    for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) if (key === 'NODE_OPTIONS' || key === 'MALLOC_ARENA_MAX') env[key] = value as string;
  }
  return env;
}

/** Starts the app in a child (run with tsx, like the bench) and resolves once it listens. */
export async function startAppChild(options: AppChildOptions): Promise<AppChild> {
  // BENCH_APP_BUILT=1: the compiled app as `npm start` runs it, without tsx (build first: npx tsc -p tsconfig.json).
  const entry = process.env.BENCH_APP_BUILT ? [path.join(__dirname, '../../dist/test/bench/app-child.js')] : ['--import', 'tsx', __filename];
  // BENCH_APP_NODE_FLAGS: Node/V8 flags for the app instead of the image's memory settings ("" for Node's defaults).
  const flags = process.env.BENCH_APP_NODE_FLAGS;
  const env = { ...process.env, ...(flags === undefined ? shippedMemoryEnv() : { NODE_OPTIONS: '', MALLOC_ARENA_MAX: '' }) };
  const args = [...(flags ?? '').split(' ').filter(Boolean), ...entry, 'serve', JSON.stringify(options)];
  // BENCH_APP_CGROUP=<a cgroup directory with a memory limit you made>: the app starts inside it, so Node sizes its
  // heap to the limit as it does in a container (on this 24 GB machine it sizes it to the machine).
  const cgroup = process.env.BENCH_APP_CGROUP;
  const child = cgroup
    ? spawn('/bin/sh', ['-c', 'echo $$ > "$0/cgroup.procs" && exec "$@"', cgroup, process.execPath, ...args], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    : spawn(process.execPath, args, { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await Promise.race([reply(child, 'ready'), exited.then((code) => Promise.reject(new Error(`app child exited with ${code} before it listened`)))]);
  return {
    port: options.port,
    memory: () => ask<AppMemory>(child, { kind: 'memory' }, 'memory'),
    cpu: () => ask<NodeJS.CpuUsage>(child, { kind: 'cpu' }, 'cpu'),
    heapSnapshot: (file) => ask<string>(child, { kind: 'snapshot', file }, 'snapshot'),
    async cpuProfile(samplingInterval) {
      await ask<boolean>(child, { kind: 'profile-start', samplingInterval }, 'profiling');
      return { stop: (file: string) => ask<string>(child, { kind: 'profile-stop', file }, 'profiled') };
    },
    async stop() {
      child.send({ kind: 'stop' });
      await exited;
    },
  };
}

if (require.main === module && process.argv[2] === 'serve') {
  serve(JSON.parse(process.argv[3] as string) as AppChildOptions).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
