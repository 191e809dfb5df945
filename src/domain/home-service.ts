import { localToday } from './cadence';
import { fastCadenceStatus } from './home-cadence';
import { isoWeekOf } from './nudge-schedule';
import { tipOfWeek as pickTipOfWeek } from './tip-of-week';
import type { HomeCircle, HomeModel, HomeReadModel, OrgReadModel, TeamFacts, TeamMemberView, TeamStatus, TeamView, TipOfWeekStore, AdminView } from './home';
import { levelInfo, type LevelService } from './levels';
import { levelOf, type Person } from './people';
import type { PeopleService } from './people-service';
import type { GoalsReader } from './prep-card';
import type { GoalsHome, HomeKnown } from './goal-surfaces';
import type { Clock, GuidanceSource, Level, RenderedGuidance } from './ports';
import { MANAGING_WINDOW_DAYS } from './nudge-ports';
import type { WelcomeFacts, WelcomeRole, WelcomeService, WelcomeState } from './welcome';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Two blocks a report (summary + buttons): 20 keeps the whole tab well under Slack's 100 blocks. */
export const TEAM_PAGE_SIZE = 20;
export const LATEST_KUDOS = 5;
/** Topics a tip of the week rotates through; 1:1 items are for the prep card, where a report is named. */
const URGENCY: Record<TeamStatus, number> = { overdue: 0, first: 1, 'due-soon': 2, 'on-track': 3 };
/** One collator for every sort: `localeCompare` with options builds a new one per call (slow for 150 reports). */
const byName = new Intl.Collator('en', { sensitivity: 'base' });
/** Org-wide admin figures scan the people table; they may be this old, so an admin's Home opens fast. */
export const ADMIN_FIGURES_TTL_MS = 60_000;

export interface HomeService {
  /** Everything the Home tab shows for this person; undefined when Slack does not know them. */
  /** `opened`: the person opened their Home tab (the first open starts their welcome). */
  homeFor(viewerId: string, options?: { page?: number; opened?: boolean }): Promise<HomeModel | undefined>;
  dismissWelcome(viewerId: string): Promise<void>;
}

export interface HomeServiceDeps {
  people: PeopleService;
  levels: LevelService;
  reads: HomeReadModel;
  org: OrgReadModel;
  tips: TipOfWeekStore;
  guidance: GuidanceSource;
  clock: Clock;
  goals?: GoalsReader;
  goalsHome?: { homeFor(viewerId: string, known: HomeKnown): Promise<GoalsHome> };
  pageSize?: number;
  welcome?: WelcomeService;
}

/** Someone who manages for the welcome's wording: reports on record, a level they or an admin set, or recent 1:1 prep. */
function managesFacts(viewer: Person, reports: number, isAdmin: boolean, now: number): WelcomeFacts {
  const recentPrep = viewer.managingSeenAt !== undefined && now - viewer.managingSeenAt < MANAGING_WINDOW_DAYS * DAY_MS;
  return { isAdmin, manages: reports > 0 || viewer.levelOverride !== undefined || recentPrep };
}

/** Most urgent first: overdue (longest first), never met, due soon, on track; then by name. */
export function byUrgency(a: TeamMemberView, b: TeamMemberView): number {
  const u = URGENCY[a.cadence.state] - URGENCY[b.cadence.state];
  if (u !== 0) return u;
  const days = (b.cadence.daysSince ?? 0) - (a.cadence.daysSince ?? 0);
  if (days !== 0) return days;
  return byName.compare(a.person.name, b.person.name) || (a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0);
}

export function createHomeService(deps: HomeServiceDeps): HomeService {
  const { people, levels, reads, clock } = deps;
  const pageSize = deps.pageSize ?? TEAM_PAGE_SIZE;

  function team(viewer: Person, facts: readonly TeamFacts[], today: string, requestedPage: number): TeamView {
    const members = facts
      .map((f): TeamMemberView => ({
        person: f.person,
        lastOneOnOne: f.lastOneOnOne,
        cadence: fastCadenceStatus(f.lastOneOnOne, today, viewer.cadenceDays),
        openActionItems: f.openActionItems,
        kudosReceived30d: f.kudosSince,
      }))
      .sort(byUrgency);
    const counts: Record<TeamStatus, number> = { overdue: 0, first: 0, 'due-soon': 0, 'on-track': 0 };
    for (const m of members) counts[m.cadence.state] += 1;
    const pageCount = Math.max(1, Math.ceil(members.length / pageSize));
    const page = Math.min(Math.max(0, Math.floor(requestedPage) || 0), pageCount - 1);
    return {
      total: members.length, page, pageCount, pageSize, counts, cadenceDays: viewer.cadenceDays,
      members: members.slice(page * pageSize, (page + 1) * pageSize),
    };
  }

  /** The tip kept for this week comes from the circle's read (`kept`); picking a new one writes through the store. */
  function tipOfWeek(viewer: Person, level: Level, kept: HomeCircle['tip']): Promise<RenderedGuidance | undefined> {
    return pickTipOfWeek({ guidance: deps.guidance, tips: deps.tips, now: clock.now() }, viewer, level, isoWeekOf(clock.now(), viewer.tz), { kept });
  }

  /** The first open starts the welcome (before which one to show is decided); later opens only read what the circle read. */
  async function welcomeFor(viewer: Person, isAdmin: boolean, reports: number, known: WelcomeState, opened: boolean): Promise<WelcomeRole | undefined> {
    if (!deps.welcome) return undefined;
    const state = opened ? await deps.welcome.opened(viewer.id, { isAdmin }, known) : known;
    return deps.welcome.roleToShow(viewer.id, managesFacts(viewer, reports, isAdmin, clock.now()), state);
  }

  let adminCache: { at: number; view: AdminView } | undefined;
  async function admin(): Promise<AdminView> {
    const now = clock.now();
    if (adminCache && now - adminCache.at >= 0 && now - adminCache.at < ADMIN_FIGURES_TTL_MS) return adminCache.view;
    adminCache = { at: now, view: await adminFigures() };
    return adminCache.view;
  }

  async function adminFigures(): Promise<AdminView> {
    const managersByLevel: Record<Level, number> = { frontline: 0, 'mid-level': 0, executive: 0 };
    const [managers, orgSize, withoutManager] = await Promise.all([deps.org.managerDepths(), deps.org.activePeople(), deps.org.withoutManager(10)]);
    for (const m of managers) managersByLevel[levelOf({ levelOverride: m.levelOverride }, m.depth).level] += 1;
    return { orgSize, withoutManager, managersByLevel, managers: managers.length };
  }

  return {
    dismissWelcome: async (viewerId) => {
      await deps.welcome?.dismiss(viewerId);
    },
    async homeFor(viewerId, options = {}) {
      // Wave one: everything the viewer's id alone decides, in three statements sent together (on PostgreSQL each
      // statement is a round trip and the app's own CPU, so fewer and wider reads make the open fast).
      const circle = await reads.circle(viewerId, clock.now() - 30 * DAY_MS, LATEST_KUDOS);
      const viewer = await people.ensureRead(viewerId, circle.viewer);
      if (!viewer) return undefined;
      const today = localToday(clock.now(), viewer.tz);
      const isAdmin = levels.isAdmin(viewer.id);
      // The depth below the viewer, as subtreeDepth gives it: the most below any active report, 0 without reports.
      const level = levelInfo(viewer, Math.max(0, ...circle.reports.map((f) => f.depth)));
      const reports = circle.reports.map((f) => f.person);
      const isManager = reports.length > 0;
      const { manager } = circle;
      // Then what needs the viewer's row: each read the circle made is handed down, not repeated, so a later open sends
      // nothing more; the first open of a week picks the tip, the first ever starts the welcome.
      const [tip, goals, goalsHome, adminView, welcome] = await Promise.all([
        isManager || viewer.levelOverride ? tipOfWeek(viewer, level.level, circle.tip) : undefined,
        deps.goalsHome ? undefined : deps.goals?.activeFor(viewer.id),
        deps.goalsHome?.homeFor(viewer.id, { viewer, manager, team: circle.team, reports, remindersOptedOut: circle.remindersOptedOut, plan: circle.plan, goals: circle.goals }),
        isAdmin ? admin() : undefined,
        welcomeFor(viewer, isAdmin, reports.length, circle.welcome, options.opened === true),
      ]);
      return {
        viewer,
        today,
        isManager,
        level,
        manager: manager && !manager.deleted ? manager : undefined,
        team: isManager ? team(viewer, circle.reports, today, options.page ?? 0) : undefined,
        tip,
        recognition: { ...circle.counts, latestReceived: circle.latest.lines, givers: circle.latest.givers },
        goals,
        goalsHome,
        admin: adminView,
        welcome,
      };
    },
  };
}
