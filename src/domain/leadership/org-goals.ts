import { DateTime } from 'luxon';
import { DAY_MS, PERIOD_DAYS, RECOGNITION_DAYS, type LeadershipIndex } from './habits';
import type { OrgGoalRow } from './ports';

/**
 * Organisation goals for leadership habits: up to three, each a metric, a target (percent) and a deadline.
 * Every metric is a share (0..1) of the whole organisation now, computed from the same snapshot as the digests.
 */

export const MAX_ORG_GOALS = 3;

export const GOAL_METRICS = {
  'frontline-cadence': 'Frontline 1:1s within cadence',
  'mid-level-cadence': 'Mid-level 1:1s within cadence',
  'team-recognition-reach': 'Teams where someone was recognised in the last 30 days',
  'people-recognised': 'People recognised in the last 30 days',
  'nudge-follow-through': 'Weekly nudges acted on (last 4 weeks)',
} as const;

export type GoalMetric = keyof typeof GOAL_METRICS;

export function isGoalMetric(m: string): m is GoalMetric {
  return Object.hasOwn(GOAL_METRICS, m);
}

function cadenceShare(index: LeadershipIndex, level: 'frontline' | 'mid-level'): number | undefined {
  let within = 0;
  let reports = 0;
  for (const id of index.org.reportsOf.keys()) {
    const h = index.habits(id);
    if (!h || h.level !== level) continue;
    within += h.withinCadence;
    reports += h.reports;
  }
  return reports === 0 ? undefined : within / reports;
}

/** Teams (a manager's direct reports) where at least one member was recognised by anyone in [from, to). */
export function teamReach(index: LeadershipIndex, managerIds: readonly string[], from: number, to: number): { teams: number; reached: number } {
  const recognised = index.recognisedIn(from, to);
  let reached = 0;
  let teams = 0;
  for (const m of managerIds) {
    const team = index.org.reportsOf.get(m) ?? [];
    if (team.length === 0) continue;
    teams += 1;
    if (team.some((r) => recognised.has(r))) reached += 1;
  }
  return { teams, reached };
}

/** The metric's value for the whole organisation now; undefined when there is nobody to measure. */
export function metricValue(index: LeadershipIndex, metric: GoalMetric): number | undefined {
  const now = index.data.now;
  const since30 = now - RECOGNITION_DAYS * DAY_MS;
  switch (metric) {
    case 'frontline-cadence':
      return cadenceShare(index, 'frontline');
    case 'mid-level-cadence':
      return cadenceShare(index, 'mid-level');
    case 'team-recognition-reach': {
      const r = teamReach(index, [...index.org.reportsOf.keys()], since30, now);
      return r.teams === 0 ? undefined : r.reached / r.teams;
    }
    case 'people-recognised': {
      const recognised = index.recognisedIn(since30, now);
      let n = 0;
      for (const id of index.org.byId.keys()) if (recognised.has(id)) n += 1;
      return index.org.byId.size === 0 ? undefined : n / index.org.byId.size;
    }
    case 'nudge-follow-through': {
      const from = now - PERIOD_DAYS * DAY_MS;
      const sent = index.data.nudges.filter((n) => n.dueAt >= from && n.dueAt < now);
      return sent.length === 0 ? undefined : sent.filter((n) => n.acted).length / sent.length;
    }
  }
}

export type GoalStatus = 'met' | 'on-track' | 'behind' | 'missed' | 'no-data';

export interface GoalProgress {
  slot: number;
  metric: GoalMetric;
  label: string;
  /** Percent. */
  target: number;
  deadline: string;
  current?: number;
  baseline?: number;
  /** Where a straight line from the baseline to the target says the organisation should be today. */
  expected?: number;
  status: GoalStatus;
}

/** The instant a deadline day ends (UTC): a goal "by 31 March" counts all of that day. */
export function deadlineEnd(deadline: string): number {
  return DateTime.fromISO(deadline, { zone: 'UTC' }).plus({ days: 1 }).toMillis();
}

/**
 * Met: at or above target now. Missed: the deadline passed below target. On track: at or above the straight
 * line from the baseline (when the goal was set) to the target (at the deadline). Behind: below it.
 */
export function goalProgress(row: OrgGoalRow, current: number | undefined, now: number): GoalProgress {
  const metric = isGoalMetric(row.metric) ? row.metric : 'frontline-cadence';
  const base = { slot: row.slot, metric, label: GOAL_METRICS[metric], target: row.target, deadline: row.deadline, current, baseline: row.baseline };
  if (current === undefined) return { ...base, status: 'no-data' };
  const target = row.target / 100;
  if (current >= target - 1e-9) return { ...base, status: 'met' };
  const end = deadlineEnd(row.deadline);
  if (now >= end) return { ...base, status: 'missed' };
  const start = row.baseline ?? current;
  const elapsed = Math.min(1, Math.max(0, (now - row.setAt) / Math.max(1, end - row.setAt)));
  const expected = start + (target - start) * elapsed;
  return { ...base, expected, status: current >= expected - 1e-9 ? 'on-track' : 'behind' };
}

export function goalsProgress(index: LeadershipIndex, rows: readonly OrgGoalRow[]): GoalProgress[] {
  return [...rows]
    .sort((a, b) => a.slot - b.slot)
    .filter((r) => isGoalMetric(r.metric))
    .map((r) => goalProgress(r, metricValue(index, r.metric as GoalMetric), index.data.now));
}
