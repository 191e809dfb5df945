import type { Job } from './job';
import type { PulseService } from '../domain/pulse-service';

export interface PulseJobDeps {
  pulse: Pick<PulseService, 'run'>;
}

/**
 * Every 20 minutes: each person's pulse goes out on a weekday between 10:00 and 16:00 their time, once
 * per pulse period (a nudges row per person and period makes extra runs, restarts and a second instance
 * harmless). Paused, snoozed and away people are left for a later run that month.
 */
export const pulseJob: Job<PulseJobDeps> = {
  name: 'pulse',
  schedule: '*/20 * * * *',
  async run(deps, now) {
    await deps.pulse.run(now);
  },
};
