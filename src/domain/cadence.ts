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

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DAY = /^(\d{4})-(\d\d)-(\d\d)$/;
/** Dates JavaScript can hold (ECMAScript's ±8.64e15 ms); beyond them luxon answers as it always did. */
const MAX_MS = 8.64e15;

/**
 * What a zone name resolves to, once per name: luxon's reading of it (an unknown zone is UTC, and luxon also takes
 * fixed offsets like "UTC+3" and "system"), and for IANA zones a formatter that gives the calendar date straight
 * from the platform's zone data, which is what luxon reads too. Building a DateTime per call was ~5% of the app's
 * CPU on prep cards; these are a cache lookup and one format.
 */
interface Zone {
  name: string;
  /** 'MM/DD/YYYY' in the zone; only for IANA zones (the others go through luxon). */
  dates?: Intl.DateTimeFormat;
  /** The last answer, for its UTC minute: since 1972 every zone's offset is whole minutes, so no date changes within one. */
  last?: { minute: number; date: string };
}
const zones = new Map<string, Zone>();

function zoneOf(tz: string): Zone {
  let zone = zones.get(tz);
  if (zone === undefined) {
    const resolved = DateTime.local().setZone(tz);
    const name = resolved.isValid ? tz : 'UTC';
    zone = { name, ...(resolved.isValid && resolved.zone.type === 'iana' ? { dates: monthDayYear(tz) } : {}) };
    if (zones.size < 1000) zones.set(tz, zone);
  }
  return zone;
}

function monthDayYear(tz: string): Intl.DateTimeFormat | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz, calendar: 'gregory', numberingSystem: 'latn', year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    return undefined;
  }
}

const MDY = /^(\d\d)\/(\d\d)\/(\d{4})$/;

const MINUTE_MS = 60_000;
/** From here on tzdata has no seconds in any offset (Liberia's -0:44:30 was the last, until May 1972). */
const WHOLE_MINUTES_SINCE = Date.UTC(1972, 6, 1);
/** Far from the end of JavaScript's dates, where one minute holds valid and invalid instants. */
const LAST_YEAR = Date.UTC(9999, 0, 1);

/** Today's calendar date in a time zone ('YYYY-MM-DD'). */
export function localToday(now: number, tz: string): string {
  const zone = zoneOf(tz);
  const minute = Math.floor(now / MINUTE_MS);
  if (zone.last?.minute === minute) return zone.last.date;
  const date = dateIn(zone, now);
  if (now >= WHOLE_MINUTES_SINCE && now < LAST_YEAR) zone.last = { minute, date };
  return date;
}

/** The calendar date ('YYYY-MM-DD') an instant falls on in a time zone: as localToday, for any instant. */
export function localDate(at: number, tz: string): string {
  return dateIn(zoneOf(tz), at);
}

/**
 * The ISO week ('2026-W48') a calendar date falls in, luxon's `kkkk-'W'WW`: the week (Monday to Sunday) belongs to
 * the year its Thursday is in. Plain arithmetic for years 1000–9999; luxon for anything else.
 */
export function isoWeekOfDate(date: string): string {
  const t = utcDay(date);
  if (t === undefined) return DateTime.fromISO(date, { zone: 'UTC' }).toFormat("kkkk-'W'WW");
  const mondayBased = (new Date(t).getUTCDay() + 6) % 7;
  const thursday = t + (3 - mondayBased) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

function dateIn(zone: Zone, now: number): string {
  const parts = zone.dates && Math.abs(now) <= MAX_MS ? MDY.exec(zone.dates.format(now)) : null;
  // Anything unusual (a four-digit year is not what came back, a fixed offset, a bad instant) is luxon's to answer.
  if (parts && parts[3]! >= '1000') return `${parts[3]}-${parts[1]}-${parts[2]}`;
  return DateTime.fromMillis(now, { zone: zone.name }).toISODate() as string;
}

/** Epoch ms of local noon on a date: a stable instant that orders 1:1s and measures gaps. */
export function localNoon(date: string, tz: string): number {
  return DateTime.fromISO(date, { zone: zoneOf(tz).name }).set({ hour: 12 }).toMillis();
}

export function isIsoDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date).isValid;
}

/**
 * Midnight UTC of a plain 'YYYY-MM-DD' (years 1000–9999) that is a real calendar date, else undefined: date-only
 * arithmetic in UTC needs no zone, so the two functions below and home-format.ts's shortDate skip luxon for it and keep luxon for anything else.
 */
export function utcDay(date: string): number | undefined {
  const m = ISO_DAY.exec(date);
  if (!m || m[1]! < '1000') return undefined;
  const month = Number(m[2]) - 1;
  const day = Number(m[3]);
  const t = Date.UTC(Number(m[1]), month, day);
  const back = new Date(t);
  return back.getUTCMonth() === month && back.getUTCDate() === day ? t : undefined;
}

/** Whole calendar days from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = utcDay(from);
  const b = utcDay(to);
  if (a !== undefined && b !== undefined) return Math.round((b - a) / DAY_MS);
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

export function addDays(date: string, days: number): string {
  const t = utcDay(date);
  if (t !== undefined && Number.isInteger(days) && Math.abs(t + days * DAY_MS) <= MAX_MS) {
    const out = new Date(t + days * DAY_MS).toISOString();
    if (out.length === 24 && out >= '1000') return out.slice(0, 10);
  }
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
