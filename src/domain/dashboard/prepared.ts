import type { Org, oneOnOnesByManager } from '../report';
import { managerPart, type ManagerPart } from '../group-figures';
import type { ReportData, ReportWindow } from '../report-ports';
import type { ActivityData } from './ports';

/**
 * What a dashboard page is computed from, read and indexed once per request: nothing here outlives the request
 * (no cache across requests or people), so a page never shows stale or someone else's figures.
 */

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

/** Sums a weekly array into buckets. */
export function bucketed(weeks: readonly number[] | undefined, bucketWeeks: number, out: number[]): void {
  if (!weeks) return;
  for (let i = 0; i < weeks.length; i += 1) {
    const b = Math.min(out.length - 1, Math.floor(i / bucketWeeks));
    out[b] = (out[b] ?? 0) + (weeks[i] ?? 0);
  }
}
