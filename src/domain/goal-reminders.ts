/**
 * The light monthly goal reminder for people who do not manage anyone (managers see quiet goals in
 * their weekly nudge instead): at most one a month, at or after their nudge hour on a weekday, only
 * when a goal has had no check-in for STALE_DAYS, never after they opted out or paused nudges.
 */
import { DateTime } from 'luxon';
import { STALE_DAYS } from './goal';
import type { GoalReminderPrefs, GoalRepository } from './goal-ports';
import type { GoalService } from './goal-service';
import type { PeopleRepository } from './people';
import type { Clock, EventLog, OutboxStore } from './ports';
import { periodMessage, personSkipReason, type PersonGate } from './nudge-outbox';
import type { OutboxKind } from './outbox/delivery';

const DAY = 24 * 60 * 60 * 1000;
export const GOAL_REMINDER_KIND = 'goal-reminder';

export interface GoalReminderDeps {
  goals: GoalRepository;
  goalService: GoalService;
  prefs: GoalReminderPrefs;
  people: PeopleRepository;
  outbox: Pick<OutboxStore, 'plan'>;
  events: EventLog;
  clock: Clock;
  /** An uninstalled or revoked workspace gets nothing. */
  workspaces?: { canSend(teamId: string): Promise<boolean> };
}

export interface ReminderRunReport {
  /** People whose reminder was planned in this run (the outbox sends it). */
  planned: string[];
}

function zone(tz: string): string {
  return DateTime.local().setZone(tz).isValid ? tz : 'UTC';
}

/** The local month and whether it is the right moment of the day and week for this person. */
export function reminderMoment(now: number, tz: string, nudgeHour: number): { period: string; due: boolean } {
  const local = DateTime.fromMillis(now, { zone: zone(tz) });
  return { period: local.toFormat('yyyy-MM'), due: local.weekday <= 5 && local.hour >= nudgeHour };
}

/** Whether this person should get this month's reminder now, and its period. */
async function dueReminder(deps: GoalReminderDeps, personId: string, now: number): Promise<string | undefined> {
  const person = await deps.people.get(personId);
  if (!person || person.deleted || person.isBot || person.nudgesPaused) return undefined;
  if ((person.snoozedUntil ?? 0) > now) return undefined;
  if (person.teamId && deps.workspaces && !(await deps.workspaces.canSend(person.teamId))) return undefined;
  if ((await deps.people.reportsOf(personId)).length > 0) return undefined; // managers: the weekly nudge covers it
  if (await deps.prefs.optedOut(personId)) return undefined;
  const moment = reminderMoment(now, person.tz, person.nudgeHour);
  if (!moment.due || (await deps.goalService.staleGoals(personId, now)).length === 0) return undefined;
  return moment.period;
}

export function createGoalReminders(deps: GoalReminderDeps) {
  return {
    /** One pass: plans the month's reminder for everyone with a quiet goal who is due. Safe to run as often as the scheduler likes. */
    async run(now: number = deps.clock.now()): Promise<ReminderRunReport> {
      const report: ReminderRunReport = { planned: [] };
      for (const personId of await deps.goals.ownersWithStaleGoals(now - STALE_DAYS * DAY)) {
        const period = await dueReminder(deps, personId, now);
        if (!period) continue;
        if ((await deps.outbox.plan([periodMessage({ kind: GOAL_REMINDER_KIND, personId, period, dueAt: now })], now)) === 0) continue;
        await deps.events.append({ kind: 'goal.reminder_planned', subjectId: personId, data: { period } }, now);
        report.planned.push(personId);
      }
      return report;
    },
  };
}

/** At send time: the goals still quiet then (a check-in since planning means there is nothing to remind of). */
export function goalReminderKind(deps: Pick<GoalReminderDeps, 'goalService' | 'prefs'> & { gate: PersonGate }): OutboxKind {
  return {
    async prepare(row, now) {
      const skip = await personSkipReason(await deps.gate.people.get(row.recipient), deps.gate, row.dueAt);
      if (skip) return { skip };
      if (await deps.prefs.optedOut(row.recipient)) return { skip: 'opted_out' };
      const goals = await deps.goalService.staleGoals(row.recipient, now);
      return goals.length === 0 ? { skip: 'no_quiet_goals' } : { model: goals };
    },
  };
}

export type GoalReminders = ReturnType<typeof createGoalReminders>;
