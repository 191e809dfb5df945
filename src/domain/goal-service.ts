import { DomainError } from './errors';
import type { Clock, EventLog, UnitOfWork } from './ports';
import type { Person } from './people';
import { peopleOf, type KnownPeople, type PeopleService } from './people-service';
import { localToday } from './cadence';
import {
  canCheckIn,
  canSeeGoal,
  MAX_ACTIVE_GOALS,
  relationTo,
  STALE_DAYS,
  toView,
  validateCheckIn,
  validateGoalDraft,
  type CheckIn,
  type Goal,
  type GoalView,
  type RawGoalInput,
} from './goal';
import type { GoalCounts, GoalReminderPrefs, GoalRepository, GoalsWithLatest } from './goal-ports';

const DAY = 24 * 60 * 60 * 1000;

/** A goal change and its audit event, together or not at all; the open-goal cap is checked in the same transaction. */
export type GoalWork = UnitOfWork<{ goals: GoalRepository; prefs: GoalReminderPrefs; events: EventLog }>;

export interface GoalServiceDeps {
  goals: GoalRepository;
  uow: GoalWork;
  prefs: GoalReminderPrefs;
  people: PeopleService;
  events: EventLog;
  clock: Clock;
}

export interface CheckInInput {
  actorId: string;
  goalId: number;
  raw: { status?: string | null; progress?: string | number | null; note?: string | null };
  /** Stable for one submission (the modal's view id), so a double submit stores one check-in. */
  requestKey: string;
}

export interface GoalService {
  /** Team goals are for people who manage a team (at least one active report). */
  canCreateTeamGoal(personId: string): Promise<boolean>;
  /** The owner's local date, for the modal's date picker and the due-date rule. */
  todayFor(personId: string): Promise<string>;
  create(input: { actorId: string; raw: RawGoalInput; requestKey: string }): Promise<{ goal: Goal; created: boolean }>;
  edit(input: { actorId: string; goalId: number; raw: RawGoalInput }): Promise<Goal>;
  archive(actorId: string, goalId: number): Promise<Goal>;
  checkIn(input: CheckInInput): Promise<{ goal: Goal; checkIn: CheckIn; created: boolean }>;
  /** The goal for its edit modal: owner only. */
  forEdit(actorId: string, goalId: number): Promise<Goal>;
  /** The goal for a check-in modal: the owner or their manager on a shared goal. */
  forCheckIn(actorId: string, goalId: number): Promise<GoalView>;
  /** The person's own goals, not archived (done ones included), open ones first. */
  mine(ownerId: string): Promise<GoalView[]>;
  /** The owner's goals this viewer may see; nothing of a deactivated owner unless it is the viewer. */
  /** `read`: the owner's active goals with their latest check-ins, when the caller read them with other things (the prep card). */
  goalsVisibleTo(viewerId: string, ownerId: string, known?: KnownPeople, read?: GoalsWithLatest): Promise<GoalView[]>;
  /** Goals shared with the viewer's team: the manager's team goals and teammates' team-visible goals. */
  teamGoalsFor(viewerId: string, known?: KnownPeople): Promise<GoalView[]>;
  /** Each active report of a manager with the goals shared with the manager (`reports`: the manager's reportsOf, when this request has them). */
  reportsGoals(managerId: string, known?: { reports: readonly Person[]; people?: KnownPeople }): Promise<Array<{ report: Person; goals: GoalView[] }>>;
  /** App Home's three lists (mine, teamGoalsFor, reportsGoals) from one read of goals and one of check-ins. */
  homeGoals(viewerId: string, known: HomeGoalsKnown): Promise<HomeGoals>;
  /** The owner's open goals with no check-in for 14 days (owner's own view: every visibility). */
  staleGoals(ownerId: string, now?: number): Promise<GoalView[]>;
  history(viewerId: string, goalId: number, limit?: number): Promise<{ goal: GoalView; checkIns: CheckIn[] }>;
  /** Counts only (never text), for admin reports and exports. */
  counts(): Promise<GoalCounts>;
  remindersEnabled(personId: string): Promise<boolean>;
  setReminders(personId: string, enabled: boolean): Promise<void>;
}

/** What App Home has read: the viewer's row, their manager's active reports (the viewer among them), their own. */
export interface HomeGoalsKnown {
  viewer: Person;
  team: readonly Person[];
  reports: readonly Person[];
  people: KnownPeople;
  /** The active goals (with latest check-ins) of at least the viewer, their manager, team and reports, when read with the rest. */
  read?: GoalsWithLatest;
}

export interface HomeGoals {
  mine: GoalView[];
  teamGoals: GoalView[];
  reports: Array<{ report: Person; goals: GoalView[] }>;
}

const notFound = () => new DomainError('goal_not_found', 'That goal no longer exists or is not shared with you.');

function openFirst(a: GoalView, b: GoalView): number {
  const done = Number(a.status === 'done') - Number(b.status === 'done');
  if (done !== 0) return done;
  return (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || b.createdAt - a.createdAt;
}

export function createGoalService(deps: GoalServiceDeps): GoalService {
  const { goals, people, clock, uow } = deps;

  const link = async (id: string) => {
    const p = await people.get(id);
    return { id, managerId: p?.managerId, deleted: p?.deleted ?? false };
  };

  /** Views of several lists, open first, with one read of their latest check-ins (none when the caller has them). */
  async function viewsOf(lists: readonly Goal[][], known?: Map<number, CheckIn>): Promise<GoalView[][]> {
    const latest = known ?? (await goals.latestCheckIns([...new Set(lists.flat().map((g) => g.id))]));
    const now = clock.now();
    return lists.map((list) => list.map((g) => toView(g, now, latest.get(g.id))).sort(openFirst));
  }
  const views = async (list: Goal[]) => (await viewsOf([list]))[0] as GoalView[];

  async function homeGoals(viewerId: string, known: HomeGoalsKnown): Promise<HomeGoals> {
    const managerId = known.viewer.managerId;
    // The same owners and rules as mine, teamGoalsFor and reportsGoals: the manager's team goals and teammates' goals
    // shared with the team (a private or manager-only goal never), and the reports' goals the viewer may see.
    const teamIds = new Set(managerId ? [managerId, ...known.team.map((p) => p.id).filter((id) => id !== viewerId)] : []);
    const reportIds = new Set(known.reports.map((p) => p.id));
    // The goals with their latest check-ins in one statement: App Home waits for one round trip here, not two.
    const { goals: all, latest } = known.read ?? (await goals.activeWithLatest([...new Set([viewerId, ...teamIds, ...reportIds])]));
    const shared = all.filter((g) => teamIds.has(g.ownerId) && g.visibility === 'team');
    const ofReports = all.filter((g) => reportIds.has(g.ownerId));
    const rows = new Map([...known.people, ...[...known.team, ...known.reports].map((p) => [p.id, p] as const)]);
    const visible = new Set(await visibleOnly(viewerId, [...shared, ...ofReports], rows));
    const [mine, teamGoals, fromReports] = await viewsOf([all.filter((g) => g.ownerId === viewerId), shared.filter((g) => visible.has(g)), ofReports.filter((g) => visible.has(g))], latest);
    return { mine: mine ?? [], teamGoals: teamGoals ?? [], reports: known.reports.map((report) => ({ report, goals: (fromReports ?? []).filter((g) => g.ownerId === report.id) })) };
  }

  async function visible(viewerId: string, goal: Goal): Promise<boolean> {
    const owner = await link(goal.ownerId);
    if (owner.deleted && viewerId !== goal.ownerId) return false;
    return canSeeGoal(goal, relationTo(await link(viewerId), owner));
  }

  /** visible() for a list: the viewer's and owners' rows come from `known` or one read for all of them. */
  async function visibleOnly(viewerId: string, list: Goal[], known?: KnownPeople): Promise<Goal[]> {
    if (list.length === 0) return [];
    const rows = await peopleOf(people, [viewerId, ...list.map((g) => g.ownerId)], known);
    const linkOf = (id: string) => ({ id, managerId: rows.get(id)?.managerId, deleted: rows.get(id)?.deleted ?? false });
    const viewer = linkOf(viewerId);
    return list.filter((g) => {
      const owner = linkOf(g.ownerId);
      if (owner.deleted && viewerId !== g.ownerId) return false;
      return canSeeGoal(g, relationTo(viewer, owner));
    });
  }

  async function owned(actorId: string, goalId: number): Promise<Goal> {
    const goal = await goals.get(goalId);
    if (!goal || goal.archivedAt !== undefined || !(await visible(actorId, goal))) throw notFound();
    if (goal.ownerId !== actorId) throw new DomainError('goal_not_owner', 'Only the person who set this goal can change it.');
    return goal;
  }

  const todayFor = async (personId: string) => localToday(clock.now(), (await people.get(personId))?.tz ?? 'UTC');
  const canCreateTeamGoal = async (personId: string) => (await people.reportsOf(personId)).length > 0;

  /** The goal a check-in is for, when this actor may check in on it. */
  async function forCheckIn(actorId: string, goalId: number): Promise<Goal> {
    const goal = await goals.get(goalId);
    if (!goal || goal.archivedAt !== undefined || !(await visible(actorId, goal))) throw notFound();
    if (!canCheckIn(goal, relationTo(await link(actorId), await link(goal.ownerId)))) {
      throw new DomainError('goal_check_in_refused', 'Only the goal owner, or their manager on a shared goal, can check in on it.');
    }
    return goal;
  }

  return {
    canCreateTeamGoal,
    todayFor,
    async create({ actorId, raw, requestKey }) {
      const actor = await people.ensure(actorId);
      if (!actor || actor.deleted) throw new DomainError('goal_unknown_person', 'Leadwell could not find you in this workspace.');
      const draft = validateGoalDraft(raw, { today: await todayFor(actorId), canTeam: await canCreateTeamGoal(actorId) });
      const now = clock.now();
      // Cap and insert in one transaction: two submits at once cannot both slip under the limit.
      return uow.run(async ({ goals, events }) => {
        if ((await goals.countActive(actorId)) >= MAX_ACTIVE_GOALS) {
          throw new DomainError('goal_too_many', `You have ${MAX_ACTIVE_GOALS} open goals; mark some done or archive them first.`, 'title');
        }
        const result = await goals.insert({ ...draft, ownerId: actorId, idempotencyKey: requestKey, createdAt: now });
        if (result.created) {
          await events.append({ kind: 'goal.created', actorId, refId: result.goal.id, data: { kind: draft.kind, visibility: draft.visibility } }, now);
        }
        return result;
      });
    },
    async edit({ actorId, goalId, raw }) {
      const goal = await owned(actorId, goalId);
      const draft = validateGoalDraft(raw, { today: await todayFor(actorId), canTeam: (await canCreateTeamGoal(actorId)) || goal.kind === 'team', keptDueOn: goal.dueOn });
      const at = clock.now();
      return uow.run(async ({ goals, events }) => {
        const updated = await goals.update(goalId, draft, at);
        await events.append({ kind: 'goal.edited', actorId, refId: goalId, data: { visibility: draft.visibility } }, at);
        return updated;
      });
    },
    async archive(actorId, goalId) {
      const goal = await owned(actorId, goalId);
      const at = clock.now();
      await uow.run(async ({ goals, events }) => {
        await goals.archive(goalId, at);
        await events.append({ kind: 'goal.archived', actorId, refId: goalId }, at);
      });
      return goal;
    },
    async checkIn({ actorId, goalId, raw, requestKey }) {
      const goal = await forCheckIn(actorId, goalId);
      const draft = validateCheckIn(raw);
      const now = clock.now();
      return uow.run(async ({ goals, events }) => {
        const result = await goals.checkIn({ ...draft, goalId, authorId: actorId, idempotencyKey: requestKey, createdAt: now });
        if (result.created) {
          await events.append({ kind: 'goal.checked_in', actorId, subjectId: goal.ownerId, refId: goalId, data: { status: draft.status } }, now);
        }
        return { goal: (await goals.get(goalId)) ?? goal, checkIn: result.checkIn, created: result.created };
      });
    },
    forEdit: owned,
    async forCheckIn(actorId, goalId) {
      return (await views([await forCheckIn(actorId, goalId)]))[0] as GoalView;
    },
    mine: async (ownerId) => views(await goals.activeOf([ownerId])),
    async goalsVisibleTo(viewerId, ownerId, known, read) {
      if (!read) return views(await visibleOnly(viewerId, await goals.activeOf([ownerId]), known));
      // The same rows activeOf gives (read may hold others' goals: only the owner's count), the same rules.
      const list = await visibleOnly(viewerId, read.goals.filter((g) => g.ownerId === ownerId), known);
      return (await viewsOf([list], read.latest))[0] as GoalView[];
    },
    // App Home's lists one at a time (the same rules, applied in homeGoals only), for callers without the Home rows.
    async teamGoalsFor(viewerId, known) {
      const viewer = known?.get(viewerId) ?? (await people.get(viewerId));
      if (!viewer?.managerId) return [];
      const team = await people.reportsOf(viewer.managerId);
      return (await homeGoals(viewerId, { viewer, team, reports: [], people: known ?? new Map() })).teamGoals;
    },
    async reportsGoals(managerId, known) {
      const viewer = known?.people?.get(managerId) ?? (await people.get(managerId));
      const reports = known?.reports ?? (await people.reportsOf(managerId));
      if (!viewer) return reports.map((report) => ({ report, goals: [] }));
      return (await homeGoals(managerId, { viewer, team: [], reports, people: known?.people ?? new Map() })).reports;
    },
    homeGoals,
    async staleGoals(ownerId, now = clock.now()) {
      return (await goals.activeOf([ownerId]))
        .filter((g) => g.status !== 'done' && now - (g.lastCheckInAt ?? g.createdAt) >= STALE_DAYS * DAY)
        .map((g) => toView(g, now))
        .sort(openFirst);
    },
    async history(viewerId, goalId, limit = 10) {
      const goal = await goals.get(goalId);
      if (!goal || !(await visible(viewerId, goal))) throw notFound();
      const checkIns = await goals.history(goalId, limit);
      return { goal: toView(goal, clock.now(), checkIns[0]), checkIns };
    },
    counts: () => goals.countsByStatus(clock.now() - STALE_DAYS * DAY),
    remindersEnabled: async (personId) => !(await deps.prefs.optedOut(personId)),
    async setReminders(personId, enabled) {
      // The opt-out row references people: someone Leadwell has not met (or Slack does not know) gets words, not a FOREIGN KEY error.
      if (!(await people.get(personId))) throw new DomainError('goal_unknown_person', "I couldn't find you in this workspace, so nothing changed. Please try again in a moment.");
      const at = clock.now();
      await uow.run(async ({ prefs, events }) => {
        await prefs.setOptedOut(personId, !enabled, at);
        await events.append({ kind: enabled ? 'goal.reminders_on' : 'goal.reminders_off', actorId: personId }, at);
      });
    },
  };
}
