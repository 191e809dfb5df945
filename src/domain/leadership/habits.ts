import { buildOrg, type Org } from '../report';
import type { Level } from '../ports';
import type { LeadershipData, LeadershipPerson } from './ports';

/**
 * A manager's habits, from the shared snapshot. Definitions (the tests recompute each from raw rows):
 *  - within cadence: a direct report whose last 1:1 with this manager is at most the manager's cadence_days old
 *    (at `now`, and the same test at `now − PERIOD` for the earlier figure);
 *  - recognised people: distinct people this manager gave kudos to in the last RECOGNITION_DAYS;
 *  - reports recognised: distinct direct reports this manager recognised (last RECOGNITION_DAYS; and per PERIOD for the trend);
 *  - nudge follow-through: weekly nudges sent in the last PERIOD that the manager acted on (a prep or kudos click);
 *  - habit score for a period: the mean of the share within cadence at its end and the share of reports the
 *    manager recognised during it; the trend compares the last PERIOD with the PERIOD before it.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Four weeks: "trend against the previous 4 weeks". */
export const PERIOD_DAYS = 28;
export const RECOGNITION_DAYS = 30;
/** A habit score moving less than this between periods is "steady". */
export const TREND_STEP = 0.1;

export type Trend = 'up' | 'down' | 'steady';

export interface ManagerHabits {
  id: string;
  name: string;
  level: Level;
  reports: number;
  withinCadence: number;
  withinCadenceBefore: number;
  recognisedPeople30: number;
  reportsRecognised30: number;
  reportsRecognisedNow: number;
  reportsRecognisedBefore: number;
  nudgesSent: number;
  nudgesActed: number;
  score: number;
  scoreBefore: number;
  trend: Trend;
}

/** The snapshot indexed once for every digest built from it. */
export interface LeadershipIndex {
  data: LeadershipData;
  org: Org;
  person(id: string): LeadershipPerson | undefined;
  /** Memoised per manager: a digest run asks for the same manager from several places. */
  habits(managerId: string): ManagerHabits | undefined;
  /** Recipients of kudos in [from, to). */
  recognisedIn(from: number, to: number): Set<string>;
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export function share(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : part / whole;
}

export function trendOf(score: number, before: number): Trend {
  const d = score - before;
  return d >= TREND_STEP - 1e-9 ? 'up' : d <= -TREND_STEP + 1e-9 ? 'down' : 'steady';
}

export function indexLeadership(data: LeadershipData): LeadershipIndex {
  const org = buildOrg(data.people);
  const byId = new Map(data.people.map((p) => [p.id, p]));
  const kudosByGiver = groupBy(data.kudos, (k) => k.giverId);
  const nudgesByPerson = groupBy(data.nudges, (n) => n.personId);
  const now = data.now;
  const periodStart = now - PERIOD_DAYS * DAY_MS;
  const previousStart = now - 2 * PERIOD_DAYS * DAY_MS;
  const recognitionStart = now - RECOGNITION_DAYS * DAY_MS;
  const memo = new Map<string, ManagerHabits | undefined>();

  function compute(managerId: string): ManagerHabits | undefined {
    const reports = org.reportsOf.get(managerId) ?? [];
    const manager = byId.get(managerId);
    if (!manager || reports.length === 0) return undefined;
    const cadenceMs = manager.cadenceDays * DAY_MS;
    let within = 0;
    let withinBefore = 0;
    for (const r of reports) {
      const last = data.lastOneOnOne.get(r);
      if (last?.now !== undefined && now - last.now <= cadenceMs) within += 1;
      if (last?.before !== undefined && periodStart - last.before <= cadenceMs) withinBefore += 1;
    }
    const team = new Set(reports);
    const people30 = new Set<string>();
    const reports30 = new Set<string>();
    const reportsNow = new Set<string>();
    const reportsBefore = new Set<string>();
    for (const k of kudosByGiver.get(managerId) ?? []) {
      if (k.at >= recognitionStart && k.at < now) {
        people30.add(k.recipientId);
        if (team.has(k.recipientId)) reports30.add(k.recipientId);
      }
      if (!team.has(k.recipientId)) continue;
      if (k.at >= periodStart && k.at < now) reportsNow.add(k.recipientId);
      else if (k.at >= previousStart && k.at < periodStart) reportsBefore.add(k.recipientId);
    }
    let sent = 0;
    let acted = 0;
    for (const n of nudgesByPerson.get(managerId) ?? []) {
      if (n.dueAt < periodStart || n.dueAt >= now) continue;
      sent += 1;
      if (n.acted) acted += 1;
    }
    const n = reports.length;
    const score = (within / n + reportsNow.size / n) / 2;
    const scoreBefore = (withinBefore / n + reportsBefore.size / n) / 2;
    return {
      id: managerId,
      name: manager.name,
      level: org.levelOf(managerId),
      reports: n,
      withinCadence: within,
      withinCadenceBefore: withinBefore,
      recognisedPeople30: people30.size,
      reportsRecognised30: reports30.size,
      reportsRecognisedNow: reportsNow.size,
      reportsRecognisedBefore: reportsBefore.size,
      nudgesSent: sent,
      nudgesActed: acted,
      score,
      scoreBefore,
      trend: trendOf(score, scoreBefore),
    };
  }

  return {
    data,
    org,
    person: (id) => byId.get(id),
    habits(managerId) {
      if (!memo.has(managerId)) memo.set(managerId, compute(managerId));
      return memo.get(managerId);
    },
    recognisedIn(from, to) {
      const out = new Set<string>();
      for (const k of data.kudos) if (k.at >= from && k.at < to) out.add(k.recipientId);
      return out;
    },
  };
}

// ---------- who most needs attention ----------

/** Below this, nobody is highlighted: every manager's habits are close enough to healthy. */
export const ATTENTION_THRESHOLD = 0.5;

/**
 * How far a manager's habits are from healthy, 0 (all good) to 3:
 *   (1 − share of reports within cadence) + (1 − share of reports they recognised in 30 days) + the drop in
 *   their habit score against the previous 4 weeks (0 when it rose or held).
 * Nudge follow-through is shown but not scored: pausing nudges is a legitimate choice, not a lapse.
 */
export function attentionOf(h: ManagerHabits): number {
  return 1 - h.withinCadence / h.reports + (1 - h.reportsRecognised30 / h.reports) + Math.max(0, h.scoreBefore - h.score);
}

/**
 * The one manager who most needs attention: the highest attention score, at least ATTENTION_THRESHOLD.
 * Ties: the lower share within cadence, then the larger team (more people affected), then name, then id.
 */
export function mostNeedsAttention(list: readonly ManagerHabits[]): ManagerHabits | undefined {
  const ranked = [...list].sort(compareAttention);
  const top = ranked[0];
  return top && attentionOf(top) >= ATTENTION_THRESHOLD - 1e-9 ? top : undefined;
}

export function compareAttention(a: ManagerHabits, b: ManagerHabits): number {
  const byScore = attentionOf(b) - attentionOf(a);
  if (Math.abs(byScore) > 1e-9) return byScore;
  const byCadence = a.withinCadence / a.reports - b.withinCadence / b.reports;
  if (Math.abs(byCadence) > 1e-9) return byCadence;
  return b.reports - a.reports || a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
