import { DomainError } from './errors';
import type { Clock, EventLog } from './ports';
import type { Person } from './people';
import type { PeopleService } from './people-service';
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
import type { GoalCounts, GoalReminderPrefs, GoalRepository } from './goal-ports';

const DAY = 24 * 60 * 60 * 1000;

export interface GoalServiceDeps {
  goals: GoalRepository;
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
  canCreateTeamGoal(personId: string): boolean;
  /** The owner's local date, for the modal's date picker and the due-date rule. */
  todayFor(personId: string): string;
  create(input: { actorId: string; raw: RawGoalInput; requestKey: string }): Promise<{ goal: Goal; created: boolean }>;
  edit(input: { actorId: string; goalId: number; raw: RawGoalInput }): Goal;
  archive(actorId: string, goalId: number): Goal;
  checkIn(input: CheckInInput): { goal: Goal; checkIn: CheckIn; created: boolean };
  /** The goal for its edit modal: owner only. */
  forEdit(actorId: string, goalId: number): Goal;
  /** The goal for a check-in modal: the owner or their manager on a shared goal. */
  forCheckIn(actorId: string, goalId: number): GoalView;
  /** The person's own goals, not archived (done ones included), open ones first. */
  mine(ownerId: string): GoalView[];
  /** The owner's goals this viewer may see; nothing of a deactivated owner unless it is the viewer. */
  goalsVisibleTo(viewerId: string, ownerId: string): GoalView[];
  /** Goals shared with the viewer's team: the manager's team goals and teammates' team-visible goals. */
  teamGoalsFor(viewerId: string): GoalView[];
  /** Each active report of a manager with the goals shared with the manager. */
  reportsGoals(managerId: string): Array<{ report: Person; goals: GoalView[] }>;
  /** The owner's open goals with no check-in for 14 days (owner's own view: every visibility). */
  staleGoals(ownerId: string, now?: number): GoalView[];
  history(viewerId: string, goalId: number, limit?: number): { goal: GoalView; checkIns: CheckIn[] };
  /** Counts only (never text), for admin reports and exports. */
  counts(): GoalCounts;
  remindersEnabled(personId: string): boolean;
  setReminders(personId: string, enabled: boolean): void;
}

const notFound = () => new DomainError('goal_not_found', 'That goal no longer exists or is not shared with you.');

function openFirst(a: GoalView, b: GoalView): number {
  const done = Number(a.status === 'done') - Number(b.status === 'done');
  if (done !== 0) return done;
  return (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || b.createdAt - a.createdAt;
}

export function createGoalService(deps: GoalServiceDeps): GoalService {
  const { goals, people, clock, events } = deps;

  const link = (id: string) => {
    const p = people.get(id);
    return { id, managerId: p?.managerId, deleted: p?.deleted ?? false };
  };

  function views(list: Goal[]): GoalView[] {
    const latest = goals.latestCheckIns(list.map((g) => g.id));
    const now = clock.now();
    return list.map((g) => toView(g, now, latest.get(g.id))).sort(openFirst);
  }

  function visible(viewerId: string, goal: Goal): boolean {
    const owner = link(goal.ownerId);
    if (owner.deleted && viewerId !== goal.ownerId) return false;
    return canSeeGoal(goal, relationTo(link(viewerId), owner));
  }

  function owned(actorId: string, goalId: number): Goal {
    const goal = goals.get(goalId);
    if (!goal || goal.archivedAt !== undefined || !visible(actorId, goal)) throw notFound();
    if (goal.ownerId !== actorId) throw new DomainError('goal_not_owner', 'Only the person who set this goal can change it.');
    return goal;
  }

  const todayFor = (personId: string) => localToday(clock.now(), people.get(personId)?.tz ?? 'UTC');
  const canCreateTeamGoal = (personId: string) => people.reportsOf(personId).length > 0;

  return {
    canCreateTeamGoal,
    todayFor,
    async create({ actorId, raw, requestKey }) {
      const actor = await people.ensure(actorId);
      if (!actor || actor.deleted) throw new DomainError('goal_unknown_person', 'Leadwell could not find you in this workspace.');
      const draft = validateGoalDraft(raw, { today: todayFor(actorId), canTeam: canCreateTeamGoal(actorId) });
      if (goals.countActive(actorId) >= MAX_ACTIVE_GOALS) {
        throw new DomainError('goal_too_many', `You have ${MAX_ACTIVE_GOALS} open goals; mark some done or archive them first.`, 'title');
      }
      const now = clock.now();
      const result = goals.insert({ ...draft, ownerId: actorId, idempotencyKey: requestKey, createdAt: now });
      if (result.created) {
        events.append({ kind: 'goal.created', actorId, refId: result.goal.id, data: { kind: draft.kind, visibility: draft.visibility } }, now);
      }
      return result;
    },
    edit({ actorId, goalId, raw }) {
      const goal = owned(actorId, goalId);
      const draft = validateGoalDraft(raw, { today: todayFor(actorId), canTeam: canCreateTeamGoal(actorId) || goal.kind === 'team', keptDueOn: goal.dueOn });
      const updated = goals.update(goalId, draft, clock.now());
      events.append({ kind: 'goal.edited', actorId, refId: goalId, data: { visibility: draft.visibility } }, clock.now());
      return updated;
    },
    archive(actorId, goalId) {
      const goal = owned(actorId, goalId);
      goals.archive(goalId, clock.now());
      events.append({ kind: 'goal.archived', actorId, refId: goalId }, clock.now());
      return goal;
    },
    checkIn({ actorId, goalId, raw, requestKey }) {
      const goal = goals.get(goalId);
      if (!goal || goal.archivedAt !== undefined || !visible(actorId, goal)) throw notFound();
      if (!canCheckIn(goal, relationTo(link(actorId), link(goal.ownerId)))) {
        throw new DomainError('goal_check_in_refused', 'Only the goal owner, or their manager on a shared goal, can check in on it.');
      }
      const draft = validateCheckIn(raw);
      const now = clock.now();
      const result = goals.checkIn({ ...draft, goalId, authorId: actorId, idempotencyKey: requestKey, createdAt: now });
      if (result.created) {
        events.append({ kind: 'goal.checked_in', actorId, subjectId: goal.ownerId, refId: goalId, data: { status: draft.status } }, now);
      }
      return { goal: goals.get(goalId) ?? goal, checkIn: result.checkIn, created: result.created };
    },
    forEdit: owned,
    forCheckIn(actorId, goalId) {
      const goal = goals.get(goalId);
      if (!goal || goal.archivedAt !== undefined || !visible(actorId, goal)) throw notFound();
      if (!canCheckIn(goal, relationTo(link(actorId), link(goal.ownerId)))) {
        throw new DomainError('goal_check_in_refused', 'Only the goal owner, or their manager on a shared goal, can check in on it.');
      }
      return views([goal])[0] as GoalView;
    },
    mine: (ownerId) => views(goals.activeOf([ownerId])),
    goalsVisibleTo(viewerId, ownerId) {
      return views(goals.activeOf([ownerId]).filter((g) => visible(viewerId, g)));
    },
    teamGoalsFor(viewerId) {
      const managerId = people.get(viewerId)?.managerId;
      if (!managerId) return [];
      // The manager's team goals and teammates' goals shared with the team; a private or manager-only goal never.
      const peers = people.reportsOf(managerId).map((p) => p.id).filter((id) => id !== viewerId);
      return views(goals.activeOf([managerId, ...peers]).filter((g) => g.visibility === 'team' && visible(viewerId, g)));
    },
    reportsGoals(managerId) {
      const reports = people.reportsOf(managerId);
      const all = goals.activeOf(reports.map((r) => r.id)).filter((g) => visible(managerId, g));
      const shown = views(all);
      return reports.map((report) => ({ report, goals: shown.filter((g) => g.ownerId === report.id) }));
    },
    staleGoals(ownerId, now = clock.now()) {
      return goals
        .activeOf([ownerId])
        .filter((g) => g.status !== 'done' && now - (g.lastCheckInAt ?? g.createdAt) >= STALE_DAYS * DAY)
        .map((g) => toView(g, now))
        .sort(openFirst);
    },
    history(viewerId, goalId, limit = 10) {
      const goal = goals.get(goalId);
      if (!goal || !visible(viewerId, goal)) throw notFound();
      const checkIns = goals.history(goalId, limit);
      return { goal: toView(goal, clock.now(), checkIns[0]), checkIns };
    },
    counts: () => goals.countsByStatus(clock.now() - STALE_DAYS * DAY),
    remindersEnabled: (personId) => !deps.prefs.optedOut(personId),
    setReminders(personId, enabled) {
      // The opt-out row references people: someone Leadwell has not met (or Slack does not know) gets words, not a FOREIGN KEY error.
      if (!people.get(personId)) throw new DomainError('goal_unknown_person', "I couldn't find you in this workspace, so nothing changed. Please try again in a moment.");
      deps.prefs.setOptedOut(personId, !enabled, clock.now());
      events.append({ kind: enabled ? 'goal.reminders_on' : 'goal.reminders_off', actorId: personId }, clock.now());
    },
  };
}
