/**
 * The light monthly goal reminder for people who do not manage anyone (managers see quiet goals in
 * their weekly nudge instead): at most one a month, at or after their nudge hour on a weekday, only
 * when a goal has had no check-in for STALE_DAYS, never after they opted out or paused nudges.
 */
import { DateTime } from 'luxon';
import { STALE_DAYS, type GoalView } from './goal';
import type { GoalReminderPrefs, GoalRepository } from './goal-ports';
import type { GoalService } from './goal-service';
import type { PeopleRepository } from './people';
import type { Clock, EventLog } from './ports';

const DAY = 24 * 60 * 60 * 1000;
export const GOAL_REMINDER_KIND = 'goal-reminder';
export const MAX_ATTEMPTS = 3;
/** Slack errors that will not get better by retrying (the person left, the app was removed). */
const PERMANENT = new Set(['user_not_found', 'account_inactive', 'user_disabled', 'cannot_dm_bot', 'not_authed', 'invalid_auth', 'token_revoked', 'missing_scope']);

/** The port jobs use to reach Slack for this reminder; slack/goal-notifier.ts implements it. */
export interface GoalReminderNotifier {
  sendGoalReminder(personId: string, goals: GoalView[]): Promise<{ channel: string; ts: string }>;
}

/** One row per person and month in `nudges` (kind 'goal-reminder', period 'YYYY-MM'): the idempotency key. */
export interface GoalReminderClaims {
  /** Claims the month's reminder for sending; false when it was sent, is being sent, or gave up. */
  claim(personId: string, period: string, now: number): boolean;
  sent(personId: string, period: string, channel: string, ts: string, now: number): void;
  failed(personId: string, period: string, reason: string, retryAt: number | undefined, now: number): void;
  skipped(personId: string, period: string, reason: string, now: number): void;
}

export interface GoalReminderDeps {
  goals: GoalRepository;
  goalService: GoalService;
  prefs: GoalReminderPrefs;
  people: PeopleRepository;
  claims: GoalReminderClaims;
  notifier: GoalReminderNotifier;
  events: EventLog;
  clock: Clock;
  /** An uninstalled or revoked workspace gets nothing. */
  workspaces?: { canSend(teamId: string): boolean };
}

export interface ReminderRunReport {
  sent: string[];
  failed: string[];
}

function zone(tz: string): string {
  return DateTime.local().setZone(tz).isValid ? tz : 'UTC';
}

/** The local month and whether it is the right moment of the day and week for this person. */
export function reminderMoment(now: number, tz: string, nudgeHour: number): { period: string; due: boolean } {
  const local = DateTime.fromMillis(now, { zone: zone(tz) });
  return { period: local.toFormat('yyyy-MM'), due: local.weekday <= 5 && local.hour >= nudgeHour };
}

export function createGoalReminders(deps: GoalReminderDeps) {
  async function remindOne(personId: string, now: number, report: ReminderRunReport): Promise<void> {
    const person = deps.people.get(personId);
    if (!person || person.deleted || person.isBot || person.nudgesPaused) return;
    if ((person.snoozedUntil ?? 0) > now) return;
    if (person.teamId && deps.workspaces && !deps.workspaces.canSend(person.teamId)) return;
    if (deps.people.reportsOf(personId).length > 0) return; // managers: the weekly nudge covers it
    if (deps.prefs.optedOut(personId)) return;
    const moment = reminderMoment(now, person.tz, person.nudgeHour);
    if (!moment.due) return;
    const stale = deps.goalService.staleGoals(personId, now);
    if (stale.length === 0) return;
    if (!deps.claims.claim(personId, moment.period, now)) return;
    try {
      const sent = await deps.notifier.sendGoalReminder(personId, stale);
      deps.claims.sent(personId, moment.period, sent.channel, sent.ts, now);
      deps.events.append({ kind: 'goal.reminder_sent', subjectId: personId, data: { goals: stale.length, period: moment.period } }, now);
      report.sent.push(personId);
    } catch (err) {
      const e = err as { code?: string; retryAfterMs?: number; retryAfter?: number; data?: { error?: string } };
      const code = e.data?.error ?? e.code ?? 'error';
      // A 429 carries Retry-After (seconds from the WebClient, ms from the Notifier's DeliveryError); never sooner than an hour.
      const wait = Math.max(e.retryAfterMs ?? 0, (e.retryAfter ?? 0) * 1000, 60 * 60 * 1000);
      const retryAt = PERMANENT.has(code) ? undefined : now + wait;
      deps.claims.failed(personId, moment.period, code, retryAt, now);
      report.failed.push(personId);
    }
  }

  return {
    /** One pass: everyone with a quiet goal who is due. Safe to run as often as the scheduler likes. */
    async run(now: number = deps.clock.now()): Promise<ReminderRunReport> {
      const report: ReminderRunReport = { sent: [], failed: [] };
      for (const personId of deps.goals.ownersWithStaleGoals(now - STALE_DAYS * DAY)) await remindOne(personId, now, report);
      return report;
    },
  };
}

export type GoalReminders = ReturnType<typeof createGoalReminders>;
