import { DAY_MS, WEEK_MS, combineParts, managerPart, median, share, type ManagerPart, type Org, type oneOnOnesByManager } from '../report';
import type { ReportData, ReportWindow } from '../report-ports';
import type { ActivityData } from './ports';

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

export interface Prepared {
  org: Org;
  data: ReportData;
  activity: ActivityData;
  window: ReportWindow;
  /** Weeks per bucket, and each bucket's start (epoch ms). */
  bucketWeeks: number;
  buckets: number[];
  byManager: ReturnType<typeof oneOnOnesByManager>;
  /** Per report: the last 1:1 with their manager before the window, and the ones in it (ascending). */
  history: Map<string, { before?: number; times: number[] }>;
  /** Per person with any recognition or activity in the window: their counts, summed once per page. */
  sums: Map<string, PersonSums>;
  /** A manager's part of every group they are in (see `managerPart`), computed once per page. */
  partOf(managerId: string): ManagerPart | undefined;
}

/** Each manager's part, computed when first asked for and kept for the rest of the page (this request only). */
export function partsOf(p: Pick<Prepared, 'org' | 'data' | 'byManager' | 'window'>): Prepared['partOf'] {
  const parts = new Map<string, ManagerPart | undefined>();
  return (id) => {
    if (!parts.has(id)) parts.set(id, managerPart(id, p.org, p.data, p.byManager, p.window));
    return parts.get(id);
  };
}

/**
 * One person's counts, bucketed once per page rather than once per group that contains them (issue #20: the
 * organisation's page adds every report into the whole, their level and their manager's row). Counts are whole
 * numbers, so adding them in any grouping gives exactly the same figures.
 */
export interface PersonSums {
  recognised: boolean;
  goals: number;
  plans: number;
  /** Per bucket of the chart (index 0 = oldest). */
  received: number[];
  goalBuckets: number[];
  planBuckets: number[];
}

/** Adds a weekly array up. */
function total(weeks: readonly number[] | undefined): number {
  let n = 0;
  for (const v of weeks ?? []) n += v;
  return n;
}

export function personSums(data: ReportData, activity: ActivityData, bucketWeeks: number, buckets: number): Prepared['sums'] {
  const out: Prepared['sums'] = new Map();
  const zeros = () => new Array<number>(buckets).fill(0);
  const of = (id: string): PersonSums => {
    let s = out.get(id);
    if (!s) out.set(id, (s = { recognised: false, goals: 0, plans: 0, received: zeros(), goalBuckets: zeros(), planBuckets: zeros() }));
    return s;
  };
  for (const [id, r] of data.received) {
    const s = of(id);
    s.recognised = r.weeks.some((n) => n > 0);
    bucketed(r.weeks, bucketWeeks, s.received);
  }
  for (const [id, a] of activity) {
    const s = of(id);
    s.goals = total(a.goals);
    s.plans = total(a.plans);
    bucketed(a.goals, bucketWeeks, s.goalBuckets);
    bucketed(a.plans, bucketWeeks, s.planBuckets);
  }
  return out;
}

export function oneOnOneHistory(data: ReportData, from: number): Prepared['history'] {
  const out: Prepared['history'] = new Map();
  let id: string | undefined;
  let h: { before?: number; times: number[] } = { times: [] };
  for (const o of data.oneOnOnes) {
    if (o.reportId !== id) { // the read model lists a report's 1:1s together: one lookup per report, not per 1:1
      id = o.reportId;
      h = out.get(id) ?? { times: [] };
      out.set(id, h);
    }
    h.times.push(o.heldAt);
    if (o.prevAt !== undefined && o.prevAt < from && (h.before === undefined || o.prevAt > h.before)) h.before = o.prevAt;
  }
  for (const h of out.values()) h.times.sort((a, b) => a - b);
  for (const [id, last] of data.lastOneOnOne) if (!out.has(id) && last < from) out.set(id, { before: last, times: [] });
  return out;
}

function reportsOf(p: Prepared, managerIds: readonly string[]): string[] {
  return managerIds.flatMap((m) => p.org.reportsOf.get(m) ?? []);
}

/** Sums a weekly array into buckets. */
function bucketed(weeks: readonly number[] | undefined, bucketWeeks: number, out: number[]): void {
  if (!weeks) return;
  for (let i = 0; i < weeks.length; i += 1) {
    const b = Math.min(out.length - 1, Math.floor(i / bucketWeeks));
    out[b] = (out[b] ?? 0) + (weeks[i] ?? 0);
  }
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
