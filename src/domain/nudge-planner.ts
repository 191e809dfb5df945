import { isAway, weeklySlot, type WeeklySlot } from './nudge-schedule';

/**
 * Planning: who is due now. Pure, so it can be tested hour by hour and benchmarked; the storage
 * layer's unique key (person, kind, ISO week) is what makes planning idempotent across overlapping
 * runs, restarts and instances.
 */

export const WEEKLY_KIND = 'weekly';
/** A slot missed by more than this (server down, clock jump) is not sent late that week. */
export const CATCH_UP_MS = 12 * 60 * 60 * 1000;

/**
 * Time-zone math is the costly part of planning, and thousands of managers share a few hundred
 * (zone, day, hour) slots: a slot is computed once per local week and reused while `now` is in it.
 */
const slotCache = new Map<string, WeeklySlot>();
const SLOT_CACHE_MAX = 5000;

function cachedSlot(now: number, tz: string, day: number, hour: number): WeeklySlot {
  const key = `${tz}|${day}|${hour}`;
  const hit = slotCache.get(key);
  if (hit && now >= hit.weekFrom && now < hit.weekTo) return hit;
  if (slotCache.size >= SLOT_CACHE_MAX) slotCache.clear();
  const slot = weeklySlot(now, tz, day, hour);
  slotCache.set(key, slot);
  return slot;
}

export interface NudgeCandidate {
  id: string;
  tz: string;
  nudgeDay: number;
  nudgeHour: number;
  nudgesPaused: boolean;
  snoozedUntil?: number;
  statusText: string;
  statusEmoji: string;
}

export type PlanStatus = 'planned' | 'skipped';

export interface PlannedNudge {
  personId: string;
  /** WEEKLY_KIND here; other planners (the executive digest) queue their own kinds in the same table. */
  kind: string;
  period: string;
  dueAt: number;
  status: PlanStatus;
  /** Why a week is skipped: away, snoozed. */
  reason?: 'away' | 'snoozed';
}

/**
 * The nudges due at `now`. Paused people get no row (resuming within the catch-up window still
 * sends that week); snoozed and away people get a `skipped` row, which uses up the week.
 */
export function planWeeklyNudges(candidates: Iterable<NudgeCandidate>, now: number, catchUpMs = CATCH_UP_MS): PlannedNudge[] {
  const out: PlannedNudge[] = [];
  for (const c of candidates) {
    if (c.nudgesPaused) continue;
    const { period, slotAt } = cachedSlot(now, c.tz, c.nudgeDay, c.nudgeHour);
    if (now < slotAt || now >= slotAt + catchUpMs) continue;
    const base = { personId: c.id, kind: WEEKLY_KIND, period, dueAt: slotAt } as const;
    if (c.snoozedUntil !== undefined && c.snoozedUntil > slotAt) out.push({ ...base, status: 'skipped', reason: 'snoozed' });
    else if (isAway(c)) out.push({ ...base, status: 'skipped', reason: 'away' });
    else out.push({ ...base, status: 'planned' });
  }
  return out;
}
