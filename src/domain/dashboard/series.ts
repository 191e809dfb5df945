import { DAY_MS, WEEK_MS, median, share } from '../report';
import { combineParts } from '../group-figures';
import { bucketed, type Prepared } from './prepared';

/**
 * The dashboard's figures for a group of managers, over their direct reports: one headline for the period and
 * a series per chart (one point per bucket of weeks). The headline reuses the Slack report's own arithmetic
 * (groupFigures' parts, combined), so the dashboard and `/coach report` never disagree on a number.
 */

export interface Headline {
  managers: number;
  reports: number;
  withinCadenceShare?: number;
  medianGapDays?: number;
  held: number;
  expected: number;
  /** Recognition received per 100 people per week. */
  recognitionPer100: number;
  /** Spread: share of the people recognised at least once in the period. */
  recognisedShare?: number;
  followThrough?: number;
  nudgesSent: number;
  /** Goal events (created, checked in) and development-plan updates per 100 people in the period. */
  goalActivity: number;
  planActivity: number;
}

export type Point = number | undefined;

export interface Series {
  withinCadence: Point[];
  medianGapDays: Point[];
  recognitionPer100: Point[];
  recognisedShare: Point[];
  followThrough: Point[];
  goalActivity: Point[];
  planActivity: Point[];
}

function reportsOf(p: Prepared, managerIds: readonly string[]): string[] {
  return managerIds.flatMap((m) => p.org.reportsOf.get(m) ?? []);
}

export function headline(p: Prepared, managerIds: readonly string[]): Headline {
  const f = combineParts(managerIds.map((m) => p.partOf(m)), p.window.weeks);
  let recognised = 0;
  let goals = 0;
  let plans = 0;
  for (const r of reportsOf(p, managerIds)) {
    const s = p.sums.get(r);
    if (!s) continue;
    if (s.recognised) recognised += 1;
    goals += s.goals;
    plans += s.plans;
  }
  const per100 = (n: number) => (f.reports === 0 ? 0 : (n / f.reports) * 100);
  return {
    managers: f.managers,
    reports: f.reports,
    withinCadenceShare: share(f.withinCadence, f.reports),
    medianGapDays: f.medianGapDays,
    held: f.held,
    expected: f.expected,
    recognitionPer100: f.per100PerWeek,
    recognisedShare: share(recognised, f.reports),
    followThrough: share(f.nudgesActed, f.nudgesSent),
    nudgesSent: f.nudgesSent,
    goalActivity: per100(goals),
    planActivity: per100(plans),
  };
}

/** Share of the group's reports whose last 1:1 was within their manager's cadence at the end of each bucket. */
function withinCadenceSeries(p: Prepared, managerIds: readonly string[]): Point[] {
  const ends = p.buckets.map((start, i) => (i === p.buckets.length - 1 ? p.window.to : start + p.bucketWeeks * WEEK_MS));
  const within = new Array<number>(ends.length).fill(0);
  let people = 0;
  for (const m of managerIds) {
    const cadenceMs = (p.org.byId.get(m)?.cadenceDays ?? 14) * DAY_MS;
    for (const r of p.org.reportsOf.get(m) ?? []) {
      people += 1;
      const h = p.history.get(r);
      if (!h) continue;
      let last = h.before;
      let k = 0;
      for (let i = 0; i < ends.length; i += 1) {
        const end = ends[i] ?? 0;
        while (k < h.times.length && (h.times[k] ?? Infinity) < end) last = h.times[k++];
        if (last !== undefined && end - last <= cadenceMs) within[i] = (within[i] ?? 0) + 1;
      }
    }
  }
  return within.map((n) => share(n, people));
}

function medianGapSeries(p: Prepared, managerIds: readonly string[]): Point[] {
  const gaps: number[][] = p.buckets.map(() => []);
  for (const m of managerIds) {
    for (const o of p.byManager.get(m) ?? []) {
      if (o.prevAt === undefined) continue;
      const b = Math.min(gaps.length - 1, Math.floor((o.heldAt - p.window.from) / (p.bucketWeeks * WEEK_MS)));
      gaps[b]?.push((o.heldAt - o.prevAt) / DAY_MS);
    }
  }
  return gaps.map((g) => median(g));
}

export function series(p: Prepared, managerIds: readonly string[]): Series {
  const n = p.buckets.length;
  const zeros = () => new Array<number>(n).fill(0);
  const [received, recognised, goals, plans, sent, acted] = [zeros(), zeros(), zeros(), zeros(), zeros(), zeros()];
  const reports = reportsOf(p, managerIds);
  for (const r of reports) {
    const s = p.sums.get(r);
    if (!s) continue;
    for (let i = 0; i < n; i += 1) {
      const v = s.received[i] ?? 0;
      received[i] = (received[i] ?? 0) + v;
      if (v > 0) recognised[i] = (recognised[i] ?? 0) + 1;
      goals[i] = (goals[i] ?? 0) + (s.goalBuckets[i] ?? 0);
      plans[i] = (plans[i] ?? 0) + (s.planBuckets[i] ?? 0);
    }
  }
  for (const m of managerIds) {
    bucketed(p.data.nudges.get(m)?.sent, p.bucketWeeks, sent);
    bucketed(p.data.nudges.get(m)?.acted, p.bucketWeeks, acted);
  }
  const people = reports.length;
  const per100 = (v: number, weeks = 1): Point => (people === 0 ? undefined : (v / people / weeks) * 100);
  return {
    withinCadence: withinCadenceSeries(p, managerIds),
    medianGapDays: medianGapSeries(p, managerIds),
    recognitionPer100: received.map((v) => per100(v, p.bucketWeeks)),
    recognisedShare: recognised.map((v) => share(v, people)),
    followThrough: sent.map((v, i) => share(acted[i] ?? 0, v)),
    goalActivity: goals.map((v) => per100(v)),
    planActivity: plans.map((v) => per100(v)),
  };
}
