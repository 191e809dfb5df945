import { effectiveDay, isAway, nextSlot, parseHour, parseWeekday, weeklySlot } from '../../src/domain/nudge-schedule';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
const H = 3_600_000;

describe('weekly slot in the manager’s own time zone', () => {
  // Monday 30 Nov 2026 09:00 local, expected instants worked out from each zone's fixed offset.
  it.each([
    ['Pacific/Honolulu (UTC−10)', 'Pacific/Honolulu', utc(2026, 11, 30, 19)],
    ['UTC', 'UTC', utc(2026, 11, 30, 9)],
    ['Asia/Kolkata (UTC+5:30)', 'Asia/Kolkata', utc(2026, 11, 30, 3, 30)],
    ['Pacific/Tongatapu (UTC+13)', 'Pacific/Tongatapu', utc(2026, 11, 29, 20)],
  ])('%s: Monday 09:00 local', (_label, tz, expected) => {
    // Asked from the middle of that local week (Wednesday noon UTC is Wednesday everywhere here).
    const slot = weeklySlot(utc(2026, 12, 2, 12), tz, 1, 9);
    expect(slot).toMatchObject({ period: '2026-W49', slotAt: expected });
  });

  it('UTC+13: the local week is already the next ISO week while UTC is still in the old one', () => {
    // Sunday 3 Jan 2027 21:00 UTC is 2026-W53 in UTC but Monday 4 Jan 10:00 (2027-W01) in Tonga.
    const now = utc(2027, 1, 3, 21);
    expect(weeklySlot(now, 'UTC', 1, 9).period).toBe('2026-W53');
    expect(weeklySlot(now, 'Pacific/Tongatapu', 1, 9)).toMatchObject({ period: '2027-W01', slotAt: utc(2027, 1, 3, 20) });
  });

  it('UTC−10: Monday 09:00 falls on Monday 19:00 UTC, so a UTC-Monday check before then is not due', () => {
    const slot = weeklySlot(utc(2027, 1, 4, 12), 'Pacific/Honolulu', 1, 9);
    expect(slot.slotAt).toBe(utc(2027, 1, 4, 19));
    expect(slot.slotAt).toBeGreaterThan(utc(2027, 1, 4, 12));
  });

  it('follows daylight saving: New York 09:00 is 14:00 UTC before 14 March 2027 and 13:00 UTC after', () => {
    expect(weeklySlot(utc(2027, 3, 10, 12), 'America/New_York', 1, 9).slotAt).toBe(utc(2027, 3, 8, 14));
    expect(weeklySlot(utc(2027, 3, 17, 12), 'America/New_York', 1, 9).slotAt).toBe(utc(2027, 3, 15, 13));
    // and back in autumn (1 Nov 2026)
    expect(weeklySlot(utc(2026, 10, 28, 12), 'America/New_York', 1, 9).slotAt).toBe(utc(2026, 10, 26, 13));
    expect(weeklySlot(utc(2026, 11, 4, 12), 'America/New_York', 1, 9).slotAt).toBe(utc(2026, 11, 2, 14));
  });

  it('an hour skipped by the clock change moves forward (Cairo, Friday 30 April 2027, 00:00 does not exist)', () => {
    const slot = weeklySlot(utc(2027, 4, 29, 12), 'Africa/Cairo', 5, 0);
    expect(slot.slotAt).toBe(utc(2027, 4, 29, 22)); // 01:00 EEST
  });

  it('weekend days go out on Monday; working days stay', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(effectiveDay)).toEqual([1, 2, 3, 4, 5, 1, 1]);
    expect(weeklySlot(utc(2026, 12, 2, 12), 'UTC', 6, 9).slotAt).toBe(utc(2026, 11, 30, 9));
  });

  it('an unknown zone falls back to UTC instead of throwing', () => {
    expect(weeklySlot(utc(2026, 12, 2, 12), 'Mars/Olympus', 1, 9).slotAt).toBe(utc(2026, 11, 30, 9));
  });

  it('nextSlot is this week’s when still ahead, else next week’s', () => {
    expect(nextSlot(utc(2026, 11, 30, 8), 'UTC', 1, 9)).toBe(utc(2026, 11, 30, 9));
    expect(nextSlot(utc(2026, 11, 30, 9), 'UTC', 1, 9)).toBe(utc(2026, 12, 7, 9));
    expect(nextSlot(utc(2026, 12, 4, 23), 'UTC', 2, 8)).toBe(utc(2026, 12, 8, 8));
    expect(nextSlot(utc(2026, 12, 2, 12), 'UTC', 1, 9) - utc(2026, 12, 2, 12)).toBe(4 * 24 * H + 21 * H);
  });
});

describe('parsing /coach nudges day', () => {
  it.each([
    ['tuesday', 2], ['Tue', 2], ['tues', 2], ['TUESDAYS', 2], ['mon', 1], ['fri', 5], ['sat', 6], ['sunday', 7],
  ])('%s → %s', (text, day) => expect(parseWeekday(text)).toBe(day));
  it.each(['', 'x', 'someday', 'tomorrow', '3'])('%j is not a day', (text) => expect(parseWeekday(text)).toBeUndefined());
  it.each([
    ['8', 8], ['08', 8], ['8am', 8], ['12am', 0], ['12pm', 12], ['2pm', 14], ['14:00', 14], ['14h', 14], ['0', 0], ['23', 23],
  ])('hour %s → %s', (text, hour) => expect(parseHour(text)).toBe(hour));
  it.each(['24', '13pm', '8:30', '-1', 'noon', ''])('hour %j is refused', (text) => expect(parseHour(text)).toBeUndefined());
});

describe('away status', () => {
  it.each([
    [':palm_tree:', ''], ['palm_tree', ''], [':face_with_thermometer:', ''], ['', 'On vacation until Monday'], ['', 'OOO'],
    ['', 'Out of office'], ['', 'Parental leave'], ['', 'sick today'], ['', 'PTO'], ['', 'En congés'], ['', 'Im Urlaub'],
  ])('%j %j is away', (statusEmoji, statusText) => expect(isAway({ statusEmoji, statusText })).toBe(true));
  it.each([
    ['', ''], [':spiral_calendar_pad:', 'In a meeting'], [':house_with_garden:', 'Working remotely'], [':coffee:', 'Focus time'],
    ['', 'Sickle cell research'], ['', 'Shooting a photo essay'],
  ])('%j %j is not away', (statusEmoji, statusText) => expect(isAway({ statusEmoji, statusText })).toBe(false));
});
