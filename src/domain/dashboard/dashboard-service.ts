import { DomainError } from '../errors';
import { LEVELS, type Level } from '../ports';
import { closesAt, latestClosedPeriod, pulseResult, rollUpPulse, shiftPeriod, type PulseAggregate } from '../pulse';
import { WEEK_MS, buildOrg, mayViewTeam, oneOnOnesByManager, reportWindow, type Org } from '../report';
import { ORG_ADMIN_ONLY, REPORT_FORBIDDEN } from '../report-service';
import type { DashboardDeps } from './ports';
import { bucketWeeks, periodWeeks, type DashboardQuery } from './query';
import { oneOnOneHistory, partsOf, personSums, type Prepared } from './prepared';
import { headline, series } from './series';
import { sortManagers } from './sort';
import type { DashboardResult, DashboardView, GroupView, ManagerRow, PersonRef } from './view';

/** Closed pulse months that start inside the window, oldest first. */
function monthsIn(from: number, now: number): string[] {
  const out: string[] = [];
  for (let p = latestClosedPeriod(now); closesAt(shiftPeriod(p, -1)) > from; p = shiftPeriod(p, -1)) out.unshift(p);
  return out;
}

function trailTo(org: Org, targetId: string, stopAt: string | undefined): PersonRef[] {
  const trail: PersonRef[] = [];
  const seen = new Set<string>();
  for (let id: string | undefined = targetId; id !== undefined && !seen.has(id); id = org.byId.get(id)?.managerId) {
    seen.add(id);
    trail.unshift({ id, name: org.byId.get(id)?.name ?? id });
    if (id === stopAt) break;
  }
  return trail;
}

export function createDashboardService(deps: DashboardDeps) {
  const min = deps.minResponses;

  /** Each month's aggregates, read together (on PostgreSQL the reads overlap; SQLite answers each at once). */
  async function pulseFor(months: string[], now: number) {
    const read = await Promise.all(months.map(async (m) => new Map((await deps.pulse.aggregates(m)).map((a) => [a.managerId, a]))));
    const figure = (month: number, managerIds: readonly string[]) => {
      const m = months[month] as string;
      const all = read[month] as Map<string, PulseAggregate>;
      const parts = managerIds.map((id) => all.get(id)).filter((a): a is PulseAggregate => a !== undefined);
      const rolled = rollUpPulse(parts, min);
      // Fewer answers than the threshold are never shown, open month or closed: most managers' rows end here,
      // without pulseResult's date arithmetic (issue #20: ~1,000 rows a page).
      if (rolled.reduce((a, b) => a + b, 0) < min) return undefined;
      const r = pulseResult(m, rolled, min, now);
      return r.state === 'shown' ? { period: m, average: r.average, responses: r.responses } : undefined;
    };
    return {
      /** A group's figure for every month (the chart) and the latest month's (the headline). */
      byMonth(managerIds: readonly string[]) {
        const figures = months.map((_, i) => figure(i, managerIds));
        return { byMonth: figures.map((f) => f?.average), latest: figures.at(-1) };
      },
      /** The latest month's alone: a manager's row shows no other. */
      latest: (managerIds: readonly string[]) => (months.length > 0 ? figure(months.length - 1, managerIds) : undefined),
    };
  }

  /** The page's data; with `under`, the figures of that person's part of the organisation only (see ReportLoadOptions). */
  async function prepare(weeks: number, under: string | undefined): Promise<Prepared & { now: number; months: string[]; pulse: Awaited<ReturnType<typeof pulseFor>> }> {
    const now = deps.clock.now();
    const window = reportWindow(now, weeks);
    const months = monthsIn(window.from, now);
    const [data, activity, pulse] = await Promise.all([deps.reads.load(window, { fromManager: false, kudosGiven: false, under }), deps.activity.activity(window), pulseFor(months, now)]);
    const size = bucketWeeks(weeks);
    const buckets = Array.from({ length: Math.ceil(weeks / size) }, (_, i) => window.from + i * size * WEEK_MS);
    const org = buildOrg(data.people);
    const byManager = oneOnOnesByManager(data);
    return {
      now, months, pulse, org, data, activity, window, bucketWeeks: size, buckets, byManager,
      history: oneOnOneHistory(data, window.from),
      sums: personSums(data, activity, size, buckets.length),
      partOf: partsOf({ org, data, byManager, window }),
    };
  }

  /** The scope the viewer asked for, refused exactly as `/coach report` refuses it. */
  function resolveScope(p: Prepared, viewerId: string, isAdmin: boolean, asked: DashboardQuery['scope']): DashboardView['scope'] {
    const scope = asked ?? (isAdmin ? 'org' : viewerId);
    if (scope === 'org') {
      if (!isAdmin) throw new DomainError('report_admin_only', ORG_ADMIN_ONLY);
      return { kind: 'org' };
    }
    if (!mayViewTeam(p.org, isAdmin, viewerId, scope)) throw new DomainError('report_forbidden', REPORT_FORBIDDEN);
    if (p.org.managersUnder(scope, true).length === 0) throw new DomainError('report_no_team', 'Nobody reports to them in Leadwell, so there is nothing to show.');
    return { kind: 'manager', id: scope, name: p.org.byId.get(scope)?.name ?? scope, level: p.org.levelOf(scope), trail: trailTo(p.org, scope, isAdmin ? undefined : viewerId) };
  }

  return {
    async view(viewerId: string, query: DashboardQuery): Promise<DashboardResult> {
      const isAdmin = await deps.isAdmin(viewerId);
      // A manager's page reads their subtree's figures only; whether they may see it is decided below, on the whole
      // organisation's people, exactly as before (a refused scope's figures are read, then never shown).
      const asked = query.scope ?? (isAdmin ? 'org' : viewerId);
      const p = await prepare(periodWeeks(query.period), asked === 'org' ? undefined : asked);
      const viewer = { id: viewerId, name: p.org.byId.get(viewerId)?.name ?? viewerId };
      const ownManagers = p.org.managersUnder(viewerId, true);
      if (!isAdmin && ownManagers.length === 0) return { kind: 'nothing', viewer };
      const scope = resolveScope(p, viewerId, isAdmin, query.scope);
      const inScope = (scope.kind === 'org' ? [...p.org.reportsOf.keys()] : p.org.managersUnder(scope.id, true)).filter(
        (m) => query.level === 'all' || p.org.levelOf(m) === query.level,
      );
      const months = p.months;
      const groupOf = (key: Level | 'all', ids: string[]): GroupView => {
        const pl = p.pulse.byMonth(ids);
        return { key, headline: headline(p, ids), series: series(p, ids), pulseByMonth: pl.byMonth, pulse: pl.latest };
      };
      const levels = LEVELS.map((l) => [l, inScope.filter((m) => p.org.levelOf(m) === l)] as const).filter(([, ids]) => ids.length > 0);
      const managers = inScope.map((id): ManagerRow => ({ id, name: p.org.byId.get(id)?.name ?? id, level: p.org.levelOf(id), headline: headline(p, [id]), pulse: p.pulse.latest([id]) }));
      const choiceIds = isAdmin ? [...p.org.reportsOf.keys()] : ownManagers;
      return {
        kind: 'dashboard',
        viewer: { ...viewer, isAdmin },
        query: { ...query, scope: scope.kind === 'org' ? 'org' : scope.id },
        scope,
        choices: choiceIds.map((id) => ({ id, name: p.org.byId.get(id)?.name ?? id, level: p.org.levelOf(id) })).sort((a, b) => a.name.localeCompare(b.name)),
        window: { from: p.window.from, to: p.window.to, weeks: p.window.weeks },
        bucketWeeks: p.bucketWeeks,
        buckets: p.buckets,
        months,
        groups: [groupOf('all', inScope), ...levels.map(([l, ids]) => groupOf(l, ids))],
        managers: sortManagers(managers, query.sort, query.dir),
        minResponses: min,
      };
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
