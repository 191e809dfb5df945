import cron, { type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Clock } from '../domain/ports';
import type { Job } from './job';

export interface Scheduler {
  stop(): Promise<void>;
  /** Runs a job now with the current time (tests, the playground's clock control), after any run in flight. */
  runNow(name: string): Promise<void>;
}

/** node-cron's own warnings (missed or overlapping runs) go to the JSON log, not coloured text on stdout. */
export function cronLogger(logger: Logger): CronLogger {
  const log = logger.child({ component: 'node-cron' });
  const split = (m: string | Error, err?: Error): [object, string] => (m instanceof Error ? [{ err: m }, m.message] : [err ? { err } : {}, m]);
  return {
    info: (m) => log.info(m),
    warn: (m) => log.warn(m),
    error: (m, err) => log.error(...split(m, err)),
    debug: (m, err) => log.debug(...split(m, err)),
  };
}

/** Wires jobs to node-cron; a run still going when the next tick comes is skipped, not doubled. */
export function startScheduler<D>(options: { jobs: Job<D>[]; deps: D; clock: Clock; logger: Logger; enabled?: boolean; metrics?: Metrics }): Scheduler {
  const running = new Map<string, Promise<void>>();
  const tasks: ScheduledTask[] = [];

  const runJob = async (job: Job<D>): Promise<void> => {
    const current = running.get(job.name);
    if (current) return current;
    const started = Date.now();
    const seconds = () => (Date.now() - started) / 1000;
    const p = job
      .run(options.deps, options.clock.now())
      .then(() => {
        options.metrics?.observeJob(job.name, seconds(), true);
        options.logger.debug({ job: job.name, ms: Date.now() - started }, 'job done');
      })
      .catch((err: unknown) => {
        options.metrics?.observeJob(job.name, seconds(), false);
        options.logger.error({ err, job: job.name }, 'job failed');
      })
      .finally(() => running.delete(job.name));
    running.set(job.name, p);
    return p;
  };

  if (options.enabled !== false) {
    for (const job of options.jobs) {
      const logger = cronLogger(options.logger);
      tasks.push(cron.schedule(job.schedule, () => void runJob(job), { name: job.name, timezone: 'UTC', noOverlap: true, logger }));
    }
  }

  return {
    async stop() {
      for (const t of tasks) await t.stop();
      await Promise.all([...running.values()]);
    },
    async runNow(name) {
      const job = options.jobs.find((j) => j.name === name);
      if (!job) throw new Error(`no job named ${name}`);
      // A run already in flight (a cron tick) may have read the clock before it moved: let it finish,
      // then run again with the time as it is now. Returning the in-flight run would skip today's work.
      const inFlight = running.get(job.name);
      if (inFlight) await inFlight;
      await runJob(job);
    },
  };
}
