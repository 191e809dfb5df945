import { levelOf } from './people';
import type { Level } from './ports';
import type { ReportData, ReportPerson, ReportWindow } from './report-ports';

/**
 * Report figures, computed from the read model's window aggregates. Definitions (the tests recompute
 * each one independently from raw rows):
 *  - within cadence: a report's last 1:1 with their current manager is at most the manager's cadence_days old;
 *  - 1:1s held / expected: 1:1s in the window with the current manager; expected = window days / cadence per report;
 *  - median days between 1:1s: gaps (in days) between consecutive 1:1s of a pair, for 1:1s held in the window;
 *  - recognition per 100 people per week: kudos received by the group in the window ÷ people ÷ weeks × 100;
 *  - recognised in 30 days: share of the group who received any kudos in the last 30 days;
 *  - nudge follow-through: weekly nudges sent in the window that the manager acted on (a prep or kudos click).
 */

export const DAY_MS = 24 * 60 * 60 * 1000;
export const WEEK_MS = 7 * DAY_MS;
export const REPORT_WEEKS = 12;

export function reportWindow(now: number, weeks = REPORT_WEEKS): ReportWindow {
  return { from: now - weeks * WEEK_MS, to: now, weeks, last30From: now - 30 * DAY_MS };
}

export interface Org {
  byId: Map<string, ReportPerson>;
  reportsOf: Map<string, string[]>;
  levelOf(id: string): Level;
  /** Everyone below a person (not the person), depth-first. */
  below(id: string): string[];
  /** Managers (people with reports) at or below a person. */
  managersUnder(id: string, includeSelf: boolean): string[];
}

export function buildOrg(people: readonly ReportPerson[]): Org {
  const byId = new Map(people.map((p) => [p.id, p]));
  const reportsOf = new Map<string, string[]>();
  for (const p of people) {
    if (!p.managerId || !byId.has(p.managerId)) continue;
    const list = reportsOf.get(p.managerId) ?? [];
    list.push(p.id);
    reportsOf.set(p.managerId, list);
  }
  const depthCache = new Map<string, number>();
  const depth = (id: string, seen = new Set<string>()): number => {
    const hit = depthCache.get(id);
    if (hit !== undefined) return hit;
    if (seen.has(id)) return 0; // a loop in bad data: stop rather than recurse forever
    seen.add(id);
    let d = 0;
    for (const r of reportsOf.get(id) ?? []) d = Math.max(d, 1 + depth(r, seen));
    d = Math.min(d, 3);
    depthCache.set(id, d);
    return d;
  };
  const below = (id: string): string[] => {
    const out: string[] = [];
    const seen = new Set([id]);
    const stack = [...(reportsOf.get(id) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      out.push(next);
      stack.push(...(reportsOf.get(next) ?? []));
    }
    return out;
  };
  return {
    byId,
    reportsOf,
    levelOf: (id) => levelOf(byId.get(id) ?? {}, depth(id)).level,
    below,
    managersUnder: (id, includeSelf) => [...(includeSelf ? [id] : []), ...below(id)].filter((m) => (reportsOf.get(m)?.length ?? 0) > 0),
  };
}

/**
 * Who may see whose figures, in Slack and on the dashboard alike: yourself, anyone below you; admins anyone.
 */
export function mayViewTeam(org: Org, requesterIsAdmin: boolean, requesterId: string, targetId: string): boolean {
  return requesterId === targetId || requesterIsAdmin || org.below(requesterId).includes(targetId);
}

export interface GroupFigures {
  managers: number;
  reports: number;
  withinCadence: number;
  held: number;
  expected: number;
  medianGapDays?: number;
  /** Kudos given by the managers of the group. */
  kudosGiven: number;
  /** Reports recognised by their own manager in the window. */
  recognisedByManager: number;
  /** The most kudos one report got from their manager. */
  maxFromManager: number;
  received: number;
  recognised30: number;
  per100PerWeek: number;
  nudgesSent: number;
  nudgesActed: number;
  /** Per week, oldest first: 1:1s per 100 reports, recognition per 100 people, nudge follow-through share. */
  trends: { oneOnOnes: number[]; recognition: number[]; followThrough: Array<number | undefined> };
}

function add(list: number[], i: number, n: number): void {
  list[i] = (list[i] ?? 0) + n;
}

/**
 * Moves the k-th smallest value of `a[lo..hi]` to index k, smaller ones before it and larger after (Hoare's
 * selection, as in Wirth's "Algorithms + Data Structures"): linear on average, where sorting the ~250,000 gaps of a
 * 24-month organisation was the dashboard's largest cost (issue #20). If a pathological order keeps it from
 * narrowing, the rest is sorted instead, so the worst case stays n log n.
 */
function select(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  for (let round = 0; lo < hi; round += 1) {
    if (round > 64) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const x = a[k] as number;
    let i = lo;
    let j = hi;
    do {
      while ((a[i] as number) < x) i += 1;
      while (x < (a[j] as number)) j -= 1;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i += 1;
        j -= 1;
      }
    } while (i <= j);
    if (j < k) lo = i;
    if (k < i) hi = j;
  }
}

/** The middle value (the mean of the two middle ones for an even count), exactly as sorting and picking gives it. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const a = Float64Array.from(values);
  const mid = Math.floor(a.length / 2);
  select(a, mid);
  const upper = a[mid] as number;
  if (a.length % 2 === 1) return upper;
  let lower = -Infinity; // everything before `mid` is at most a[mid]: the largest of them is the lower middle
  for (let i = 0; i < mid; i += 1) if ((a[i] as number) > lower) lower = a[i] as number;
  return (lower + upper) / 2;
}

/** Indexes the window's 1:1s by manager, once per report build. */
export function oneOnOnesByManager(data: ReportData): Map<string, ReportData['oneOnOnes']> {
  const out = new Map<string, ReportData['oneOnOnes']>();
  for (const o of data.oneOnOnes) {
    const list = out.get(o.managerId) ?? [];
    list.push(o);
    out.set(o.managerId, list);
  }
  return out;
}

/** Figures for a group of managers, over their direct reports. */
export function groupFigures(
  managerIds: readonly string[],
  org: Org,
  data: ReportData,
  byManager: Map<string, ReportData['oneOnOnes']>,
  w: ReportWindow,
): GroupFigures {
  const weeks = w.weeks;
  const zero = () => new Array<number>(weeks).fill(0);
  const f = { managers: 0, reports: 0, withinCadence: 0, held: 0, expected: 0, kudosGiven: 0, recognisedByManager: 0, maxFromManager: 0, received: 0, recognised30: 0, nudgesSent: 0, nudgesActed: 0 };
  const gaps: number[] = [];
  const held = zero();
  const recognition = zero();
  const sent = zero();
  const acted = zero();
  for (const m of managerIds) {
    const reports = org.reportsOf.get(m) ?? [];
    if (reports.length === 0) continue;
    const cadence = org.byId.get(m)?.cadenceDays ?? 14;
    f.managers += 1;
    f.reports += reports.length;
    f.expected += (reports.length * (w.weeks * 7)) / cadence;
    f.kudosGiven += data.kudosGiven.get(m) ?? 0;
    for (const r of reports) {
      const last = data.lastOneOnOne.get(r);
      if (last !== undefined && w.to - last <= cadence * DAY_MS) f.withinCadence += 1;
      const fromManager = data.fromManager.get(r) ?? 0;
      if (fromManager > 0) f.recognisedByManager += 1;
      f.maxFromManager = Math.max(f.maxFromManager, fromManager);
      const rec = data.received.get(r);
      if (rec) {
        if (rec.last30) f.recognised30 += 1;
        for (let i = 0; i < rec.weeks.length; i += 1) {
          const n = rec.weeks[i] ?? 0;
          add(recognition, i, n);
          f.received += n;
        }
      }
    }
    const reportSet = new Set(reports);
    for (const o of byManager.get(m) ?? []) {
      if (!reportSet.has(o.reportId)) continue;
      f.held += 1;
      add(held, Math.min(weeks - 1, Math.floor((o.heldAt - w.from) / WEEK_MS)), 1);
      if (o.prevAt !== undefined) gaps.push((o.heldAt - o.prevAt) / DAY_MS);
    }
    const n = data.nudges.get(m);
    if (n) {
      for (let i = 0; i < n.sent.length; i += 1) {
        const v = n.sent[i] ?? 0;
        const a = n.acted[i] ?? 0;
        add(sent, i, v);
        add(acted, i, a);
        f.nudgesSent += v;
        f.nudgesActed += a;
      }
    }
  }
  const per100 = (v: number, people: number) => (people === 0 ? 0 : (v / people) * 100);
  return {
    ...f,
    medianGapDays: median(gaps),
    per100PerWeek: f.reports === 0 ? 0 : per100(f.received, f.reports) / weeks,
    trends: {
      oneOnOnes: held.map((v) => per100(v, f.reports)),
      recognition: recognition.map((v) => per100(v, f.reports)),
      followThrough: sent.map((v, i) => (v === 0 ? undefined : (acted[i] ?? 0) / v)),
    },
  };
}

export function share(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : part / whole;
}
