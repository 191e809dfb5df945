import { DomainError } from '../errors';
import type { Clock, EventLog, GuidanceSource } from '../ports';
import { latestClosedPeriod, pulseResult, rollUpPulse, type PulseAggregate, type PulseResult } from '../pulse';
import { coachingQuestion, type CoachingQuestion } from './coaching-question';
import { executiveDigest, type ExecutiveDigest } from './executive';
import type { ExecutiveCandidate } from './executive-schedule';
import { indexLeadership, type LeadershipIndex, type ManagerHabits } from './habits';
import { midLevelSection, type MidLevelSection } from './mid-level';
import { goalsProgress, type GoalProgress } from './org-goals';
import type { DepartureRepository, LeadershipReadModel, OrgGoalRepository } from './ports';
import { managerTurnover, orgTurnover, TURNOVER_DAYS, turnoverOf, type ManagerTurnover, type OrgTurnover } from './turnover';

const DAY_MS = 24 * 60 * 60 * 1000;
/** One snapshot serves a whole dispatcher run: habits over four weeks do not change in minutes. */
export const SNAPSHOT_MAX_AGE_MS = 10 * 60 * 1000;

export interface LeadershipServiceDeps {
  reads: LeadershipReadModel;
  departures: Pick<DepartureRepository, 'since'>;
  goals: Pick<OrgGoalRepository, 'list'>;
  guidance: GuidanceSource;
  /** The pulse's aggregate read (the same one the reports use): counts per manager, never an answer. */
  pulse: { aggregates(period: string, managerIds?: readonly string[]): Promise<PulseAggregate[]> };
  clock: Clock;
  /** PULSE_MIN_RESPONSES: the smallest group a pulse or turnover figure is shown for. */
  minGroup: number;
  isAdmin(personId: string): boolean;
  events?: EventLog;
}

/** The prep card's line about a report who manages people, and a question to ask them. */
export interface PrepHabits {
  habits: ManagerHabits;
  question?: CoachingQuestion;
}

/** Walks up from the report: a few steps, where listing the viewer's whole subtree would be thousands. */
function isAbove(ix: LeadershipIndex, viewerId: string, reportId: string): boolean {
  const seen = new Set<string>();
  for (let at = ix.person(reportId)?.managerId; at && !seen.has(at); at = ix.person(at)?.managerId) {
    if (at === viewerId) return true;
    seen.add(at);
  }
  return false;
}

export function createLeadershipService(deps: LeadershipServiceDeps) {
  let cached: LeadershipIndex | undefined;

  /**
   * Digests and prep cards share a snapshot up to SNAPSHOT_MAX_AGE_MS old (one load serves a whole dispatcher run);
   * reports and goals ask for a fresh one, so they agree with the report figures beside them to the second.
   */
  async function index(options: { fresh?: boolean } = {}): Promise<LeadershipIndex> {
    const now = deps.clock.now();
    if (options.fresh || !cached || now < cached.data.now || now - cached.data.now > SNAPSHOT_MAX_AGE_MS) cached = indexLeadership(await deps.reads.load(now));
    return cached;
  }

  function departuresNow(now: number) {
    return deps.departures.since(now - TURNOVER_DAYS * DAY_MS);
  }

  async function rolledPulse(managerIds: readonly string[], now: number): Promise<PulseResult> {
    const period = latestClosedPeriod(now);
    const parts = await deps.pulse.aggregates(period, managerIds);
    return pulseResult(period, rollUpPulse(parts, deps.minGroup), deps.minGroup, now);
  }

  return {
    index,
    /** Forget the snapshot (after an org change in tests, or an admin's goal edit). */
    refresh: () => {
      cached = undefined;
    },
    midLevelSection: async (personId: string): Promise<MidLevelSection | undefined> => midLevelSection(await index(), deps.guidance, personId),

    /** For `viewerId`'s 1:1 with `reportId`: only when the report manages people and sits below the viewer. */
    async prepHabits(viewerId: string, reportId: string, avoidItemId?: string): Promise<PrepHabits | undefined> {
      const ix = await index();
      const habits = ix.habits(reportId);
      if (!habits || !isAbove(ix, viewerId, reportId)) return undefined;
      let question = await coachingQuestion(deps.guidance, viewerId, { name: habits.name });
      if (question && question.itemId === avoidItemId) question = (await coachingQuestion(deps.guidance, viewerId, { name: habits.name })) ?? question;
      return { habits, question };
    },

    async executiveCandidates(): Promise<ExecutiveCandidate[]> {
      const ix = await index();
      return ix.data.people.filter((p) => (ix.org.reportsOf.get(p.id)?.length ?? 0) > 0 && ix.org.levelOf(p.id) === 'executive');
    },

    async executiveDigest(execId: string, period: string): Promise<ExecutiveDigest> {
      const ix = await index();
      const now = ix.data.now;
      return executiveDigest({
        index: ix,
        guidance: deps.guidance,
        execId,
        period,
        pulse: (ids) => rolledPulse(ids, now),
        goals: goalsProgress(ix, await deps.goals.list()),
        turnover: turnoverOf(ix.org, await departuresNow(now), { kind: 'subtree', managerId: execId }, deps.minGroup),
      });
    },

    async turnoverForManager(managerId: string): Promise<ManagerTurnover> {
      const ix = await index();
      return managerTurnover(ix.org, await departuresNow(ix.data.now), managerId, deps.minGroup);
    },

    /** Org and per-role turnover; the regretted count only for admins. */
    async orgTurnover(requesterId: string): Promise<OrgTurnover> {
      const ix = await index({ fresh: true });
      return orgTurnover(ix.org, await departuresNow(ix.data.now), deps.minGroup, deps.isAdmin(requesterId));
    },

    async goalsProgress(): Promise<GoalProgress[]> {
      return goalsProgress(await index({ fresh: true }), await deps.goals.list());
    },

    requireAdmin(personId: string): void {
      if (!deps.isAdmin(personId)) throw new DomainError('not_admin', 'Organisation goals are set by Leadwell admins.');
    },
  };
}

export type LeadershipService = ReturnType<typeof createLeadershipService>;
