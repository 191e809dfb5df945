import type { Logger } from '../logger';
import type { NudgeQueue } from '../domain/nudge-ports';
import { mayBeExecutiveSlot, planExecutiveDigests, type ExecutiveCandidate } from '../domain/leadership/executive-schedule';
import { executiveSummary } from '../domain/leadership/executive-summary';
import type { ExecutiveDigest } from '../domain/leadership/executive';
import { digestKind, planPeriodMessages, type PersonGate } from '../domain/nudge-outbox';
import type { OutboxKind } from '../domain/outbox/delivery';
import type { OutboxStore } from '../domain/ports';
import type { Job } from './job';

/**
 * Plans the monthly executive digest (kind 'executive', period 'YYYY-MM') into the outbox; the outbox
 * dispatcher sends it through `executiveKind` below, with the weekly nudge's rate, retries and skip rules
 * (paused, snoozed, away, deactivated, workspace gone). Every five minutes, like the weekly planner: the
 * unique (person, kind, period) key makes a second run, a restart or a second instance a no-op.
 */
export interface ExecutiveDigestPlanner {
  plan(now: number): Promise<{ due: number; queued: number }>;
}

export function createExecutiveDigestPlanner(o: { candidates: () => Promise<ExecutiveCandidate[]>; queue: NudgeQueue; outbox: Pick<OutboxStore, 'plan'>; logger?: Logger }): ExecutiveDigestPlanner {
  return {
    async plan(now) {
      if (!mayBeExecutiveSlot(now)) return { due: 0, queued: 0 };
      const due = planExecutiveDigests(await o.candidates(), now);
      const queued = await planPeriodMessages(due, o, now);
      if (queued > 0) o.logger?.info({ due: due.length, queued }, 'executive digests: planned this slot');
      return { due: due.length, queued };
    },
  };
}

/** How the dispatcher turns an executive row into a message, after the checks every digest shares. */
export function executiveKind(o: { gate: PersonGate; build: (personId: string, period: string) => Promise<ExecutiveDigest> }): OutboxKind {
  return digestKind(o.gate, async (person, row) => {
    const digest: ExecutiveDigest = { ...(await o.build(person.id, String(row.payload.period ?? ''))), nudgeId: row.nudgeId };
    if (digest.people === 0) return { skip: 'no_organisation' };
    return { model: digest, summary: executiveSummary(digest) };
  });
}

export interface ExecutiveDigestJobDeps {
  executiveDigests: ExecutiveDigestPlanner;
}

export const executiveDigestsJob: Job<ExecutiveDigestJobDeps> = {
  name: 'executive-digests',
  schedule: '*/5 * * * *',
  run: async (deps, now) => {
    await deps.executiveDigests.plan(now);
  },
};
