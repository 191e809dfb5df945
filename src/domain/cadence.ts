import { DateTime } from 'luxon';

/** Default target between two 1:1s, days (people.cadence_days defaults to it as well). */
export const DEFAULT_CADENCE_DAYS = 14;
/** "Due soon" starts this many days before the target. */
const DUE_SOON_DAYS = 2;

export type CadenceState = 'first' | 'on-track' | 'due-soon' | 'overdue';

export interface CadenceStatus {
  state: CadenceState;
  cadenceDays: number;
  /** Whole local days since the last 1:1; undefined before the first. */
  daysSince?: number;
  /** Days past the target when overdue. */
  overdueBy?: number;
  /** Local date the next 1:1 is due, when one has been held. */
  dueOn?: string;
}

const zoneValidity = new Map<string, boolean>();

/** A zone luxon knows, else UTC; validity is cached because checking builds a DateTime (hot on every card). */
function zoneOf(tz: string): string {
  let valid = zoneValidity.get(tz);
  if (valid === undefined) {
    valid = DateTime.local().setZone(tz).isValid;
    if (zoneValidity.size < 1000) zoneValidity.set(tz, valid);
  }
  return valid ? tz : 'UTC';
}

/** Today's calendar date in a time zone ('YYYY-MM-DD'). */
export function localToday(now: number, tz: string): string {
  return DateTime.fromMillis(now, { zone: zoneOf(tz) }).toISODate() as string;
}

/** Epoch ms of local noon on a date: a stable instant that orders 1:1s and measures gaps. */
export function localNoon(date: string, tz: string): number {
  return DateTime.fromISO(date, { zone: zoneOf(tz) }).set({ hour: 12 }).toMillis();
}

export function isIsoDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date).isValid;
}

/** Whole calendar days from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/** Where a pair stands against the manager's cadence, counted in the manager's local days. */
export function cadenceStatus(lastHeldOn: string | undefined, today: string, cadenceDays: number): CadenceStatus {
  const cadence = cadenceDays > 0 ? cadenceDays : DEFAULT_CADENCE_DAYS;
  if (!lastHeldOn) return { state: 'first', cadenceDays: cadence };
  const daysSince = Math.max(0, daysBetween(lastHeldOn, today));
  const dueOn = addDays(lastHeldOn, cadence);
  if (daysSince > cadence) return { state: 'overdue', cadenceDays: cadence, daysSince, overdueBy: daysSince - cadence, dueOn };
  const state = daysSince >= cadence - DUE_SOON_DAYS ? 'due-soon' : 'on-track';
  return { state, cadenceDays: cadence, daysSince, dueOn };
}
