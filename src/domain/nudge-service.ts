import { DomainError } from './errors';
import type { NudgeDigest } from './notifier';
import type { NudgeDigests } from './nudge-digest';
import type { NudgeQueue, QueuedNudge } from './nudge-ports';
import { WEEKLY_KIND } from './nudge-planner';
import { effectiveDay, isAway, isoWeekOf, isWorkingDay, nextSlot, parseHour, parseWeekday, WEEKDAY_NAMES } from './nudge-schedule';
import type { PeopleRepository, Person } from './people';
import type { Clock, EventLog } from './ports';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** A click on a nudge, logged against it for the follow-through report. */
export type NudgeAction = 'prep' | 'kudos' | 'team' | 'snooze' | 'pause' | 'useful' | 'not_useful';

const EVENT_KIND: Record<NudgeAction, string> = {
  prep: 'nudge.acted',
  kudos: 'nudge.acted',
  team: 'nudge.acted',
  snooze: 'nudge.snoozed',
  pause: 'nudge.paused',
  useful: 'nudge.useful',
  not_useful: 'nudge.not_useful',
};

export interface NudgeSchedule {
  day: number;
  /** The day it actually goes out (Monday for a weekend setting). */
  effectiveDay: number;
  hour: number;
  tz: string;
  paused: boolean;
  snoozedUntil?: number;
  away: boolean;
  /** The next slot that will send, or undefined while paused. */
  nextAt?: number;
  /** This week's nudge, when one is queued or was sent. */
  thisWeek?: Pick<QueuedNudge, 'status' | 'reason'>;
}

export interface NudgeService {
  schedule(personId: string): Promise<NudgeSchedule>;
  /** What this week's nudge says (or would say) for this person; nothing is logged or queued. */
  preview(personId: string): Promise<{ digest: NudgeDigest; schedule: NudgeSchedule }>;
  pause(personId: string, nudgeId?: number): Promise<NudgeSchedule>;
  resume(personId: string): Promise<NudgeSchedule>;
  /** Skips the next weekly nudge: snoozed for seven days from now. */
  snooze(personId: string, nudgeId?: number): Promise<NudgeSchedule>;
  /** `/coach nudges day tuesday 8`: day name and optional hour, as typed. */
  setDay(personId: string, text: string): Promise<NudgeSchedule>;
  /** `/coach nudges time 8am`: the hour only. */
  setHour(personId: string, text: string): Promise<NudgeSchedule>;
  /** Logs a click against its nudge; a nudge id that is not this person's is dropped from the record. */
  recordAction(personId: string, nudgeId: number | undefined, action: NudgeAction, data?: Record<string, unknown>): Promise<void>;
}

export interface NudgeServiceDeps {
  people: PeopleRepository;
  queue: NudgeQueue;
  digests: NudgeDigests;
  events: EventLog;
  clock: Clock;
}

export const DAY_USAGE = 'Say which working day and, if you like, the hour in your time zone: `/coach nudges day tuesday 8` (Monday to Friday, 0–23).';

export const HOUR_USAGE = 'Say the hour in your time zone, from 0 to 23 or like 8am: `/coach nudges time 8`.';

export function createNudgeService(deps: NudgeServiceDeps): NudgeService {
  const { people, queue, events, clock } = deps;

  async function known(personId: string): Promise<Person> {
    const p = await people.get(personId);
    if (!p) throw new DomainError('person_unknown', 'Open the Leadwell Home tab once so I know who you are, then try again.');
    return p;
  }

  async function schedule(personId: string): Promise<NudgeSchedule> {
    const p = await known(personId);
    const now = clock.now();
    let nextAt = p.nudgesPaused ? undefined : nextSlot(now, p.tz, p.nudgeDay, p.nudgeHour);
    // A snooze skips every slot before it ends.
    while (nextAt !== undefined && p.snoozedUntil !== undefined && p.snoozedUntil > nextAt) nextAt = nextSlot(nextAt + 1, p.tz, p.nudgeDay, p.nudgeHour);
    const row = await queue.forPeriod(p.id, WEEKLY_KIND, isoWeekOf(now, p.tz));
    return {
      day: p.nudgeDay,
      effectiveDay: effectiveDay(p.nudgeDay),
      hour: p.nudgeHour,
      tz: p.tz,
      paused: p.nudgesPaused,
      snoozedUntil: p.snoozedUntil !== undefined && p.snoozedUntil > now ? p.snoozedUntil : undefined,
      away: isAway(p),
      nextAt,
      thisWeek: row ? { status: row.status, reason: row.reason } : undefined,
    };
  }

  async function recordAction(personId: string, nudgeId: number | undefined, action: NudgeAction, data: Record<string, unknown> = {}): Promise<void> {
    const nudge = nudgeId !== undefined ? await queue.get(nudgeId) : undefined;
    const refId = nudge && nudge.personId === personId ? nudge.id : undefined;
    await events.append({ kind: EVENT_KIND[action], actorId: personId, subjectId: personId, refId, data: { action, ...data } }, clock.now());
  }

  async function update(personId: string, changes: Parameters<PeopleRepository['updateSettings']>[1], event: string): Promise<void> {
    await people.updateSettings(personId, changes, clock.now());
    await events.append({ kind: 'settings.changed', actorId: personId, subjectId: personId, data: { fields: Object.keys(changes), via: event } }, clock.now());
  }

  return {
    schedule,
    async preview(personId) {
      const p = await known(personId);
      return { digest: await deps.digests.build(p), schedule: await schedule(personId) };
    },
    async pause(personId, nudgeId) {
      await known(personId);
      await update(personId, { nudgesPaused: true }, 'nudges.pause');
      await recordAction(personId, nudgeId, 'pause');
      return schedule(personId);
    },
    async resume(personId) {
      await known(personId);
      await update(personId, { nudgesPaused: false, snoozedUntil: null }, 'nudges.resume');
      await events.append({ kind: 'nudge.resumed', actorId: personId, subjectId: personId }, clock.now());
      return schedule(personId);
    },
    async snooze(personId, nudgeId) {
      await known(personId);
      await update(personId, { snoozedUntil: clock.now() + WEEK_MS }, 'nudges.snooze');
      await recordAction(personId, nudgeId, 'snooze');
      return schedule(personId);
    },
    async setDay(personId, text) {
      await known(personId);
      const [dayText = '', hourText, ...rest] = text.trim().split(/\s+/).filter(Boolean);
      const day = parseWeekday(dayText);
      const hour = hourText === undefined ? undefined : parseHour(hourText);
      if (day === undefined || rest.length > 0 || (hourText !== undefined && hour === undefined)) throw new DomainError('nudge_day_invalid', DAY_USAGE, 'nudgeDay');
      if (!isWorkingDay(day)) {
        const name = WEEKDAY_NAMES[day - 1] ?? 'the weekend';
        throw new DomainError('nudge_day_weekend', `Nudges go out on working days only, so ${name.charAt(0).toUpperCase()}${name.slice(1)} is not available. Pick Monday to Friday, e.g. \`/coach nudges day monday 9\`.`, 'nudgeDay');
      }
      await update(personId, hour === undefined ? { nudgeDay: day } : { nudgeDay: day, nudgeHour: hour }, 'nudges.day');
      return schedule(personId);
    },
    async setHour(personId, text) {
      await known(personId);
      const hour = parseHour(text);
      if (hour === undefined) throw new DomainError('nudge_hour_invalid', HOUR_USAGE, 'nudgeHour');
      await update(personId, { nudgeHour: hour }, 'nudges.time');
      return schedule(personId);
    },
    recordAction,
  };
}
