import type { Org } from '../report';
import type { Departure, DepartureRole } from './ports';

/**
 * 12-month rolling turnover of a group: the people who left it in the last 365 days ÷ (the people in it now +
 * those who left), i.e. the share of everyone who was in the group during the year who left. Exact from what
 * Leadwell records (hire dates are not known, so "average headcount" is not). A group belongs to a departure
 * as it was at the time: the manager and the chain above them when they left, and their own role then.
 * A figure is shown only when the group has at least `minGroup` people now (PULSE_MIN_RESPONSES): a rate of a
 * handful of people tells who left. Nothing here carries a name.
 */

export const TURNOVER_DAYS = 365;

export type TurnoverFigure =
  | { shown: true; headcount: number; leavers: number; rate: number; regretted?: number }
  | { shown: false; reason: 'small-group' };

export type TurnoverGroup = { kind: 'team' | 'subtree'; managerId: string } | { kind: 'role'; role: DepartureRole } | { kind: 'org' };

export const ROLES: readonly DepartureRole[] = ['individual', 'frontline', 'mid-level', 'executive'];

export function roleOf(org: Org, id: string): DepartureRole {
  return (org.reportsOf.get(id)?.length ?? 0) === 0 ? 'individual' : org.levelOf(id);
}

function belongs(d: Departure, g: TurnoverGroup): boolean {
  switch (g.kind) {
    case 'team':
      return d.managerId === g.managerId;
    case 'subtree':
      return d.managerChain.includes(g.managerId);
    case 'role':
      return d.role === g.role;
    case 'org':
      return true;
  }
}

export function headcountOf(org: Org, g: TurnoverGroup): number {
  switch (g.kind) {
    case 'team':
      return org.reportsOf.get(g.managerId)?.length ?? 0;
    case 'subtree':
      return org.below(g.managerId).length;
    case 'role': {
      let n = 0;
      for (const id of org.byId.keys()) if (roleOf(org, id) === g.role) n += 1;
      return n;
    }
    case 'org':
      return org.byId.size;
  }
}

/** `departures` are the open ones of the last TURNOVER_DAYS; `withRegretted` only for admins. */
export function turnoverOf(org: Org, departures: readonly Departure[], g: TurnoverGroup, minGroup: number, withRegretted = false): TurnoverFigure {
  const headcount = headcountOf(org, g);
  if (headcount < minGroup) return { shown: false, reason: 'small-group' };
  const mine = departures.filter((d) => belongs(d, g));
  const leavers = mine.length;
  const figure: TurnoverFigure = { shown: true, headcount, leavers, rate: leavers / (headcount + leavers) };
  if (withRegretted) figure.regretted = mine.filter((d) => d.regretted === true).length;
  return figure;
}

export interface OrgTurnover {
  org: TurnoverFigure;
  roles: Array<{ role: DepartureRole; figure: TurnoverFigure }>;
}

export function orgTurnover(org: Org, departures: readonly Departure[], minGroup: number, withRegretted: boolean): OrgTurnover {
  return {
    org: turnoverOf(org, departures, { kind: 'org' }, minGroup, withRegretted),
    roles: ROLES.map((role) => ({ role, figure: turnoverOf(org, departures, { kind: 'role', role }, minGroup, withRegretted) })),
  };
}

export interface ManagerTurnover {
  team: TurnoverFigure;
  subtree?: TurnoverFigure;
}

export function managerTurnover(org: Org, departures: readonly Departure[], managerId: string, minGroup: number): ManagerTurnover {
  const managesManagers = (org.reportsOf.get(managerId) ?? []).some((r) => (org.reportsOf.get(r)?.length ?? 0) > 0);
  return {
    team: turnoverOf(org, departures, { kind: 'team', managerId }, minGroup),
    subtree: managesManagers ? turnoverOf(org, departures, { kind: 'subtree', managerId }, minGroup) : undefined,
  };
}
