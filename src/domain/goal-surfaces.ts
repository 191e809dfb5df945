/**
 * Read APIs for the surfaces that show goals and plans next to other things (prep card, App Home):
 * every answer is already filtered by the viewer, so those surfaces cannot leak what they were not given.
 */
import { displayName, type Person } from './people';
import { knownPeople, personOf, type KnownPeople, type PeopleService } from './people-service';
import type { Clock, GuidanceSource, Level } from './ports';
import { localToday } from './cadence';
import { askInOrder } from './prep';
import { canCheckIn, relationTo, type GoalView } from './goal';
import type { GoalService } from './goal-service';
import type { GoalsWithLatest } from './goal-ports';
import { openSteps, type DevelopmentPlan, type NextStep } from './development-plan';
import type { DevelopmentPlanService } from './development-plan-service';

const DAY = 24 * 60 * 60 * 1000;
/** Done goals stay on the card this long, so a 1:1 can celebrate them. */
const RECENTLY_DONE_DAYS = 30;

/** A goal line for the prep card / Home (mirrors prep-card's GoalSummary, with the extra fields it may show). */
export interface GoalLine {
  id: number;
  title: string;
  status: GoalView['status'];
  dueOn?: string;
  progress?: number;
  kind: GoalView['kind'];
  /** The latest check-in's note: shown only to viewers who may see the goal. */
  note?: string;
  quietDays: number;
  stale: boolean;
  /** The viewer may record a check-in (owner, or manager on a shared goal). */
  canUpdate: boolean;
}

export interface PrepPlanSummary {
  personId: string;
  /** The viewer may open the plan (they are the person's manager). */
  canOpen: boolean;
  hasPlan: boolean;
  careerDirection?: string;
  openSteps: NextStep[];
  /** No career conversation logged with this person in 90 days. */
  careerDue: boolean;
  careerQuestions: string[];
  careerItemId?: string;
}

export interface GoalsHome {
  mine: GoalView[];
  teamGoals: GoalView[];
  reports: Array<{ id: string; name: string; goals: GoalView[] }>;
  plan: DevelopmentPlan;
  planUpdatedOn?: string;
  planUpdatedByName?: string;
  remindersOn: boolean;
}

/**
 * What App Home has already read for this viewer: their row, their manager's, their manager's active reports (the
 * viewer's team, themself among them; empty without a manager), and their own active reports by name.
 */
export interface HomeKnown {
  viewer: Person;
  manager?: Person;
  team: readonly Person[];
  reports: readonly Person[];
  /** Whether the viewer opted out of the monthly goal reminder, when App Home read it with the rest. */
  remindersOptedOut?: boolean;
  /** The viewer's own plan, when App Home read it with the rest (shown only as planFor allows). */
  plan?: DevelopmentPlan;
  /** The active goals of the viewer, manager, team and reports, when App Home read them with the rest (shown only as homeGoals allows). */
  goals?: GoalsWithLatest;
}

export function toLine(g: GoalView, canUpdate: boolean): GoalLine {
  return {
    id: g.id, title: g.title, status: g.status, dueOn: g.dueOn, progress: g.progress, kind: g.kind,
    note: g.latest?.note || undefined, quietDays: g.quietDays, stale: g.stale, canUpdate,
  };
}

export function createGoalSurfaces(deps: { goals: GoalService; plans: DevelopmentPlanService; people: PeopleService; guidance?: GuidanceSource; clock: Clock }) {
  const { goals, plans, people, clock } = deps;
  const link = (p: Person | undefined, id: string) => ({ id, managerId: p?.managerId, deleted: p?.deleted });

  function shown(list: GoalView[]): GoalView[] {
    const now = clock.now();
    return list.filter((g) => g.status !== 'done' || now - (g.lastCheckInAt ?? g.updatedAt) < RECENTLY_DONE_DAYS * DAY);
  }

  async function careerQuestions(viewerId: string, level: Level): Promise<{ questions: string[]; id?: string }> {
    const g = deps.guidance;
    if (!g) return { questions: [] };
    const item =
      (await g.next({ personId: viewerId, level, topic: 'one-on-one', situation: 'career-conversation' })) ?? (await g.next({ personId: viewerId, level, topic: 'development' }));
    return { questions: (item ? askInOrder(item) : []).slice(0, 3), id: item?.id };
  }

  return {
    /** Goals of `personId` the viewer may see (the person themself when no viewer is given), open first. */
    async activeFor(personId: string, viewerId?: string, known?: KnownPeople, read?: GoalsWithLatest): Promise<GoalLine[]> {
      const viewer = viewerId ?? personId;
      const [viewerRow, personRow] = await Promise.all([personOf(people, viewer, known), personOf(people, personId, known)]);
      const relation = relationTo(link(viewerRow, viewer), link(personRow, personId));
      return shown(await goals.goalsVisibleTo(viewer, personId, knownPeople(viewerRow, personRow), read)).map((g) => toLine(g, canCheckIn(g, relation)));
    },
    /** The plan part of the prep card: open next steps, and a career conversation prompt when one is due. */
    async planFor(personId: string, viewerId: string, opts: { careerDue: boolean; level: Level }, known?: KnownPeople, read?: DevelopmentPlan): Promise<PrepPlanSummary> {
      const canOpen = personId !== viewerId && (await plans.canAccess(personId, viewerId, known));
      const plan = canOpen ? (await plans.planFor(personId, viewerId, known, read)).plan : undefined;
      const career: { questions: string[]; id?: string } = opts.careerDue ? await careerQuestions(viewerId, opts.level) : { questions: [] };
      return {
        personId,
        canOpen,
        hasPlan: (plan?.version ?? 0) > 0,
        careerDirection: plan?.careerDirection || undefined,
        openSteps: plan ? openSteps(plan) : [],
        careerDue: opts.careerDue,
        careerQuestions: career.questions,
        careerItemId: career.id,
      };
    },
    /** Everything the goals part of App Home shows this viewer. */
    async homeFor(viewerId: string, known: HomeKnown): Promise<GoalsHome> {
      const rows = knownPeople(known.viewer, known.manager, ...known.team, ...known.reports);
      const tz = known.viewer.tz;
      // Independent reads go out together: on PostgreSQL each is a round trip the viewer would wait for in turn.
      const [{ plan }, lists, remindersOn] = await Promise.all([
        plans.planFor(viewerId, viewerId, rows, known.plan),
        goals.homeGoals(viewerId, { viewer: known.viewer, team: known.team, reports: known.reports, people: rows, read: known.goals }),
        known.remindersOptedOut === undefined ? goals.remindersEnabled(viewerId) : !known.remindersOptedOut,
      ]);
      const updater = plan.updatedBy ? await personOf(people, plan.updatedBy, rows) : undefined;
      return {
        mine: shown(lists.mine),
        teamGoals: lists.teamGoals,
        reports: lists.reports.map(({ report, goals: list }) => ({ id: report.id, name: displayName(report), goals: shown(list) })),
        plan,
        planUpdatedOn: plan.updatedAt !== undefined ? localToday(plan.updatedAt, tz) : undefined,
        planUpdatedByName: updater ? displayName(updater) : undefined,
        remindersOn,
      };
    },
  };
}

export type GoalSurfaces = ReturnType<typeof createGoalSurfaces>;
