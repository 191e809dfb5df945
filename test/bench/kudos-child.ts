/**
 * Leadwell alone in a child process for the kudos bench: the emulator and the load stay in the parent, so the
 * child's CPU time is the app's own (steady on a loaded machine, unlike throughput) and its CPU profile holds only
 * the app's work. Configured by the parent through KUDOS_CHILD_ENV (the app's environment, as JSON).
 * Answers over IPC: `cpu` (process.cpuUsage), `profile` (start, or stop and write), `drain` (one outbox dispatcher
 * pass), `stop`.
 */
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startLeadwell } from '../../src/main';
import { ask, startCpuProfile } from './child-tools';

type Message = { kind: 'cpu' } | { kind: 'sql' } | { kind: 'drain' } | { kind: 'profile'; file?: string } | { kind: 'stop' };

/** `--cpu-prof` would include start-up: the profiler runs only while the parent measures (started, then written to `file`). */
function profiler(): (file?: string) => Promise<void> {
  let running: Awaited<ReturnType<typeof startCpuProfile>> | undefined;
  return async (file) => {
    if (!file) running = await startCpuProfile();
    else if (running) {
      await running.stop(file);
      running = undefined;
    }
  };
}

/**
 * KUDOS_SQL_TRACE=1: every SQLite statement the app runs, timed by its text (better-sqlite3's Statement methods
 * wrapped before the app opens its file), so the bench can say which statements a kudos costs.
 */
function traceStatements(): Map<string, { n: number; ms: number }> {
  const table = new Map<string, { n: number; ms: number }>();
  const proto = (Database as unknown as { prototype: { prepare(sql: string): object } }).prototype;
  const prepare = proto.prepare;
  proto.prepare = function (this: unknown, sql: string) {
    const stmt = prepare.call(this, sql) as Record<string, (...a: unknown[]) => unknown>;
    for (const m of ['run', 'get', 'all', 'iterate']) {
      const original = stmt[m] as (...a: unknown[]) => unknown;
      stmt[m] = (...args: unknown[]) => {
        const t = performance.now();
        try {
          return original.apply(stmt, args);
        } finally {
          const row = table.get(sql) ?? { n: 0, ms: 0 };
          row.n += 1;
          row.ms += performance.now() - t;
          table.set(sql, row);
        }
      };
    }
    return stmt;
  };
  return table;
}

async function serve(): Promise<void> {
  const statements = process.env.KUDOS_SQL_TRACE ? traceStatements() : undefined;
  const env = JSON.parse(process.env.KUDOS_CHILD_ENV ?? '{}') as Record<string, string>;
  const app = await startLeadwell({ config: loadConfig(env), logger: createLogger({ level: 'error' }), schedulerEnabled: false });
  const profile = profiler();
  process.on('message', (m: Message) => {
    if (m.kind === 'profile') void profile(m.file).then(() => process.send?.({ profiled: true }));
    if (m.kind === 'sql') {
      process.send?.({ sql: [...(statements ?? new Map<string, { n: number; ms: number }>()).entries()].map(([sql, v]) => ({ sql, ...v })) });
      statements?.clear();
    }
    if (m.kind === 'cpu') process.send?.({ cpu: process.cpuUsage() });
    if (m.kind === 'drain') void app.scheduler.runNow('outbox-dispatcher').then(() => process.send?.({ drained: true }));
    if (m.kind === 'stop') void app.stop().then(() => process.exit(0));
  });
  process.once('disconnect', () => process.exit(0)); // the bench died: do not linger holding the port
  process.send?.({ ready: true });
}

export interface KudosChild {
  /** The app's CPU time so far, µs (user + system). */
  cpuUs(): Promise<number>;
  /** KUDOS_SQL_TRACE only: each statement's count and time since the last call. */
  statements(): Promise<Array<{ sql: string; n: number; ms: number }>>;
  /** Starts the CPU profiler (no file) or stops it and writes the profile to `file`. */
  profile(file?: string): Promise<void>;
  /** One dispatcher pass (what the scheduler's minute tick would run). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the app in a child (run with tsx, like the bench) and resolves once it listens. */
export async function startKudosChild(env: Record<string, string>): Promise<KudosChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, 'serve'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, KUDOS_CHILD_ENV: JSON.stringify(env) },
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the app exited with ${code} before it was ready`)));
    child.once('message', () => resolve());
  });
  child.removeAllListeners('exit');
  return {
    cpuUs: async () => {
      const c = await ask<NodeJS.CpuUsage>(child, { kind: 'cpu' }, 'cpu');
      return c.user + c.system;
    },
    statements: () => ask(child, { kind: 'sql' }, 'sql'),
    profile: async (file) => void (await ask(child, { kind: 'profile', file }, 'profiled')),
    drain: async () => void (await ask(child, { kind: 'drain' }, 'drained')),
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.send({ kind: 'stop' });
    }),
  };
}

if (require.main === module && process.argv[2] === 'serve') {
  serve().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
