import { DAY_MS, WEEK_MS, type Org } from './report';
import type { ReportData, ReportWindow } from './report-ports';

/**
 * Gaps between 1:1s, in days, as value → how many: a group's median is read off its managers' counts merged,
 * instead of copying every gap of every manager into one list per group and selecting in it (issue #20: the
 * organisation's 24-month page did that for ~216,000 gaps in the whole, again in the levels, again per manager).
 * 1:1s fall on whole days, so a group holds a few dozen distinct gaps whatever its size.
 */
export type GapCounts = Map<number, number>;

export function countGap(counts: GapCounts, gap: number): void {
  counts.set(gap, (counts.get(gap) ?? 0) + 1);
}

export function mergeGaps(into: GapCounts, from: GapCounts): void {
  for (const [gap, n] of from) into.set(gap, (into.get(gap) ?? 0) + n);
}

/** The middle gap (the mean of the two middle ones for an even count): exactly `median` of the gaps listed out. */
export function medianOfGaps(counts: GapCounts): number | undefined {
  const values = Float64Array.from(counts.keys()).sort();
  let total = 0;
  for (const n of counts.values()) total += n;
  if (total === 0) return undefined;
  const mid = Math.floor(total / 2);
  /** The value at index i of the gaps in ascending order. */
  const at = (i: number): number => {
    let seen = 0;
    for (const v of values) {
      seen += counts.get(v) ?? 0;
      if (seen > i) return v;
    }
    return NaN; // i < total: not reached
  };
  const upper = at(mid);
  return total % 2 === 1 ? upper : (at(mid - 1) + upper) / 2;
}

/** A group of managers' figures over their direct reports: the Slack report's and the dashboard's one arithmetic. */

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
 * One manager's share of a group's figures, over their direct reports: what `groupFigures` adds up for them. The
 * dashboard computes each manager's once per page and combines them for every group they are in (issue #20);
 * every count is a whole number and `expected` is added in the group's order, so the figures are the same.
 */
export interface ManagerPart {
  reports: number;
  withinCadence: number;
  expected: number;
  kudosGiven: number;
  recognisedByManager: number;
  maxFromManager: number;
  received: number;
  recognised30: number;
  held: number;
  nudgesSent: number;
  nudgesActed: number;
  gaps: GapCounts;
  /** Per week, oldest first: 1:1s held, recognition received, nudges sent and acted on. */
  weeks: { held: number[]; recognition: number[]; sent: number[]; acted: number[] };
}

/** A manager's part, or undefined when nobody reports to them (they do not count in a group). */
export function managerPart(m: string, org: Org, data: ReportData, byManager: Map<string, ReportData['oneOnOnes']>, w: ReportWindow): ManagerPart | undefined {
  const reports = org.reportsOf.get(m) ?? [];
  if (reports.length === 0) return undefined;
  const zero = () => new Array<number>(w.weeks).fill(0);
  const cadence = org.byId.get(m)?.cadenceDays ?? 14;
  const part: ManagerPart = {
    reports: reports.length, withinCadence: 0, expected: (reports.length * (w.weeks * 7)) / cadence, kudosGiven: data.kudosGiven.get(m) ?? 0,
    recognisedByManager: 0, maxFromManager: 0, received: 0, recognised30: 0, held: 0, nudgesSent: 0, nudgesActed: 0, gaps: new Map(),
    weeks: { held: zero(), recognition: zero(), sent: zero(), acted: zero() },
  };
  for (const r of reports) {
    const last = data.lastOneOnOne.get(r);
    if (last !== undefined && w.to - last <= cadence * DAY_MS) part.withinCadence += 1;
    const fromManager = data.fromManager.get(r) ?? 0;
    if (fromManager > 0) part.recognisedByManager += 1;
    part.maxFromManager = Math.max(part.maxFromManager, fromManager);
    const rec = data.received.get(r);
    if (!rec) continue;
    if (rec.last30) part.recognised30 += 1;
    for (let i = 0; i < rec.weeks.length; i += 1) {
      add(part.weeks.recognition, i, rec.weeks[i] ?? 0);
      part.received += rec.weeks[i] ?? 0;
    }
  }
  const reportSet = new Set(reports);
  for (const o of byManager.get(m) ?? []) {
    if (!reportSet.has(o.reportId)) continue;
    part.held += 1;
    add(part.weeks.held, Math.min(w.weeks - 1, Math.floor((o.heldAt - w.from) / WEEK_MS)), 1);
    if (o.prevAt !== undefined) countGap(part.gaps, (o.heldAt - o.prevAt) / DAY_MS);
  }
  const n = data.nudges.get(m);
  for (let i = 0; i < (n?.sent.length ?? 0); i += 1) {
    const v = n?.sent[i] ?? 0;
    const a = n?.acted[i] ?? 0;
    add(part.weeks.sent, i, v);
    add(part.weeks.acted, i, a);
    part.nudgesSent += v;
    part.nudgesActed += a;
  }
  return part;
}

/** A group's figures from its managers' parts, in the group's order. */
export function combineParts(parts: ReadonlyArray<ManagerPart | undefined>, weeks: number): GroupFigures {
  const zero = () => new Array<number>(weeks).fill(0);
  const f = { managers: 0, reports: 0, withinCadence: 0, held: 0, expected: 0, kudosGiven: 0, recognisedByManager: 0, maxFromManager: 0, received: 0, recognised30: 0, nudgesSent: 0, nudgesActed: 0 };
  const gaps: GapCounts = new Map();
  const [held, recognition, sent, acted] = [zero(), zero(), zero(), zero()];
  const addWeeks = (to: number[], from: readonly number[]) => {
    for (let i = 0; i < from.length; i += 1) add(to, i, from[i] ?? 0);
  };
  for (const p of parts) {
    if (!p) continue;
    f.managers += 1;
    f.reports += p.reports;
    f.expected += p.expected;
    f.kudosGiven += p.kudosGiven;
    f.withinCadence += p.withinCadence;
    f.recognisedByManager += p.recognisedByManager;
    f.maxFromManager = Math.max(f.maxFromManager, p.maxFromManager);
    f.recognised30 += p.recognised30;
    f.received += p.received;
    f.held += p.held;
    f.nudgesSent += p.nudgesSent;
    f.nudgesActed += p.nudgesActed;
    mergeGaps(gaps, p.gaps);
    addWeeks(held, p.weeks.held);
    addWeeks(recognition, p.weeks.recognition);
    addWeeks(sent, p.weeks.sent);
    addWeeks(acted, p.weeks.acted);
  }
  const per100 = (v: number, people: number) => (people === 0 ? 0 : (v / people) * 100);
  return {
    ...f,
    medianGapDays: medianOfGaps(gaps),
    per100PerWeek: f.reports === 0 ? 0 : per100(f.received, f.reports) / weeks,
    trends: {
      oneOnOnes: held.map((v) => per100(v, f.reports)),
      recognition: recognition.map((v) => per100(v, f.reports)),
      followThrough: sent.map((v, i) => (v === 0 ? undefined : (acted[i] ?? 0) / v)),
    },
  };
}

/** Figures for a group of managers, over their direct reports. */
export function groupFigures(
  managerIds: readonly string[],
  org: Org,
  data: ReportData,
  byManager: Map<string, ReportData['oneOnOnes']>,
  w: ReportWindow,
): GroupFigures {
  return combineParts(managerIds.map((m) => managerPart(m, org, data, byManager, w)), w.weeks);
}
