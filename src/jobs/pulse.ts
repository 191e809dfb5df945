import type { Job } from './job';
import type { PulseService } from '../domain/pulse-service';
import type { OutboxDispatcherDeps } from './outbox-dispatcher';

export interface PulseJobDeps extends OutboxDispatcherDeps {
  pulse: Pick<PulseService, 'run' | 'keepAlive'>;
}

/**
 * Every 20 minutes: each person's pulse goes out on a weekday between 10:00 and 16:00 their time, once
 * per pulse period (a nudges row and an outbox message per person and period make extra runs, restarts and a
 * second instance harmless). Paused, snoozed and away people are left for a later run that month.
 */
export const pulseJob: Job<PulseJobDeps> = {
  name: 'pulse',
  schedule: '*/20 * * * *',
  async run(deps, now) {
    // Planned into the outbox, then sent at once (paced by the workspace rate) rather than at the next tick.
    if ((await deps.pulse.run(now)).planned > 0) await deps.outboxDispatcher.drain();
  },
};

/**
 * Every minute: this instance tells the shared pulse pool it still runs, and a holder of the pool key hands it to
 * instances that joined since (src/storage/pulse-pool-key.ts). One small transaction a minute; it bounds how
 * long a new instance waits for the key and how soon a killed holder's key is renewed.
 */
export const pulsePoolJob: Job<PulseJobDeps> = {
  name: 'pulse-pool',
  schedule: '* * * * *',
  async run(deps, now) {
    await deps.pulse.keepAlive(now);
  },
};
