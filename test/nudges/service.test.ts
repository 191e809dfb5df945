import { freshDb } from '../helpers/db';
import { createFixedClock } from '../../src/clock';
import { DomainError } from '../../src/domain/errors';
import { eventsOf, MIN, nudgeWorld, rows, seed, team, type NudgeWorld } from './fixtures';

const MONDAY_9 = Date.UTC(2027, 2, 1, 9, 0);
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('nudge settings and clicks', () => {
  let env: ReturnType<typeof freshDb>;
  let w: NudgeWorld;
  beforeEach(async () => {
    env = freshDb();
    w = nudgeWorld(env.db, createFixedClock(MONDAY_9 - HOUR));
    await seed(w.people, [...team('A', 'Asia/Kolkata', 2), ...team('B', 'UTC', 1)]);
  });
  afterEach(() => env.cleanup());

  it('`day tuesday 8` saves day and hour; the next nudge is Tuesday 08:00 in the person’s zone', async () => {
    const s = await w.service.setDay('UMA', 'tuesday 8');
    expect(s).toMatchObject({ day: 2, hour: 8, tz: 'Asia/Kolkata', paused: false });
    expect(s.nextAt).toBe(Date.UTC(2027, 2, 2, 2, 30)); // 08:00 IST
    expect(await w.people.get('UMA')).toMatchObject({ nudgeDay: 2, nudgeHour: 8 });
    expect((await w.service.setDay('UMA', 'Fri')).hour).toBe(8); // the hour is kept when not given
    expect(eventsOf(env.db, 'settings.changed')).toHaveLength(2);
  });

  it.each([['saturday 9', 'nudge_day_weekend', /working days only, so Saturday/], ['sun', 'nudge_day_weekend', /Sunday/], ['someday', 'nudge_day_invalid', /tuesday 8/], ['monday 25', 'nudge_day_invalid', /0–23/], ['', 'nudge_day_invalid', /Monday to Friday/]])(
    '`day %s` is refused (%s) with a clear message and nothing changes',
    async (text, code, message) => {
      let caught: unknown;
      try {
        await w.service.setDay('UMA', text);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect((caught as DomainError).code).toBe(code);
      expect((caught as DomainError).userMessage).toMatch(message);
      expect(await w.people.get('UMA')).toMatchObject({ nudgeDay: 1, nudgeHour: 9 });
    },
  );

  it('`time 2pm` changes only the hour; a bad hour is refused', async () => {
    expect(await w.service.setHour('UMA', '2pm')).toMatchObject({ day: 1, hour: 14 });
    await expect(w.service.setHour('UMA', '25')).rejects.toThrow(/from 0 to 23/);
    expect((await w.people.get('UMA'))!.nudgeHour).toBe(14);
  });

  it('pause stops planning, resume brings it back; both are logged', async () => {
    expect((await w.service.pause('UMB')).nextAt).toBeUndefined();
    expect((await w.planner.plan(MONDAY_9)).queued).toBe(1); // only UMA
    const s = await w.service.resume('UMB');
    expect(s.paused).toBe(false);
    expect((await w.planner.plan(MONDAY_9 + MIN)).queued).toBe(1);
    expect(eventsOf(env.db, 'nudge.').map((e) => e.kind)).toEqual(['nudge.paused', 'nudge.resumed']);
  });

  it('Snooze a week (clicked on the nudge) skips next week’s nudge and the one after comes as usual', async () => {
    w.clock.set(MONDAY_9);
    await w.planner.plan(MONDAY_9);
    await w.dispatcher().drain();
    const nudgeId = rows(env.db).find((r) => r.person_id === 'UMB')!.id;
    w.clock.set(MONDAY_9 + 10 * MIN);
    const s = await w.service.snooze('UMB', nudgeId);
    expect(s.nextAt).toBe(MONDAY_9 + 14 * DAY);
    for (let t = MONDAY_9 + HOUR; t < MONDAY_9 + 15 * DAY; t += HOUR) await w.planner.plan(t);
    expect(rows(env.db).filter((r) => r.person_id === 'UMB').map((r) => [r.period, r.status, r.reason])).toEqual([
      ['2027-W09', 'sent', null],
      ['2027-W10', 'skipped', 'snoozed'],
      ['2027-W11', 'planned', null],
    ]);
    expect(eventsOf(env.db, 'nudge.snoozed')).toEqual([expect.objectContaining({ actor_id: 'UMB', ref_id: nudgeId })]);
  });

  it('logs every click against its nudge, and drops a nudge id that belongs to someone else', async () => {
    w.clock.set(MONDAY_9);
    await w.planner.plan(MONDAY_9);
    const [a, b] = rows(env.db);
    await w.service.recordAction('UMA', a!.id, 'prep', { reportId: 'URA1' });
    await w.service.recordAction('UMA', a!.id, 'kudos', { reportId: 'URA2' });
    await w.service.recordAction('UMA', a!.id, 'useful', { tipId: 'tip-1' });
    await w.service.recordAction('UMA', b!.id, 'not_useful', { tipId: 'tip-1' });
    const logged = eventsOf(env.db, 'nudge.').map((e) => [e.kind, e.ref_id, JSON.parse(e.data)]);
    expect(logged).toEqual([
      ['nudge.acted', a!.id, { action: 'prep', reportId: 'URA1' }],
      ['nudge.acted', a!.id, { action: 'kudos', reportId: 'URA2' }],
      ['nudge.useful', a!.id, { action: 'useful', tipId: 'tip-1' }],
      ['nudge.not_useful', null, { action: 'not_useful', tipId: 'tip-1' }],
    ]);
  });

  it('the preview is this week’s digest and queues nothing; the real nudge then shows the same tip', async () => {
    const { digest, schedule } = await w.service.preview('UMA');
    expect(digest).toMatchObject({ type: 'weekly', personId: 'UMA', nudgeId: undefined });
    expect(schedule.nextAt).toBe(Date.UTC(2027, 2, 1, 3, 30) + 7 * DAY); // 09:00 IST already passed this week
    expect(rows(env.db)).toEqual([]);
    w.clock.set(Date.UTC(2027, 2, 1, 3, 30));
    await w.planner.plan(w.clock.now());
    await w.dispatcher().drain();
    expect(w.notifier.sent.find((s) => s.personId === 'UMA')!.digest.tip?.id).toBe(digest.tip?.id);
  });

  it('schedule says paused, snoozed, away and this week’s status', async () => {
    await w.people.upsertProfile({ id: 'UMB', teamId: 'T1', name: 'umb', realName: '', tz: 'UTC', isBot: false, deleted: false, statusText: 'OOO', statusEmoji: '' }, 0);
    w.clock.set(MONDAY_9);
    await w.planner.plan(MONDAY_9);
    expect(await w.service.schedule('UMB')).toMatchObject({ away: true, thisWeek: { status: 'skipped', reason: 'away' } });
    expect(await w.service.schedule('UMA')).toMatchObject({ away: false, thisWeek: { status: 'planned' } });
    expect(await w.service.pause('UMA')).toMatchObject({ paused: true, nextAt: undefined });
    await expect(w.service.schedule('UNOBODY')).rejects.toThrow(DomainError);
  });
});
