import type { Level } from '../../domain/ports';
import type { CadenceStatus } from '../../domain/cadence';
import { count, daysAgo } from './words';

/** Escapes user text for mrkdwn so nobody's item or kudos text can ping a channel or forge a link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

export function firstLine(text: string): string {
  return (text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim();
}

export const LEVEL_LABELS: Record<Level, string> = {
  frontline: 'Frontline manager',
  'mid-level': 'Mid-level manager (manager of managers)',
  executive: 'Executive',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** 'YYYY-MM-DD' → 'Fri 27 Nov 2026' (a calendar date: no time zone involved; a split and one Date, no Intl). */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${WEEKDAYS[weekday]} ${d} ${MONTHS[m - 1]} ${y}`;
}

const days = (n: number): string => count(n, 'day');

/** One line on where a pair stands against the cadence target. */
export function cadencePhrase(c: CadenceStatus): string {
  const target = `target: every ${days(c.cadenceDays)}`;
  if (c.state === 'first') return `*First 1:1* — nothing logged yet (${target})`;
  const since = daysAgo(c.daysSince ?? 0);
  if (c.state === 'overdue') return `:red_circle: Last 1:1 *${since}* — overdue by ${days(c.overdueBy ?? 0)} (${target})`;
  if (c.state === 'due-soon') return `:large_yellow_circle: Last 1:1 *${since}* — due by ${formatDate(c.dueOn ?? '')} (${target})`;
  return `:large_green_circle: Last 1:1 *${since}* — on track, next by ${formatDate(c.dueOn ?? '')} (${target})`;
}

/** Short status for a team list row. */
export function cadenceShort(c: CadenceStatus): string {
  if (c.state === 'first') return 'no 1:1 logged yet';
  if (c.state === 'overdue') return `:red_circle: overdue by ${days(c.overdueBy ?? 0)} (last ${daysAgo(c.daysSince ?? 0)})`;
  if (c.state === 'due-soon') return `:large_yellow_circle: due by ${formatDate(c.dueOn ?? '')}`;
  return `:large_green_circle: on track (last ${daysAgo(c.daysSince ?? 0)})`;
}
