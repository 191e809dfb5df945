import type { OutboxStatusView } from './outbox/outbox-service';
import type { CadenceStatus } from './cadence';
import type { DevelopmentPlan } from './development-plan';
import type { GoalsWithLatest } from './goal-ports';
import type { LevelInfo } from './levels';
import type { Person } from './people';
import type { GoalSummary } from './prep-card';
import type { GoalsHome } from './goal-surfaces';
import type { Level, RenderedGuidance } from './ports';
import type { WelcomeRole, WelcomeState } from './welcome';

/** Read-only queries App Home needs from the people, 1:1 and kudos tables: one statement each, so a big team costs one round trip. */
export interface HomeReadModel {
  /**
   * The manager's active direct reports, by name (as PeopleRepository.reportsOf), each with the date of their latest 1:1
   * with this manager, the open action items of this manager's 1:1s with them, and the kudos they received since `kudosSince`.
   */
  team(managerId: string, kudosSince: number): Promise<TeamFacts[]>;
  recognitionCounts(personId: string, since: number): Promise<RecognitionCounts>;
  /** The latest kudos received, newest first, with the rows of their givers (by id; a giver whose row is gone is absent). */
  latestKudosReceived(personId: string, limit: number): Promise<{ lines: KudosLine[]; givers: Map<string, Person> }>;
  /**
   * Everything an App Home open reads that its viewer's id alone decides, in three statements sent together: the
   * same rows and figures as get, getWithReports(manager), team, recognitionCounts, latestKudosReceived, the tip
   * store, the welcome's columns, the goal reminder opt-out, the viewer's development plan and the goals of all of
   * them with their latest check-ins, read one by one.
   */
  circle(viewerId: string, kudosSince: number, latestLimit: number): Promise<HomeCircle>;
}

/** What App Home reads around its viewer in one go (HomeReadModel.circle). */
export interface HomeCircle {
  /** The viewer's row; undefined when not on record. */
  viewer?: Person;
  /** The viewer's manager's row (deactivated or not), and that manager's active reports by name (the viewer among them). */
  manager?: Person;
  team: Person[];
  /** The viewer's active reports with their figures, as team(viewerId, kudosSince). */
  reports: TeamFacts[];
  counts: RecognitionCounts;
  latest: { lines: KudosLine[]; givers: Map<string, Person> };
  /** The tip kept for the viewer, and the week it was kept for. */
  tip?: { week: string; itemId: string };
  welcome: WelcomeState;
  remindersOptedOut: boolean;
  /** The viewer's own development plan, as DevelopmentPlanRepository.get gives it (read whether or not they may open it). */
  plan: DevelopmentPlan;
  /** GoalRepository.activeWithLatest of the viewer, their manager, the manager's active reports and the viewer's. */
  goals: GoalsWithLatest;
}

export interface TeamFacts {
  person: Person;
  /** 'YYYY-MM-DD' of the latest 1:1 of this pair. */
  lastOneOnOne?: string;
  openActionItems: number;
  kudosSince: number;
  /** Levels of active people from this report down, counting them: 1 to 3 (capped), as PeopleRepository.subtreeDepth counts. */
  depth: number;
}

export interface RecognitionCounts {
  receivedSince: number;
  givenSince: number;
  receivedTotal: number;
  givenTotal: number;
}

export interface KudosLine {
  id: number;
  giverId: string;
  value: string;
  /** Plain text as the kudos feature stores it (mentions as <@U…>); render with renderMessage before showing. */
  message: string;
  at: number;
  permalink?: string;
}

/** Org-wide figures for admins. */
export interface OrgReadModel {
  activePeople(): Promise<number>;
  /** Active people whose manager is missing or deactivated. */
  withoutManager(limit: number): Promise<{ count: number; sample: Person[] }>;
  /** Active managers with their org-chart depth (1 frontline, 2 mid-level, 3 executive) and any override. */
  managerDepths(): Promise<Array<{ id: string; depth: number; levelOverride?: Level }>>;
}

/** Remembers the tip picked for a person's week, so the Home tab shows the same one all week. */
export interface TipOfWeekStore {
  get(personId: string, week: string): Promise<string | undefined>;
  set(personId: string, week: string, itemId: string, at: number): Promise<void>;
}

export type TeamStatus = CadenceStatus['state'];

export interface TeamMemberView {
  person: Person;
  lastOneOnOne?: string;
  cadence: CadenceStatus;
  openActionItems: number;
  kudosReceived30d: number;
}

export interface TeamView {
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  members: TeamMemberView[];
  counts: Record<TeamStatus, number>;
  cadenceDays: number;
}

export interface AdminView {
  orgSize: number;
  withoutManager: { count: number; sample: Person[] };
  managersByLevel: Record<Level, number>;
  managers: number;
  /** What is kept and for how long, one line each (issue 19). */
  retention?: readonly string[];
  /** What Leadwell is sending on its own, and what it failed to send (issue 18). */
  outbox?: OutboxStatusView;
}

export interface HomeModel {
  viewer: Person;
  today: string;
  isManager: boolean;
  level: LevelInfo;
  manager?: Person;
  team?: TeamView;
  tip?: RenderedGuidance;
  recognition: RecognitionCounts & { latestReceived: KudosLine[]; givers: Map<string, Person> };
  goals?: GoalSummary[];
  /** Goals and growth section (goals feature): my goals, my plan, team goals, my reports' shared goals. */
  goalsHome?: GoalsHome;
  admin?: AdminView;
  /** The welcome to show at the top, worded for this person; undefined once dismissed or a week after the first open. */
  welcome?: WelcomeRole;
}
