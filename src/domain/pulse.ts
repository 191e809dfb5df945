import { DateTime } from 'luxon';

/**
 * The anonymous upward pulse: one question a month about the person's manager.
 *
 * Anonymity choices (see also migrations/0003_pulse.sql):
 *  - A response row never holds who answered; a keyed hash of (person, period) in a separate table only
 *    stops a second answer.
 *  - Results for a period are shown only after the period has CLOSED (no answers accepted any more), so a
 *    result never moves while people watch: with 5 answers yesterday and 6 today, nobody sees both averages.
 *  - A closed period is shown only with at least `minResponses` answers; below that nothing is shown, not
 *    even the count. Rollups (a level, a skip-level's subtree) include only managers who are above the
 *    threshold themselves, so subtracting one shown figure from another never isolates a small group.
 *  - Comments go only to the manager they are about, above the threshold, in random order.
 *  - A distribution is shown only where it reveals no individual (`distributionRevealsNoOne`).
 *  - Storage: docs/adr/0003-pulse-anonymity.md (receipts written alone, answers in shuffled batches).
 */

export const PULSE_KIND = 'pulse';
export const PULSE_QUESTION = 'In the last month, how much did your manager help you do your best work?';
export const RATING_LABELS = ['Not at all', 'A little', 'Somewhat', 'A lot', 'Completely'] as const;
export const MAX_COMMENT = 1000;
/** Local working hours for the DM: from 10:00 to before 16:00 on a weekday. */
export const PULSE_HOURS = { from: 10, to: 16 } as const;
/** No pulse DM in the last days of a month: too little time to answer before it closes. */
export const LAST_SEND_DAY = 25;

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(text: string): boolean {
  return PERIOD.test(text);
}

function zoneOf(tz: string): string {
  return tz && DateTime.local().setZone(tz).isValid ? tz : 'UTC';
}

/** Period 'YYYY-MM' of the month that contains this instant in UTC. */
export function utcPeriod(now: number): string {
  return DateTime.fromMillis(now, { zone: 'UTC' }).toFormat('yyyy-MM');
}

export function shiftPeriod(period: string, months: number): string {
  return DateTime.fromISO(`${period}-01`, { zone: 'UTC' }).plus({ months }).toFormat('yyyy-MM');
}

/**
 * Answers are taken until the start of the 2nd day of the next month (UTC): everyone, in every time zone,
 * has the whole of their local month. Results appear from that same instant.
 */
export function closesAt(period: string): number {
  return DateTime.fromISO(`${period}-01`, { zone: 'UTC' }).plus({ months: 1, days: 1 }).toMillis();
}

export function isOpen(period: string, now: number): boolean {
  const opensAt = DateTime.fromISO(`${period}-01`, { zone: 'UTC' }).minus({ days: 1 }).toMillis();
  return now >= opensAt && now < closesAt(period);
}

/** The most recent period whose results may be shown at `now`. */
export function latestClosedPeriod(now: number): string {
  let p = utcPeriod(now);
  while (closesAt(p) > now) p = shiftPeriod(p, -1);
  return p;
}

/** Whether a month is a pulse month when the pulse runs every `everyMonths` months (1 = monthly, 0 = off). */
export function isPulseMonth(period: string, everyMonths: number): boolean {
  if (everyMonths <= 0) return false;
  const month = Number(period.slice(5, 7));
  return (month - 1) % everyMonths === 0;
}

export interface PulseMoment {
  period: string;
  /** The right moment to DM: a weekday, within working hours, early enough in the month. */
  due: boolean;
}

export function pulseMoment(now: number, tz: string): PulseMoment {
  const local = DateTime.fromMillis(now, { zone: zoneOf(tz) });
  const due = local.weekday <= 5 && local.hour >= PULSE_HOURS.from && local.hour < PULSE_HOURS.to && local.day <= LAST_SEND_DAY;
  return { period: local.toFormat('yyyy-MM'), due };
}

export interface PulseAggregate {
  managerId: string;
  period: string;
  /** Responses per rating 1..5 (index 0 = rating 1). */
  distribution: [number, number, number, number, number];
}

export type PulseResult =
  | { state: 'open'; period: string; closesAt: number }
  | { state: 'not-enough'; period: string }
  | {
      state: 'shown';
      period: string;
      responses: number;
      average: number;
      /** Absent when it would reveal individuals (see `distributionRevealsNoOne`). */
      distribution?: [number, number, number, number, number];
    };

/**
 * A distribution may be shown only when no single answer value holds n − 1 or more of the n answers.
 * Unanimous (n of n) tells everyone's answer; n − 1 of n tells everyone's answer but one, and whoever
 * knows that one person's answer knows all. Applied at every size: a unanimous 40 is as revealing as a
 * unanimous 5.
 */
export function distributionRevealsNoOne(d: readonly number[]): boolean {
  const n = totalOf(d);
  return d.every((count) => count <= n - 2);
}

export function totalOf(d: readonly number[]): number {
  return d.reduce((a, b) => a + b, 0);
}

export function averageOf(d: readonly number[]): number {
  const n = totalOf(d);
  return n === 0 ? 0 : d.reduce((sum, count, i) => sum + count * (i + 1), 0) / n;
}

/** What may be shown of a period's answers. Below the threshold or before the close: nothing countable. */
export function pulseResult(
  period: string,
  distribution: readonly number[] | undefined,
  minResponses: number,
  now: number,
): PulseResult {
  if (now < closesAt(period)) return { state: 'open', period, closesAt: closesAt(period) };
  const d = (distribution ?? [0, 0, 0, 0, 0]).slice(0, 5) as [number, number, number, number, number];
  const n = totalOf(d);
  if (n < minResponses) return { state: 'not-enough', period };
  return { state: 'shown', period, responses: n, average: averageOf(d), ...(distributionRevealsNoOne(d) ? { distribution: d } : {}) };
}

/** Adds up only the managers who are above the threshold themselves (see the note at the top). */
export function rollUpPulse(aggregates: readonly PulseAggregate[], minResponses: number): [number, number, number, number, number] {
  const out: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const a of aggregates) {
    if (totalOf(a.distribution) < minResponses) continue;
    for (let i = 0; i < 5; i += 1) out[i] = (out[i] ?? 0) + (a.distribution[i] ?? 0);
  }
  return out;
}

/** Fisher–Yates with an injected random source, so comments never come back in answer order. */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
