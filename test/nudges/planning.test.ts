import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';
import { openDatabase } from '../../src/storage/database';
import { createNudgeQueue } from '../../src/storage/nudge-repository';
import { createNudgeReadModel } from '../../src/storage/nudge-read-model';
import { createNudgePlanner } from '../../src/jobs/weekly-nudges';
import { createOutboxStore } from '../../src/storage/outbox-repository';
import { createFixedClock } from '../../src/clock';
import { MIN, nudgeWorld, seed, team } from './fixtures';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

describe('planning through five weeks, checked every five minutes', () => {
  const env = freshDb();
  const second = openDatabase(env.file); // another instance on the same database file
  afterAll(() => {
    second.close();
    env.cleanup();
  });
  const world = nudgeWorld(env.db, createFixedClock(utc(2027, 2, 28, 12)));
  const otherPlanner = createNudgePlanner({ reads: createNudgeReadModel(sqliteKysely(second)), queue: createNudgeQueue(sqliteKysely(second)), outbox: createOutboxStore(sqliteKysely(second)) });
  const start = world.clock.now();
  const end = utc(2027, 4, 4, 0);

  beforeAll(async () => {
    await seed(world.people, [
      ...team('HNL', 'Pacific/Honolulu'),
      ...team('UTC', 'UTC'),
      ...team('KOL', 'Asia/Kolkata'),
      ...team('TBU', 'Pacific/Tongatapu'),
      ...team('NYC', 'America/New_York'),
      ...team('LON', 'Europe/London'),
      ...team('TUE', 'UTC', 1, { settings: { nudgeDay: 2, nudgeHour: 8 } }),
      ...team('SAT', 'UTC', 1, { settings: { nudgeDay: 6, nudgeHour: 10 } }),
      ...team('AWY', 'UTC', 1, { statusEmoji: ':palm_tree:', statusText: 'Back on 6 April' }),
      ...team('SNZ', 'UTC', 1, { settings: { snoozedUntil: utc(2027, 3, 10) } }),
      ...team('PAU', 'UTC', 1, { settings: { nudgesPaused: true } }),
      { id: 'UNEW', tz: 'Europe/Paris', settings: { levelOverride: 'frontline', levelSource: 'self' } },
      { id: 'UEMPLOYEE', tz: 'UTC' },
    ]);
    for (let t = start; t < end; t += 5 * MIN) {
      world.clock.set(t);
      await world.planner.plan(t);
      await otherPlanner.plan(t); // overlapping check from a second instance
    }
    // ~20,000 planning passes: seconds on a quiet machine, far more when it is shared (over 20 s at load 15).
  }, 180_000);

  const rowsOf = (id: string) =>
    env.db.prepare("SELECT period, status, reason, due_at, created_at FROM nudges WHERE person_id = ? AND kind = 'weekly' ORDER BY period").all(id) as Array<{
      period: string; status: string; reason: string | null; due_at: number; created_at: number;
    }>;
  const weeks = ['2027-W09', '2027-W10', '2027-W11', '2027-W12', '2027-W13'];

  it.each(['UMHNL', 'UMUTC', 'UMKOL', 'UMTBU', 'UMNYC', 'UMLON', 'UMTUE', 'UMSAT', 'UNEW'])('%s gets exactly one nudge per local ISO week', (id) => {
    const r = rowsOf(id);
    expect(r.map((x) => x.period)).toEqual(weeks);
    expect(r.every((x) => x.status === 'planned')).toBe(true);
  });

  it('each slot is Monday 09:00 in the manager’s zone, planned within one check of it', () => {
    const due = (id: string) => rowsOf(id).map((r) => r.due_at);
    expect(due('UMHNL')[0]).toBe(utc(2027, 3, 1, 19));
    expect(due('UMUTC')[0]).toBe(utc(2027, 3, 1, 9));
    expect(due('UMKOL')[0]).toBe(utc(2027, 3, 1, 3, 30));
    expect(due('UMTBU')[0]).toBe(utc(2027, 2, 28, 20));
    for (const id of ['UMHNL', 'UMUTC', 'UMKOL', 'UMTBU', 'UMNYC', 'UMLON']) {
      for (const r of rowsOf(id)) {
        expect(r.created_at).toBeGreaterThanOrEqual(r.due_at);
        expect(r.created_at - r.due_at).toBeLessThan(5 * MIN);
      }
    }
  });

  it('daylight saving: New York moves from 14:00 to 13:00 UTC, London from 09:00 to 08:00 UTC', () => {
    expect(rowsOf('UMNYC').map((r) => new Date(r.due_at).toISOString().slice(0, 16))).toEqual([
      '2027-03-01T14:00', '2027-03-08T14:00', '2027-03-15T13:00', '2027-03-22T13:00', '2027-03-29T13:00',
    ]);
    expect(rowsOf('UMLON').map((r) => new Date(r.due_at).toISOString().slice(11, 16))).toEqual(['09:00', '09:00', '09:00', '09:00', '08:00']);
  });

  it('uses each person’s own day and hour; a Saturday setting goes out on Monday', () => {
    expect(rowsOf('UMTUE')[0]!.due_at).toBe(utc(2027, 3, 2, 8));
    expect(rowsOf('UMSAT')[0]!.due_at).toBe(utc(2027, 3, 1, 10));
  });

  it('skips away and snoozed weeks with the reason, and plans nothing while paused', () => {
    expect(rowsOf('UMAWY').map((r) => [r.status, r.reason])).toEqual(weeks.map(() => ['skipped', 'away']));
    expect(rowsOf('UMSNZ').map((r) => r.reason ?? r.status)).toEqual(['snoozed', 'snoozed', 'planned', 'planned', 'planned']);
    expect(rowsOf('UMPAU')).toEqual([]);
  });

  it('a clock that jumps back (replaying every check of the five weeks, newest first) plans nothing new', async () => {
    const before = env.db.prepare('SELECT COUNT(*) AS n FROM nudges').get() as { n: number };
    let queued = 0;
    for (let t = end; t >= start; t -= 15 * MIN) queued += (await world.planner.plan(t)).queued + (await otherPlanner.plan(t + 7 * MIN)).queued;
    expect(queued).toBe(0);
    expect(env.db.prepare('SELECT COUNT(*) AS n FROM nudges').get()).toEqual(before);
  });

  it('never plans for people who manage nobody and never said they manage', () => {
    expect(rowsOf('UEMPLOYEE')).toEqual([]);
    expect(rowsOf('URUTC1')).toEqual([]);
  });
});

describe('the year boundary (2026 has 53 ISO weeks)', () => {
  it('UTC+13 and UTC−10 each get W53, then 2027-W01 and W02, once each', async () => {
    const env = freshDb();
    try {
      const world = nudgeWorld(env.db, createFixedClock(0));
      await seed(world.people, [...team('TBU', 'Pacific/Tongatapu', 1), ...team('HNL', 'Pacific/Honolulu', 1)]);
      for (let t = utc(2026, 12, 26); t < utc(2027, 1, 13); t += 15 * MIN) await world.planner.plan(t);
      const periods = (id: string) => (env.db.prepare('SELECT period, due_at FROM nudges WHERE person_id = ? ORDER BY due_at').all(id) as Array<{ period: string; due_at: number }>);
      expect(periods('UMTBU')).toEqual([
        { period: '2026-W53', due_at: utc(2026, 12, 27, 20) },
        { period: '2027-W01', due_at: utc(2027, 1, 3, 20) },
        { period: '2027-W02', due_at: utc(2027, 1, 10, 20) },
      ]);
      expect(periods('UMHNL')).toEqual([
        { period: '2026-W53', due_at: utc(2026, 12, 28, 19) },
        { period: '2027-W01', due_at: utc(2027, 1, 4, 19) },
        { period: '2027-W02', due_at: utc(2027, 1, 11, 19) },
      ]);
    } finally {
      env.cleanup();
    }
  });
});

describe('catch-up after downtime', () => {
  it('a slot missed by under 12 hours is still sent that week; a longer outage waits for next week', async () => {
    const env = freshDb();
    try {
      const world = nudgeWorld(env.db, createFixedClock(0));
      await seed(world.people, [...team('A', 'UTC', 1)]);
      expect((await world.planner.plan(utc(2027, 3, 1, 20, 59))).queued).toBe(1); // 11h59 late
      expect((await world.planner.plan(utc(2027, 3, 8, 21, 1))).queued).toBe(0); // 12h01 late next week
      expect((await world.planner.plan(utc(2027, 3, 15, 9))).queued).toBe(1);
    } finally {
      env.cleanup();
    }
  });

  it('resuming nudges the same morning still sends that week', async () => {
    const env = freshDb();
    try {
      const world = nudgeWorld(env.db, createFixedClock(utc(2027, 3, 1, 8)));
      await seed(world.people, [...team('A', 'UTC', 1, { settings: { nudgesPaused: true } })]);
      expect((await world.planner.plan(utc(2027, 3, 1, 9))).queued).toBe(0);
      world.clock.set(utc(2027, 3, 1, 10));
      await world.service.resume('UMA');
      expect((await world.planner.plan(utc(2027, 3, 1, 10))).queued).toBe(1);
    } finally {
      env.cleanup();
    }
  });
});
