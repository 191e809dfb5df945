import { DateTime } from 'luxon';
import { DomainError } from '../errors';
import type { Clock, EventLog } from '../ports';
import type { LeadershipIndex } from './habits';
import { GOAL_METRICS, goalsProgress, isGoalMetric, MAX_ORG_GOALS, metricValue, type GoalProgress } from './org-goals';
import type { OrgGoalRepository, OrgGoalRow } from './ports';

/** One slot as an admin filled it in the modal; an empty metric clears the slot. */
export interface OrgGoalInput {
  slot: number;
  metric?: string;
  target?: string;
  deadline?: string;
}

export interface OrgGoalServiceDeps {
  goals: OrgGoalRepository;
  index: () => Promise<LeadershipIndex>;
  clock: Clock;
  events: EventLog;
  isAdmin(personId: string): boolean;
}

/** A field problem, keyed like the modal's blocks: `target_2`, `deadline_1`, `metric_3`. */
export class OrgGoalInputError extends DomainError {
  constructor(readonly fields: Record<string, string>) {
    super('org_goal_invalid', Object.values(fields)[0] ?? 'Check the goals.');
  }
}

function parseRow(input: OrgGoalInput, now: number, errors: Record<string, string>): Omit<OrgGoalRow, 'setBy' | 'setAt' | 'baseline'> | undefined {
  const metric = input.metric?.trim();
  if (!metric) return undefined;
  if (!isGoalMetric(metric)) {
    errors[`metric_${input.slot}`] = 'Pick one of the listed habits.';
    return undefined;
  }
  const target = Number((input.target ?? '').trim().replace(/%$/, ''));
  if (!Number.isInteger(target) || target < 1 || target > 100) errors[`target_${input.slot}`] = 'A whole percentage from 1 to 100, e.g. 80.';
  const deadline = input.deadline ?? '';
  const day = DateTime.fromISO(deadline, { zone: 'UTC' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline) || !day.isValid) errors[`deadline_${input.slot}`] = 'Pick the date the goal should be reached by.';
  else if (day.plus({ days: 1 }).toMillis() <= now) errors[`deadline_${input.slot}`] = 'The deadline has to be in the future.';
  return { slot: input.slot, metric, target, deadline };
}

export function createOrgGoalService(deps: OrgGoalServiceDeps) {
  return {
    list: (): Promise<OrgGoalRow[]> => deps.goals.list(),
    progress: async (): Promise<GoalProgress[]> => goalsProgress(await deps.index(), await deps.goals.list()),
    /** Replaces all goals; keeps a goal's baseline while its metric stays the same, so progress is not reset by a new deadline. */
    async save(adminId: string, inputs: readonly OrgGoalInput[]): Promise<GoalProgress[]> {
      if (!deps.isAdmin(adminId)) throw new DomainError('not_admin', 'Organisation goals are set by Leadwell admins.');
      const now = deps.clock.now();
      const errors: Record<string, string> = {};
      const parsed = inputs.slice(0, MAX_ORG_GOALS).map((i) => parseRow(i, now, errors)).filter((r) => r !== undefined);
      const seen = new Set<string>();
      for (const r of parsed) {
        if (seen.has(r.metric)) errors[`metric_${r.slot}`] = 'Each habit can have one goal; this one is already above.';
        seen.add(r.metric);
      }
      if (Object.keys(errors).length > 0) throw new OrgGoalInputError(errors);
      const before = new Map((await deps.goals.list()).map((g) => [g.slot, g]));
      const index = await deps.index();
      const rows: OrgGoalRow[] = parsed.map((r) => {
        const old = before.get(r.slot);
        const keep = old && old.metric === r.metric;
        return { ...r, baseline: keep ? old.baseline : metricValue(index, r.metric as keyof typeof GOAL_METRICS), setBy: adminId, setAt: keep ? old.setAt : now };
      });
      await deps.goals.replaceAll(rows);
      await deps.events.append({ kind: 'org_goals.saved', actorId: adminId, data: { goals: rows.map((r) => ({ metric: r.metric, target: r.target, deadline: r.deadline })) } }, now);
      return goalsProgress(index, rows);
    },
  };
}

export type OrgGoalService = ReturnType<typeof createOrgGoalService>;
