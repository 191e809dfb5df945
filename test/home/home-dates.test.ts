import { DateTime } from 'luxon';
import { isoWeekOfDate, localDate } from '../../src/domain/cadence';
import { isoWeekOf } from '../../src/domain/nudge-schedule';
import { dateAt, shortDate } from '../../src/slack/ui/home-format';
import { prng } from '../reports/org-fixture';

/**
 * App Home's dates without luxon on the common path (home-format.ts, cadence.ts): each must answer exactly what the
 * luxon code it replaced answered, which is written out here as the reference.
 */
const luxonZone = (tz: string) => (DateTime.local().setZone(tz).isValid ? tz : 'UTC');
const reference = {
  shortDate: (iso: string, today: string) => {
    const d = DateTime.fromISO(iso, { zone: 'UTC' });
    return d.toFormat(d.year === DateTime.fromISO(today, { zone: 'UTC' }).year ? 'd LLL' : 'd LLL yyyy', { locale: 'en-US' });
  },
  dateAt: (ms: number, tz: string, today: string) => reference.shortDate(DateTime.fromMillis(ms, { zone: luxonZone(tz) }).toISODate() as string, today),
  isoWeekOf: (ms: number, tz: string) => DateTime.fromMillis(ms, { zone: tz && DateTime.local().setZone(tz).isValid ? tz : 'UTC' }).toFormat("kkkk-'W'WW"),
};

const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'America/St_Johns', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe',
  'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Sao_Paulo', 'Africa/Casablanca', 'Antarctica/Troll',
  // What Slack should never send, and luxon answered anyway: fixed offsets, its own names, nothing, nonsense.
  'UTC+3', 'Etc/GMT-14', 'system', '', 'Not/AZone', 'utc'];

describe('App Home dates match the luxon code they replaced', () => {
  const rnd = prng(22);
  const instants = [
    ...Array.from({ length: 2000 }, () => Date.UTC(1990, 0, 1) + Math.floor(rnd() * 60 * 365 * 86_400_000)),
    // Around DST changes and year ends, where a zone's date and ISO week turn.
    ...[Date.UTC(2026, 2, 29, 0, 59), Date.UTC(2026, 2, 29, 1, 0), Date.UTC(2026, 9, 25, 0, 30), Date.UTC(2026, 10, 1, 6, 0),
      Date.UTC(2020, 11, 31, 23, 59), Date.UTC(2021, 0, 3, 12), Date.UTC(2024, 11, 30, 1), Date.UTC(2026, 11, 31, 14), Date.UTC(2027, 0, 1, 10)],
  ];

  it('dateAt and isoWeekOf for instants across zones, DST changes and year ends', () => {
    const today = '2026-12-06';
    const differ: string[] = [];
    for (const tz of ZONES) {
      for (const ms of instants) {
        if (dateAt(ms, tz, today) !== reference.dateAt(ms, tz, today)) differ.push(`dateAt ${ms} ${tz}`);
        if (isoWeekOf(ms, tz) !== reference.isoWeekOf(ms, tz)) differ.push(`isoWeekOf ${ms} ${tz}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('ISO weeks at the turns of the year: the week belongs to the year of its Thursday', () => {
    expect(isoWeekOfDate('2020-12-31')).toBe('2020-W53');
    expect(isoWeekOfDate('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOfDate('2021-01-04')).toBe('2021-W01');
    expect(isoWeekOfDate('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOfDate('2026-12-06')).toBe('2026-W49');
    for (let day = 0; day < 3 * 366; day += 1) {
      const iso = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      expect(isoWeekOfDate(iso)).toBe(DateTime.fromISO(iso, { zone: 'UTC' }).toFormat("kkkk-'W'WW"));
    }
  });

  it('shortDate: this year without the year, other years with it, English month names; anything odd is luxon\'s', () => {
    expect(shortDate('2026-11-06', '2026-12-06')).toBe('6 Nov');
    expect(shortDate('2025-09-30', '2026-12-06')).toBe('30 Sep 2025');
    for (const iso of ['2026-02-29', '2024-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '0999-01-01', '2026-1-5', 'soon', '']) {
      expect(shortDate(iso, '2026-12-06')).toBe(reference.shortDate(iso, '2026-12-06'));
    }
    for (let i = 0; i < 1000; i += 1) {
      const iso = new Date(Date.UTC(1990, 0, 1) + Math.floor(rnd() * 60 * 365) * 86_400_000).toISOString().slice(0, 10);
      expect(shortDate(iso, '2026-12-06')).toBe(reference.shortDate(iso, '2026-12-06'));
    }
  });

  it('localDate is the calendar date in the zone, an unknown zone being UTC', () => {
    expect(localDate(Date.UTC(2026, 11, 6, 23, 30), 'Asia/Tokyo')).toBe('2026-12-07');
    expect(localDate(Date.UTC(2026, 11, 6, 3, 0), 'America/New_York')).toBe('2026-12-05');
    expect(localDate(Date.UTC(2026, 11, 6, 23, 30), 'Not/AZone')).toBe('2026-12-06');
  });
});
