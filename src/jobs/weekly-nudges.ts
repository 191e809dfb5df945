import type { Logger } from '../logger';
import { MANAGING_WINDOW_DAYS, type NudgeQueue, type NudgeReadModel } from '../domain/nudge-ports';
import { CATCH_UP_MS, planWeeklyNudges } from '../domain/nudge-planner';
import { planPeriodMessages } from '../domain/nudge-outbox';
import type { OutboxStore } from '../domain/ports';
import type { Job } from './job';

/**
 * The "who is due" check. It runs every few minutes rather than at one fixed instant because every
 * manager has their own slot in their own time zone; the unique (person, kind, ISO week) key makes a
 * second run, a restart, a clock jump or a second instance a no-op.
 */
export const WEEKLY_NUDGES_SCHEDULE = '*/5 * * * *';

export interface NudgePlanner {
  plan(now: number): Promise<{ due: number; queued: number; skipped: number }>;
}

export function createNudgePlanner(options: { reads: NudgeReadModel; queue: NudgeQueue; outbox: Pick<OutboxStore, 'plan'>; logger?: Logger; catchUpMs?: number }): NudgePlanner {
  return {
    async plan(now) {
      const activeSince = now - MANAGING_WINDOW_DAYS * 24 * 60 * 60 * 1000;
      const due = planWeeklyNudges(await options.reads.candidates(activeSince), now, options.catchUpMs ?? CATCH_UP_MS);
      const inserted = await planPeriodMessages(due, options, now);
      const skipped = due.filter((d) => d.status === 'skipped').length;
      if (inserted > 0) options.logger?.info({ due: due.length, inserted }, 'nudges: planned this slot');
      return { due: due.length, queued: inserted, skipped };
    },
  };
}

export interface WeeklyNudgesDeps {
  nudgePlanner: NudgePlanner;
}

export const weeklyNudgesJob: Job<WeeklyNudgesDeps> = {
  name: 'weekly-nudges',
  schedule: WEEKLY_NUDGES_SCHEDULE,
  run: async (deps, now) => {
    await deps.nudgePlanner.plan(now);
  },
};
