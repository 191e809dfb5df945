import { DateTime } from 'luxon';
import { CATCH_UP_MS, type PlannedNudge } from '../nudge-planner';
import { isAway, isWorkingDay, zoneOrUtc } from '../nudge-schedule';

/**
 * When the executive digest is due: the first working day (Monday to Friday) of the executive's local month,
 * at 09:00 their time. It rides the weekly nudge's queue (same table, dispatcher, rate and skip rules) with its
 * own kind and a monthly period, so the unique (person, kind, period) key plans it once and sends it once,
 * across overlapping runs, restarts and instances.
 */

export const EXECUTIVE_KIND = 'executive';
export const EXECUTIVE_HOUR = 9;

export interface MonthlySlot {
  /** The local month, 'YYYY-MM'. */
  period: string;
  slotAt: number;
}

/** This local month's slot; a skipped 09:00 (a daylight-saving jump) moves forward like the weekly one. */
export function monthlySlot(now: number, tz: string, hour = EXECUTIVE_HOUR): MonthlySlot {
  const local = DateTime.fromMillis(now, { zone: zoneOrUtc(tz) });
  let day = local.startOf('month');
  while (!isWorkingDay(day.weekday)) day = day.plus({ days: 1 });
  return { period: local.toFormat('yyyy-MM'), slotAt: day.set({ hour, minute: 0, second: 0, millisecond: 0 }).toMillis() };
}

export interface ExecutiveCandidate {
  id: string;
  tz: string;
  nudgesPaused: boolean;
  snoozedUntil?: number;
  statusText: string;
  statusEmoji: string;
}

/**
 * The executive digests due at `now`: like the weekly nudge, paused people get no row, snoozed and away
 * people a `skipped` row that uses up the month, and a slot missed by more than the catch-up window is not
 * sent late.
 */
export function planExecutiveDigests(candidates: Iterable<ExecutiveCandidate>, now: number, catchUpMs = CATCH_UP_MS): PlannedNudge[] {
  const out: PlannedNudge[] = [];
  for (const c of candidates) {
    if (c.nudgesPaused) continue;
    // Executives are few: no slot cache needed (the weekly planner caches because managers are many).
    const { period, slotAt } = monthlySlot(now, c.tz);
    if (now < slotAt || now >= slotAt + catchUpMs) continue;
    const base = { personId: c.id, kind: EXECUTIVE_KIND, period, dueAt: slotAt } as const;
    if (c.snoozedUntil !== undefined && c.snoozedUntil > slotAt) out.push({ ...base, status: 'skipped', reason: 'snoozed' });
    else if (isAway(c)) out.push({ ...base, status: 'skipped', reason: 'away' });
    else out.push({ ...base, status: 'planned' });
  }
  return out;
}

/**
 * Cheap pre-check for the planner: a first working day (at most the 3rd) at 09:00 somewhere on Earth falls
 * between the last day of a month and the 4th in UTC. Outside that, planning has nothing to do and does not
 * load the organisation snapshot.
 */
export function mayBeExecutiveSlot(now: number): boolean {
  const utc = DateTime.fromMillis(now, { zone: 'UTC' });
  return utc.day <= 4 || utc.day === utc.daysInMonth;
}
