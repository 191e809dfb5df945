import type { ExecutiveDigest } from './executive';

const round = (n: number | undefined) => (n === undefined ? null : Math.round(n * 1000) / 1000);

/** Kept in nudges.payload: figures only, no names, no text. Also what next month's digest could compare with. */
export function executiveSummary(d: ExecutiveDigest): Record<string, unknown> {
  return {
    type: 'executive',
    period: d.period,
    people: d.people,
    levels: d.levels.map((l) => ({ level: l.level, managers: l.managers, reports: l.reports, cadence: round(l.cadence), recognition: round(l.recognition), followThrough: round(l.followThrough) })),
    biggestChange: d.biggestChange ? { level: d.biggestChange.level, metric: d.biggestChange.metric, from: round(d.biggestChange.from), to: round(d.biggestChange.to) } : null,
    teamsReached: d.culture.reached,
    teams: d.culture.teams,
    action: d.action.kind,
    itemId: d.action.item?.id ?? null,
    goals: d.goals.map((g) => ({ metric: g.metric, status: g.status })),
  };
}
