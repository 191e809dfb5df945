import type { Logger } from '../logger';
import type { NudgeQueue } from '../domain/nudge-ports';
import { mayBeExecutiveSlot, planExecutiveDigests, type ExecutiveCandidate } from '../domain/leadership/executive-schedule';
import { executiveSummary, type LeadershipNotifier } from '../domain/leadership/executive-summary';
import type { ExecutiveDigest } from '../domain/leadership/executive';
import type { NudgeKindHandler } from './nudge-dispatcher';
import type { Job } from './job';

/**
 * Plans the monthly executive digest into the nudge queue (kind 'executive', period 'YYYY-MM'); the nudge
 * dispatcher sends it through `executiveKind` below, with the weekly nudge's rate, retries and skip rules
 * (paused, snoozed, away, deactivated, workspace gone). Every five minutes, like the weekly planner: the
 * unique (person, kind, period) key makes a second run, a restart or a second instance a no-op.
 */
export interface ExecutiveDigestPlanner {
  plan(now: number): { due: number; queued: number };
}

export function createExecutiveDigestPlanner(o: { candidates: () => ExecutiveCandidate[]; queue: NudgeQueue; logger?: Logger }): ExecutiveDigestPlanner {
  return {
    plan(now) {
      if (!mayBeExecutiveSlot(now)) return { due: 0, queued: 0 };
      const due = planExecutiveDigests(o.candidates(), now);
      const queued = o.queue.plan(due, now);
      if (queued > 0) o.logger?.info({ due: due.length, queued }, 'executive digests: planned this slot');
      return { due: due.length, queued };
    },
  };
}

/** How the dispatcher turns a queued executive row into a message. */
export function executiveKind(o: { build: (personId: string, period: string) => ExecutiveDigest; notifier: LeadershipNotifier }): NudgeKindHandler {
  return {
    prepare(person, row) {
      const digest: ExecutiveDigest = { ...o.build(person.id, row.period), nudgeId: row.id };
      if (digest.people === 0) return { skip: 'no_organisation' };
      return { summary: executiveSummary(digest), send: () => o.notifier.sendExecutiveDigest(person.id, digest) };
    },
  };
}

export interface ExecutiveDigestJobDeps {
  executiveDigests: ExecutiveDigestPlanner;
}

export const executiveDigestsJob: Job<ExecutiveDigestJobDeps> = {
  name: 'executive-digests',
  schedule: '*/5 * * * *',
  run: async (deps, now) => {
    deps.executiveDigests.plan(now);
  },
};
