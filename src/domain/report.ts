import { levelOf } from './people';
import type { Level } from './ports';
import type { ReportData, ReportPerson, ReportWindow } from './report-ports';
export { median } from './median';

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

/** Indexes the window's 1:1s by manager, once per report build. */
export function oneOnOnesByManager(data: ReportData): Map<string, ReportData['oneOnOnes']> {
  const out = new Map<string, ReportData['oneOnOnes']>();
  let id: string | undefined;
  let list: ReportData['oneOnOnes'] = [];
  for (const o of data.oneOnOnes) {
    if (o.managerId !== id) { // a manager's 1:1s mostly come together: one lookup per run of them, not per 1:1
      id = o.managerId;
      list = out.get(id) ?? [];
      out.set(id, list);
    }
    list.push(o);
  }
  return out;
}

export function share(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : part / whole;
}
