import { DateTime } from 'luxon';
import { addDays, daysBetween, localToday } from '../../src/domain/cadence';

/**
 * cadence.ts answers the common cases without luxon (issue #22: building DateTimes was ~5% of a prep card's CPU).
 * Its answers must be luxon's, to the character: these are the functions as they were (luxon throughout), used as
 * the oracle over every zone the platform knows, instants either side of local midnight and of DST changes, and
 * dates that are not dates.
 */
const oracle = {
  localToday(now: number, tz: string): string {
    const zone = DateTime.local().setZone(tz).isValid ? tz : 'UTC';
    return DateTime.fromMillis(now, { zone }).toISODate() as string;
  },
  daysBetween: (from: string, to: string) => Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days),
  addDays: (date: string, days: number) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string,
};

const HOUR = 3_600_000;
const ODD_ZONES = ['UTC', 'utc', 'GMT', 'UTC+3', 'UTC-09:30', 'Etc/GMT-14', 'Etc/GMT+12', 'europe/paris', 'Not/AZone', '', 'local', 'system', 'Asia/Calcutta', 'US/Pacific'];

/** Zones with a DST change at or near midnight (Havana, Santiago, Asunción, Beirut) and the usual ones. */
const CHANGES = [
  Date.UTC(2026, 2, 8), Date.UTC(2026, 2, 29), Date.UTC(2026, 3, 5), Date.UTC(2026, 8, 6), Date.UTC(2026, 9, 4), Date.UTC(2026, 9, 25),
  Date.UTC(2026, 10, 1), Date.UTC(2027, 2, 14), Date.UTC(2027, 2, 28), Date.UTC(2026, 2, 22), Date.UTC(2026, 9, 11),
];

/** A spread over three years that lands on every hour of the day in turn. */
function spread(): number[] {
  const out: number[] = [];
  for (let t = Date.UTC(2025, 11, 1, 0, 7); t < Date.UTC(2028, 11, 1); t += 97 * HOUR + 17 * 60_000) out.push(t);
  return out;
}

/** Every half hour for two days around each change, and a minute either side of each. */
function aroundChanges(): number[] {
  const out: number[] = [];
  for (const day of CHANGES) {
    for (let t = day - 24 * HOUR; t <= day + 24 * HOUR; t += HOUR / 2) out.push(t, t - 60_000, t + 60_000 - 1);
  }
  return out;
}

/** Zones whose clocks change near local midnight, either side of the date line, half and quarter hours. */
const CHANGING = ['America/Havana', 'America/Santiago', 'America/Asuncion', 'Asia/Beirut', 'America/Scoresbysund', 'Atlantic/Azores', 'Europe/London', 'Europe/Paris',
  'America/New_York', 'America/Los_Angeles', 'America/St_Johns', 'Australia/Lord_Howe', 'Australia/Sydney', 'Pacific/Auckland', 'Pacific/Chatham', 'Pacific/Kiritimati',
  'Pacific/Pago_Pago', 'Pacific/Apia', 'Asia/Kathmandu', 'Asia/Tehran', 'Africa/Casablanca', 'Asia/Gaza', 'Europe/Chisinau', 'America/Godthab', 'UTC', 'Not/AZone'];

describe('local dates without luxon', () => {
  const zones = [...Intl.supportedValuesOf('timeZone'), ...ODD_ZONES];
  const cases = [...zones.map((tz) => [tz, spread()] as const), ...CHANGING.map((tz) => [tz, aroundChanges()] as const)];

  it(`localToday is luxon's in every zone (${zones.length}) over three years, and around DST changes`, () => {
    let compared = 0;
    for (const [tz, at] of cases) {
      for (const t of at) {
        const [mine, theirs] = [localToday(t, tz), oracle.localToday(t, tz)];
        if (mine !== theirs) expect({ tz, at: new Date(t).toISOString(), mine }).toEqual({ tz, at: new Date(t).toISOString(), mine: theirs });
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(150_000);
  });

  it("localToday is luxon's second by second across local midnights and DST changes, asked in turn as requests do", () => {
    const differ: unknown[] = [];
    for (const tz of CHANGING.slice(0, 14)) {
      for (const day of CHANGES) {
        for (let t = day - 26 * HOUR; t <= day + 26 * HOUR; t += HOUR / 2) {
          for (let s = t - 61_000; s <= t + 61_000; s += 20_333) if (localToday(s, tz) !== oracle.localToday(s, tz)) differ.push([tz, new Date(s).toISOString(), localToday(s, tz)]);
        }
      }
    }
    expect(differ).toEqual([]);
  });

  it("localToday is luxon's for instants far from now and for bad ones", () => {
    const odd = [0, -1, 1.5, -86_400_001, Date.UTC(999, 0, 1), Date.UTC(1000, 0, 1), Date.UTC(9999, 11, 31, 23), Date.UTC(10000, 0, 1), 8.64e15, -8.64e15, 8.64e15 + 1, NaN, Infinity];
    for (const tz of ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York', 'UTC+3', 'Not/AZone']) {
      for (const t of odd) expect([tz, t, localToday(t, tz)]).toEqual([tz, t, oracle.localToday(t, tz)]);
    }
  });

  it("daysBetween and addDays are luxon's for real dates, impossible dates and other strings", () => {
    const dates = ['2026-11-30', '2024-02-29', '2023-02-29', '2026-02-28', '2026-03-01', '2026-00-10', '2026-13-01', '2026-04-31', '2026-12-32', '2026-12-00',
      '1000-01-01', '0999-12-31', '9999-12-31', '1970-01-01', '1969-12-31', '2026-11-30T23:00', '2026-11-30T23:00:00Z', '20261130', '2026-W48', '', 'soon', '2026-1-5', ' 2026-11-30'];
    for (let y = 1995; y <= 2035; y += 4) for (const md of ['01-01', '02-28', '03-01', '03-29', '06-30', '10-25', '11-01', '12-31']) dates.push(`${y}-${md}`);
    const differ: unknown[] = [];
    for (const a of dates) {
      for (const b of dates) if (!Object.is(daysBetween(a, b), oracle.daysBetween(a, b))) differ.push(['daysBetween', a, b, daysBetween(a, b)]);
      for (const n of [0, 1, -1, 7, 14, 30, -365, 366, 1000, 2922, -400_000, 3_000_000, 1.5, -0.5, 1e12]) {
        if (addDays(a, n) !== oracle.addDays(a, n)) differ.push(['addDays', a, n, addDays(a, n)]);
      }
    }
    expect(differ).toEqual([]);
    expect(daysBetween('2026-02-30', '2026-03-01')).toBeNaN(); // not a date: luxon's answer, kept
  });
});
