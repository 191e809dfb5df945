import { DomainError } from './errors';
import type { Clock, Level } from './ports';
import { LEVELS } from './ports';
import { closesAt, isPulseMonth, latestClosedPeriod, pulseResult, rollUpPulse, shiftPeriod, shuffled, utcPeriod, type PulseAggregate, type PulseResult } from './pulse';
import type { PulseRepository } from './pulse-ports';
import { buildOrg, mayViewTeam, oneOnOnesByManager, reportWindow, type Org } from './report';
import { groupFigures, type GroupFigures } from './group-figures';
import type { ReportData, ReportReadModel, ReportWindow } from './report-ports';
import type { ManagerTurnover, OrgTurnover } from './leadership/turnover';
import type { GoalProgress } from './leadership/org-goals';

export const REPORT_FORBIDDEN = 'You can see reports for yourself and the managers in your own part of the org only.';
export const ORG_ADMIN_ONLY = 'The organisation report is for Leadwell admins. `/coach report` shows your own team.';

export interface ManagerSummary {
  id: string;
  name: string;
  level: Level;
  managerId?: string;
  figures: GroupFigures;
  pulse: PulseResult;
  /** 12-month turnover of their team (and subtree), hidden below the group minimum; never who left. */
  turnover?: ManagerTurnover;
}

export interface MemberLine {
  id: string;
  name: string;
  held: number;
  /** Days since the last 1:1 with this manager; undefined when none on record. */
  daysSince?: number;
  withinCadence: boolean;
  fromManager: number;
}

export interface TeamReport {
  kind: 'team';
  window: ReportWindow;
  manager: ManagerSummary;
  cadenceDays: number;
  members: MemberLine[];
  /** Comments about this manager, only when their pulse is shown, in random order. Only for the manager themself. */
  comments: string[];
  /** This month's pulse while it is still taking answers (its results come after it closes). */
  openPulse?: { period: string; closesAt: number };
  /** The group size below which turnover is hidden (PULSE_MIN_RESPONSES). */
  minGroup: number;
  /** Skip-level view: every manager below, and the whole subtree rolled up. */
  below?: { managers: ManagerSummary[]; rollup: GroupFigures; pulse: PulseResult };
}

export interface LevelLine {
  level: Level | 'all';
  figures: GroupFigures;
  pulse: PulseResult;
}

export interface OrgReport {
  kind: 'org';
  window: ReportWindow;
  pulsePeriod: string;
  people: number;
  levels: LevelLine[];
  /** The organisation's pulse average for the last six closed months, oldest first (undefined: not enough answers). */
  pulseTrend: Array<{ period: string; average?: number }>;
  /** Turnover by role and for the organisation (admins: with the regretted count), and the organisation goals. */
  turnover?: OrgTurnover;
  goals?: GoalProgress[];
  minGroup: number;
}

export interface ReportServiceDeps {
  reads: ReportReadModel;
  pulse: Pick<PulseRepository, 'aggregates' | 'comments'>;
  clock: Clock;
  isAdmin(personId: string): boolean;
  minResponses: number;
  random?: () => number;
  /** How often the pulse runs (months; 0 = off), to say when the current one closes. */
  pulseEvery?: () => Promise<number>;
  /** Coaching the coaches (issue 21): turnover and organisation goals. */
  leadership?: {
    turnoverForManager(managerId: string): Promise<ManagerTurnover>;
    orgTurnover(requesterId: string): Promise<OrgTurnover>;
    goalsProgress(): Promise<GoalProgress[]>;
  };
}

interface Built {
  now: number;
  window: ReportWindow;
  org: Org;
  data: ReportData;
  byManager: ReturnType<typeof oneOnOnesByManager>;
  period: string;
  pulse: Map<string, PulseAggregate>;
}

export function createReportService(deps: ReportServiceDeps) {
  const min = deps.minResponses;

  async function build(): Promise<Built> {
    const now = deps.clock.now();
    const window = reportWindow(now);
    const data = await deps.reads.load(window);
    const period = latestClosedPeriod(now);
    const pulse = new Map((await deps.pulse.aggregates(period)).map((a) => [a.managerId, a]));
    return { now, window, org: buildOrg(data.people), data, byManager: oneOnOnesByManager(data), period, pulse };
  }

  async function summary(b: Built, id: string): Promise<ManagerSummary> {
    const p = b.org.byId.get(id);
    return {
      id,
      name: p?.name ?? id,
      level: b.org.levelOf(id),
      managerId: p?.managerId,
      figures: groupFigures([id], b.org, b.data, b.byManager, b.window),
      pulse: pulseResult(b.period, b.pulse.get(id)?.distribution, min, b.now),
      turnover: await deps.leadership?.turnoverForManager(id),
    };
  }

  function rolledPulse(b: Built, managerIds: readonly string[]): PulseResult {
    const parts = managerIds.map((m) => b.pulse.get(m)).filter((a): a is PulseAggregate => a !== undefined);
    return pulseResult(b.period, rollUpPulse(parts, min), min, b.now);
  }

  /** Who may see whose report: yourself, anyone below you; admins anyone. */
  function authorise(b: Built, requesterId: string, targetId: string): void {
    if (!mayViewTeam(b.org, deps.isAdmin(requesterId), requesterId, targetId)) throw new DomainError('report_forbidden', REPORT_FORBIDDEN);
  }

  function members(b: Built, managerId: string): MemberLine[] {
    const cadence = b.org.byId.get(managerId)?.cadenceDays ?? 14;
    const held = new Map<string, number>();
    for (const o of b.byManager.get(managerId) ?? []) held.set(o.reportId, (held.get(o.reportId) ?? 0) + 1);
    return (b.org.reportsOf.get(managerId) ?? []).map((id) => {
      const last = b.data.lastOneOnOne.get(id);
      return {
        id,
        name: b.org.byId.get(id)?.name ?? id,
        held: held.get(id) ?? 0,
        daysSince: last === undefined ? undefined : Math.floor((b.now - last) / 86_400_000),
        withinCadence: last !== undefined && b.now - last <= cadence * 86_400_000,
        fromManager: b.data.fromManager.get(id) ?? 0,
      };
    });
  }

  return {
    /** `/coach report` for a manager (and `/coach report @manager` for someone above them or an admin). */
    async team(requesterId: string, targetId: string = requesterId): Promise<TeamReport> {
      const b = await build();
      authorise(b, requesterId, targetId);
      const managersBelow = b.org.managersUnder(targetId, false);
      if ((b.org.reportsOf.get(targetId)?.length ?? 0) === 0 && managersBelow.length === 0) {
        throw new DomainError('report_no_team', requesterId === targetId
          ? 'Nobody reports to you in Leadwell yet, so there is no team report. Add your reports from the Home tab.'
          : 'Nobody reports to them in Leadwell, so there is no team report.');
      }
      const manager = await summary(b, targetId);
      const comments = requesterId === targetId && manager.pulse.state === 'shown' ? shuffled(await deps.pulse.comments(targetId, b.period), deps.random) : [];
      const report: TeamReport = { kind: 'team', window: b.window, manager, cadenceDays: b.org.byId.get(targetId)?.cadenceDays ?? 14, members: members(b, targetId), comments, minGroup: min };
      const current = utcPeriod(b.now);
      const every = (await deps.pulseEvery?.()) ?? 0;
      if (every > 0 && isPulseMonth(current, every) && current !== b.period) report.openPulse = { period: current, closesAt: closesAt(current) };
      if (managersBelow.length > 0) {
        const all = [targetId, ...managersBelow];
        report.below = {
          managers: await Promise.all(managersBelow.map((m) => summary(b, m))),
          rollup: groupFigures(all, b.org, b.data, b.byManager, b.window),
          pulse: rolledPulse(b, all),
        };
      }
      return report;
    },

    /** The organisation by level: admins only. */
    async org(requesterId: string): Promise<OrgReport> {
      if (!deps.isAdmin(requesterId)) throw new DomainError('report_admin_only', ORG_ADMIN_ONLY);
      const b = await build();
      const managers = [...b.org.reportsOf.keys()];
      const byLevel = (level: Level | 'all') => (level === 'all' ? managers : managers.filter((m) => b.org.levelOf(m) === level));
      const levels = [...LEVELS, 'all' as const].map((level): LevelLine => {
        const ids = byLevel(level);
        return { level, figures: groupFigures(ids, b.org, b.data, b.byManager, b.window), pulse: rolledPulse(b, ids) };
      });
      const pulseTrend: OrgReport['pulseTrend'] = [];
      for (const back of [5, 4, 3, 2, 1, 0]) {
        const period = shiftPeriod(b.period, -back);
        const result = pulseResult(period, rollUpPulse(await deps.pulse.aggregates(period), min), min, b.now);
        pulseTrend.push({ period, average: result.state === 'shown' ? result.average : undefined });
      }
      const turnover = await deps.leadership?.orgTurnover(requesterId);
      return { kind: 'org', window: b.window, pulsePeriod: b.period, people: b.data.people.length, levels, pulseTrend, turnover, goals: await deps.leadership?.goalsProgress(), minGroup: min };
    },

    /** One line per manager in the requester's scope (admins: everyone), for the CSV export. */
    async exportRows(requesterId: string): Promise<{ period: string; window: ReportWindow; managers: ManagerSummary[] }> {
      const b = await build();
      const ids = deps.isAdmin(requesterId) ? [...b.org.reportsOf.keys()] : b.org.managersUnder(requesterId, true);
      if (ids.length === 0) throw new DomainError('report_no_team', 'Nobody reports to you in Leadwell yet, so there is nothing to export.');
      return { period: b.period, window: b.window, managers: await Promise.all(ids.map((id) => summary(b, id))) };
    },

    isAdmin: (personId: string) => deps.isAdmin(personId),
  };
}

export type ReportService = ReturnType<typeof createReportService>;
