import { cadenceStatus, daysBetween, localNoon, localToday } from '../../src/domain/cadence';
import { situationsFor } from '../../src/domain/prep';

const DAY = 86_400_000;

describe('cadence', () => {
  it('counts local calendar days in the manager time zone', () => {
    const lateFridayUtc = Date.UTC(2026, 10, 27, 23, 30);
    expect(localToday(lateFridayUtc, 'UTC')).toBe('2026-11-27');
    expect(localToday(lateFridayUtc, 'Asia/Tokyo')).toBe('2026-11-28');
    expect(localToday(lateFridayUtc, 'Not/AZone')).toBe('2026-11-27');
    expect(new Date(localNoon('2026-11-27', 'Europe/Paris')).toISOString()).toBe('2026-11-27T11:00:00.000Z');
    expect(daysBetween('2026-10-25', '2026-11-27')).toBe(33);
  });

  it('says first, on track, due soon and overdue against the target', () => {
    expect(cadenceStatus(undefined, '2026-11-27', 14)).toEqual({ state: 'first', cadenceDays: 14 });
    expect(cadenceStatus('2026-11-20', '2026-11-27', 14)).toMatchObject({ state: 'on-track', daysSince: 7, dueOn: '2026-12-04' });
    expect(cadenceStatus('2026-11-14', '2026-11-27', 14).state).toBe('due-soon');
    expect(cadenceStatus('2026-11-07', '2026-11-27', 14)).toMatchObject({ state: 'overdue', daysSince: 20, overdueBy: 6 });
    expect(cadenceStatus('2026-11-20', '2026-11-27', 7).state).toBe('due-soon');
  });
});

describe('situations', () => {
  const base = { now: 100 * DAY, reportManagesPeople: false };
  it('puts a first 1:1 first and sees a new manager', () => {
    const s = situationsFor({ ...base, stats: { count: 0 }, cadence: { state: 'first', cadenceDays: 14 }, managerBecameManagerAt: 80 * DAY });
    expect(s).toEqual(['first-1:1', 'new-manager']);
  });
  it('tells a missed meeting from a merely late one', () => {
    const stats = { count: 5, firstHeldAt: 10 * DAY, lastHeldAt: 60 * DAY, lastCareerAt: 60 * DAY };
    expect(situationsFor({ ...base, stats, cadence: { state: 'overdue', cadenceDays: 14, daysSince: 20 } })).toEqual(['overdue']);
    expect(situationsFor({ ...base, stats, cadence: { state: 'overdue', cadenceDays: 14, daysSince: 30 } })).toEqual(['after-missed', 'overdue']);
  });
  it('asks for a career conversation after a long gap and notices a report who manages', () => {
    const stats = { count: 9, firstHeldAt: 1 * DAY, lastHeldAt: 95 * DAY };
    const s = situationsFor({ ...base, reportManagesPeople: true, stats, cadence: { state: 'on-track', cadenceDays: 14, daysSince: 5 } });
    expect(s).toEqual(['report-manages-others', 'career-conversation']);
    const recent = situationsFor({ ...base, stats: { ...stats, lastCareerAt: 90 * DAY }, cadence: { state: 'on-track', cadenceDays: 14, daysSince: 5 } });
    expect(recent).toEqual([]);
    const fresh = situationsFor({ ...base, stats: { count: 1, firstHeldAt: 95 * DAY }, cadence: { state: 'on-track', cadenceDays: 14, daysSince: 5 } });
    expect(fresh).toEqual(['new-report']);
  });
});
