import { DateTime } from 'luxon';
import { localDate, utcDay, type CadenceStatus } from '../../domain/cadence';
import type { LevelInfo } from '../../domain/levels';
import { LEVEL_LABELS, SOURCE_LABELS } from '../../domain/levels';
import { count } from './words';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];


export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * 'YYYY-MM-DD' → '6 Nov'; the year only when it is not this year. English month names whatever the server's locale
 * (the app's words are English). Plain arithmetic on a real calendar date (cadence.ts utcDay): App Home writes one per
 * report and one per kudos line, and luxon's parse and format were most of a tab's date work. Anything else is
 * luxon's, as before.
 */
export function shortDate(iso: string, today: string): string {
  const t = utcDay(iso);
  if (t === undefined) {
    const d = DateTime.fromISO(iso, { zone: 'UTC' });
    return d.toFormat(d.year === DateTime.fromISO(today, { zone: 'UTC' }).year ? 'd LLL' : 'd LLL yyyy', { locale: 'en-US' });
  }
  const d = new Date(t);
  const day = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  return today.slice(0, 4) === iso.slice(0, 4) ? day : `${day} ${iso.slice(0, 4)}`;
}

/** The date an instant falls on in the viewer's zone (an unknown zone is UTC), as shortDate. */
export function dateAt(ms: number, tz: string, today: string): string {
  return shortDate(localDate(ms, tz), today);
}

export function levelLine(level: LevelInfo): string {
  return `*${LEVEL_LABELS[level.level]}* _(${SOURCE_LABELS[level.source]})_`;
}

/** On track / due / overdue against the cadence, in words and a colour. */
export function cadenceBadge(c: CadenceStatus): string {
  switch (c.state) {
    case 'first':
      return ':white_circle: no 1:1 logged yet';
    case 'overdue':
      return `:red_circle: *overdue* by ${count(c.overdueBy ?? 0, 'day')}`;
    case 'due-soon':
      return ':large_yellow_circle: *due*';
    default:
      return ':large_green_circle: on track';
  }
}

export function nudgeLine(s: { nudgeDay: number; nudgeHour: number; nudgesPaused: boolean; tz: string }): string {
  if (s.nudgesPaused) return ':double_vertical_bar: Paused';
  // A weekend day stored by an older version goes out on Monday (nudge-schedule.ts): say what happens.
  const day = s.nudgeDay >= 1 && s.nudgeDay <= 5 ? s.nudgeDay : 1;
  return `${WEEKDAYS[day - 1]}s at ${hourLabel(s.nudgeHour)} (${s.tz})`;
}

/** "Every week", "Every 2 weeks (14 days)", "Every 30 days": the same words in the Home tab and the settings modal. */
export function cadenceLabel(days: number): string {
  if (days === 7) return 'Every week';
  if (days === 1) return 'Every day';
  return days % 7 === 0 ? `Every ${count(days / 7, 'week')} (${days} days)` : `Every ${count(days, 'day')}`;
}
