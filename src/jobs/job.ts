import type { Clock } from '../domain/ports';

/** A scheduled trigger as data; the scheduler wires it to node-cron. `run` gets the injected clock's time. */
export interface Job<D> {
  name: string;
  /** A node-cron expression, evaluated in UTC; per-person local times are the job's own business. */
  schedule: string;
  run(deps: D, now: number): Promise<void>;
}

export interface JobContext {
  clock: Clock;
}
