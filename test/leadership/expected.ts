import { DAY, type GenOrg } from './org-fixture';

/**
 * Independent computations from the fixture's raw rows (not the app's code): the habits of a manager, who most
 * needs attention, and 12-month turnover. The definitions are the ones written in domain/leadership/*.ts.
 */

export interface Expected {
  reports: number;
  within: number;
  withinBefore: number;
  people30: number;
  reports30: number;
  attention: number;
}

export function expectedHabits(org: GenOrg, managerId: string, active: Set<string>, now: number): Expected {
  const all = [org.vp, ...org.moms, ...org.fl, ...org.ics];
  const manager = all.find((p) => p.id === managerId)!;
  const team = all.filter((p) => p.managerId === managerId && active.has(p.id)).map((p) => p.id);
  const before = now - 28 * DAY;
  const lastAt = (r: string, until: number) => Math.max(-Infinity, ...org.oneOnOnes.filter((o) => o.managerId === managerId && o.reportId === r && o.heldAt <= until).map((o) => o.heldAt));
  const within = team.filter((r) => now - lastAt(r, Infinity) <= manager.cadence * DAY).length;
  const withinBefore = team.filter((r) => before - lastAt(r, before) <= manager.cadence * DAY).length;
  const given = (from: number, to: number) => org.kudos.filter((k) => k.giverId === managerId && k.at >= from && k.at < to);
  const people30 = new Set(given(now - 30 * DAY, now).map((k) => k.recipientId)).size;
  const reportsIn = (from: number, to: number) => new Set(given(from, to).map((k) => k.recipientId).filter((r) => team.includes(r))).size;
  const n = team.length;
  const score = (within / n + reportsIn(before, now) / n) / 2;
  const scoreBefore = (withinBefore / n + reportsIn(now - 56 * DAY, before) / n) / 2;
  const reports30 = reportsIn(now - 30 * DAY, now);
  return { reports: n, within, withinBefore, people30, reports30, attention: (1 - within / n) + (1 - reports30 / n) + Math.max(0, scoreBefore - score) };
}

export function expectedFocus(org: GenOrg, momId: string, active: Set<string>, now: number): string | undefined {
  const fls = org.fl.filter((f) => f.managerId === momId);
  const scored = fls.map((f) => ({ id: f.id, ...expectedHabits(org, f.id, active, now) })).sort((a, b) => b.attention - a.attention);
  return scored[0] && scored[0].attention >= 0.5 ? scored[0].id : undefined;
}

export interface Leaver {
  id: string;
  managerId: string;
  at: number;
}

/** leavers ÷ (people in the group now + leavers), leavers of the last 365 days; undefined when the group is under `min`. */
export function expectedTurnover(leavers: readonly Leaver[], inGroup: (l: Leaver) => boolean, headcount: number, now: number, min: number): number | undefined {
  if (headcount < min) return undefined;
  const n = leavers.filter((l) => l.at >= now - 365 * DAY && inGroup(l)).length;
  return n / (headcount + n);
}
