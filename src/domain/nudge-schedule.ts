import { DateTime } from 'luxon';
import { isoWeekOfDate, localDate } from './cadence';

/**
 * When a person's weekly nudge is due: their chosen ISO weekday and hour in their own Slack time zone.
 * Working days only: a Saturday or Sunday setting (the settings modal offers all seven days) is
 * treated as Monday of the same ISO week, so the nudge still comes once a week on a working day;
 * `/coach nudges day` refuses weekend days with a message saying so.
 */

export const DEFAULT_NUDGE_DAY = 1;
export const DEFAULT_NUDGE_HOUR = 9;
export const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export function isWorkingDay(isoDay: number): boolean {
  return isoDay >= 1 && isoDay <= 5;
}

/** The day the nudge actually goes out: the chosen day, or Monday for a weekend day. */
export function effectiveDay(isoDay: number): number {
  return isWorkingDay(isoDay) ? isoDay : 1;
}

export function zoneOrUtc(tz: string): string {
  return tz && DateTime.local().setZone(tz).isValid ? tz : 'UTC';
}

export interface WeeklySlot {
  /** ISO week of the person's local calendar at `now`: the unique key's period, '2026-W48'. */
  period: string;
  /** The instant of this week's slot (epoch ms). */
  slotAt: number;
  /** The local week as instants, [from, to): the slot holds for any `now` in it. */
  weekFrom: number;
  weekTo: number;
}

/** This local week's slot. An hour skipped by a daylight-saving change moves forward (02:30 → 03:30). */
export function weeklySlot(now: number, tz: string, day: number, hour: number): WeeklySlot {
  const local = DateTime.fromMillis(now, { zone: zoneOrUtc(tz) });
  const slot = DateTime.fromObject(
    { weekYear: local.weekYear, weekNumber: local.weekNumber, weekday: effectiveDay(day) as 1 | 2 | 3 | 4 | 5, hour },
    { zone: local.zone },
  );
  const weekStart = local.startOf('week');
  return { period: local.toFormat("kkkk-'W'WW"), slotAt: slot.toMillis(), weekFrom: weekStart.toMillis(), weekTo: weekStart.plus({ weeks: 1 }).toMillis() };
}

/** The next slot at or after `now` (this week's if still ahead, else next week's). */
export function nextSlot(now: number, tz: string, day: number, hour: number): number {
  const { slotAt } = weeklySlot(now, tz, day, hour);
  if (slotAt > now) return slotAt;
  const nextWeek = DateTime.fromMillis(now, { zone: zoneOrUtc(tz) }).plus({ weeks: 1 }).toMillis();
  return weeklySlot(nextWeek, tz, day, hour).slotAt;
}

/** The ISO week of an instant in a time zone ('2026-W48'). */
export function isoWeekOf(now: number, tz: string): string {
  return isoWeekOfDate(localDate(now, tz));
}

/** Parses `tuesday`, `Tue`, `tues` into an ISO weekday. */
export function parseWeekday(text: string): number | undefined {
  const t = text.trim().toLowerCase().replace(/s$/, '');
  if (t.length < 2) return undefined;
  const i = WEEKDAY_NAMES.findIndex((d) => d.startsWith(t) || d.replace(/s?day$/, '') === t);
  return i >= 0 ? i + 1 : undefined;
}

/** Parses `8`, `08`, `8am`, `2pm`, `14:00`, `14h` into an hour 0–23. */
export function parseHour(text: string): number | undefined {
  const m = /^(\d{1,2})(?::00|h|\.00)?\s*(am|pm)?$/i.exec(text.trim());
  if (!m) return undefined;
  let h = Number(m[1]);
  const suffix = m[2]?.toLowerCase();
  if (suffix) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (suffix === 'pm' ? 12 : 0);
  }
  return h >= 0 && h <= 23 ? h : undefined;
}

// ---------- away ----------

/** Status emoji Slack and people use for being away: vacation, out sick, parental leave, travelling. */
const AWAY_EMOJI = new Set([
  'palm_tree', 'desert_island', 'beach_with_umbrella', 'airplane', 'airplane_departure', 'luggage',
  'face_with_thermometer', 'thermometer', 'mask', 'face_with_head_bandage', 'sneezing_face', 'nauseated_face',
  'baby', 'baby_bottle', 'no_entry', 'no_entry_sign', 'red_circle_away', 'away',
]);

const AWAY_TEXT =
  /\b(vacation(?:ing)?|holidays?|out of (?:the )?office|ooo|o\.o\.o|on leave|(?:parental|maternity|paternity|sick|annual|medical) leave|sick|unwell|pto|time off|day off|days off|off until|away until|back on|sabbatical|urlaub|vacaciones|vacances|cong[ée]s?|ferie|krank)\b/i;

/** True when a Slack status says the person is away this week. */
export function isAway(status: { statusText: string; statusEmoji: string }): boolean {
  const emoji = status.statusEmoji.replace(/:/g, '').trim().toLowerCase();
  if (emoji && AWAY_EMOJI.has(emoji)) return true;
  return AWAY_TEXT.test(status.statusText);
}
