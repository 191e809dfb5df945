import type { CadenceStatus } from './cadence';
import { DEFAULT_CADENCE_DAYS } from './cadence';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Same as cadence.ts: "due soon" starts this many days before the target. A test holds the two together. */
const DUE_SOON_DAYS = 2;

function utcDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * cadenceStatus from cadence.ts with plain calendar arithmetic instead of luxon: identical results
 * (test/home/home-cadence.test.ts compares them), about a hundred times faster, which a Home tab
 * listing 150 reports needs to stay well under 50 ms.
 */
export function fastCadenceStatus(lastHeldOn: string | undefined, today: string, cadenceDays: number): CadenceStatus {
  const cadence = cadenceDays > 0 ? cadenceDays : DEFAULT_CADENCE_DAYS;
  if (!lastHeldOn) return { state: 'first', cadenceDays: cadence };
  const last = utcDay(lastHeldOn);
  const daysSince = Math.max(0, Math.round((utcDay(today) - last) / DAY_MS));
  const dueOn = isoOf(last + cadence * DAY_MS);
  if (daysSince > cadence) return { state: 'overdue', cadenceDays: cadence, daysSince, overdueBy: daysSince - cadence, dueOn };
  const state = daysSince >= cadence - DUE_SOON_DAYS ? 'due-soon' : 'on-track';
  return { state, cadenceDays: cadence, daysSince, dueOn };
}
