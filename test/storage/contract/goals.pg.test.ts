import { createGoalReminderPrefs, createGoalRepository } from '../../../src/storage/goal-repository';
import { createUnitOfWork } from '../../../src/storage/unit-of-work';
import type { NewCheckIn, NewGoal } from '../../../src/domain/goal-ports';
import { describeEachEngine } from '../../helpers/engines';
import { person } from './seed';
import { DAY, rowCount, T, team } from './seed-activity';

let n = 0;
const goal = (over: Partial<NewGoal> = {}): NewGoal => ({
  ownerId: 'UA', kind: 'personal', visibility: 'manager', title: 'Ship the importer', why: 'Customers wait', measure: 'Live', dueOn: '2027-03-01',
  idempotencyKey: `g${(n += 1)}`, createdAt: T, ...over,
});
const checkIn = (goalId: number, over: Partial<NewCheckIn> = {}): NewCheckIn => ({
  goalId, authorId: 'UA', status: 'at-risk', progress: 40, note: 'Slipping', idempotencyKey: `c${(n += 1)}`, createdAt: T + DAY, ...over,
});

describeEachEngine('goal repository', (ctx) => {
  it('stores a goal once per key and returns it either way; updates and archives it once', async () => {
    await team(ctx.db);
    const repo = createGoalRepository(ctx.db);
    const first = await repo.insert(goal({ idempotencyKey: 'same' }));
    expect(first.created).toBe(true);
    expect(first.goal).toMatchObject({ ownerId: 'UA', kind: 'personal', visibility: 'manager', status: 'on-track', dueOn: '2027-03-01', createdAt: T, updatedAt: T });
    expect(first.goal.progress).toBeUndefined();
    expect(await repo.insert(goal({ idempotencyKey: 'same', title: 'Other' }))).toEqual({ goal: first.goal, created: false });
    const updated = await repo.update(first.goal.id, { title: 'Ship it', why: '', measure: '', kind: 'team', visibility: 'private' }, T + 5);
    expect(updated).toMatchObject({ title: 'Ship it', kind: 'team', visibility: 'private', dueOn: undefined, updatedAt: T + 5 });
    await repo.archive(first.goal.id, T + 6);
    await repo.archive(first.goal.id, T + 7);
    expect((await repo.get(first.goal.id))?.archivedAt).toBe(T + 6);
    expect(await repo.get(first.goal.id + 100)).toBeUndefined();
  });

  it('stores a check-in once per key and mirrors it onto the goal, keeping the progress when none is given', async () => {
    await team(ctx.db);
    const repo = createGoalRepository(ctx.db);
    const { goal: g } = await repo.insert(goal());
    const a = await repo.checkIn(checkIn(g.id, { idempotencyKey: 'ck' }));
    expect(a.created).toBe(true);
    expect(await repo.checkIn(checkIn(g.id, { idempotencyKey: 'ck', status: 'done', createdAt: T + 9 * DAY }))).toEqual({ checkIn: a.checkIn, created: false });
    expect(await repo.get(g.id)).toMatchObject({ status: 'at-risk', progress: 40, lastCheckInAt: T + DAY, updatedAt: T + DAY });
    await repo.checkIn(checkIn(g.id, { status: 'on-track', progress: undefined, createdAt: T + 2 * DAY }));
    expect(await repo.get(g.id)).toMatchObject({ status: 'on-track', progress: 40, lastCheckInAt: T + 2 * DAY });
    expect(await rowCount(ctx.db, 'goal_check_ins')).toBe(2);
  });

  it('lists history newest first and the latest check-in per goal (ties on time go to the later row)', async () => {
    await team(ctx.db);
    const repo = createGoalRepository(ctx.db);
    const { goal: g1 } = await repo.insert(goal());
    const { goal: g2 } = await repo.insert(goal());
    const { goal: g3 } = await repo.insert(goal());
    await repo.checkIn(checkIn(g1.id, { note: 'one', createdAt: T + DAY }));
    await repo.checkIn(checkIn(g1.id, { note: 'two', createdAt: T + 2 * DAY }));
    await repo.checkIn(checkIn(g1.id, { note: 'three', createdAt: T + 2 * DAY }));
    await repo.checkIn(checkIn(g2.id, { note: 'other', createdAt: T }));
    expect((await repo.history(g1.id, 10)).map((c) => c.note)).toEqual(['three', 'two', 'one']);
    expect((await repo.history(g1.id, 1)).map((c) => c.note)).toEqual(['three']);
    const latest = await repo.latestCheckIns([g1.id, g2.id, g3.id]);
    expect([...latest].map(([id, c]) => [id, c.note]).sort()).toEqual([[g1.id, 'three'], [g2.id, 'other']].sort());
    expect(await repo.latestCheckIns([])).toEqual(new Map());
  });

  it('lists the active goals of many owners newest first (done included, archived not), across chunks of ids', async () => {
    await team(ctx.db);
    const repo = createGoalRepository(ctx.db);
    const older = await repo.insert(goal({ createdAt: T - DAY }));
    const done = await repo.insert(goal());
    await repo.checkIn(checkIn(done.goal.id, { status: 'done' }));
    const archived = await repo.insert(goal({ ownerId: 'UB' }));
    await repo.archive(archived.goal.id, T);
    const late = await repo.insert(goal({ ownerId: 'UB', createdAt: T + DAY }));
    const owners = [...Array.from({ length: 550 }, (_, i) => `UNONE${i}`), 'UA', 'UB'];
    const active = await repo.activeOf(owners);
    expect(active.map((g) => g.id).sort()).toEqual([older.goal.id, done.goal.id, late.goal.id].sort());
    expect((await repo.activeOf(['UA', 'UB'])).map((g) => g.id)).toEqual([late.goal.id, done.goal.id, older.goal.id]);
    expect(await repo.countActive('UA')).toBe(1);
    expect(await repo.countActive('UB')).toBe(1);
    expect(await repo.activeOf([])).toEqual([]);
  });

  it('finds owners with stale open goals (inclusive), never the departed, bots, done or archived', async () => {
    await team(ctx.db);
    await person(ctx.db, 'UGONE', T, { deleted: 1 });
    await person(ctx.db, 'UBOT', T, { isBot: 1 });
    const repo = createGoalRepository(ctx.db);
    await repo.insert(goal({ ownerId: 'UB', createdAt: T - 30 * DAY }));
    await repo.insert(goal({ ownerId: 'UB', createdAt: T - 40 * DAY }));
    const fresh = await repo.insert(goal({ ownerId: 'UA', createdAt: T - 30 * DAY }));
    await repo.checkIn(checkIn(fresh.goal.id, { createdAt: T }));
    const done = await repo.insert(goal({ ownerId: 'UM', createdAt: T - 30 * DAY }));
    await repo.checkIn(checkIn(done.goal.id, { authorId: 'UM', status: 'done', createdAt: T - 29 * DAY }));
    await repo.insert(goal({ ownerId: 'UGONE', createdAt: T - 30 * DAY }));
    await repo.insert(goal({ ownerId: 'UBOT', createdAt: T - 30 * DAY }));
    const archived = await repo.insert(goal({ ownerId: 'UOTHER', createdAt: T - 30 * DAY }));
    await repo.archive(archived.goal.id, T - 30 * DAY);
    expect(await repo.ownersWithStaleGoals(T - 30 * DAY)).toEqual(['UB']);
    expect(await repo.ownersWithStaleGoals(T)).toEqual(['UA', 'UB']);
  });

  it('counts goals by status for reports: totals, stale, private and owners, never a departed owner’s', async () => {
    await team(ctx.db);
    await person(ctx.db, 'UGONE', T, { deleted: 1 });
    const repo = createGoalRepository(ctx.db);
    await repo.insert(goal({ visibility: 'private', createdAt: T - 30 * DAY }));
    await repo.insert(goal({ ownerId: 'UB' }));
    const done = await repo.insert(goal({ ownerId: 'UB', visibility: 'private', createdAt: T - 30 * DAY }));
    await repo.checkIn(checkIn(done.goal.id, { status: 'done', createdAt: T - 30 * DAY }));
    await repo.insert(goal({ ownerId: 'UGONE' }));
    expect(await repo.countsByStatus(T - DAY)).toEqual({ 'on-track': 2, 'at-risk': 0, 'off-track': 0, done: 1, total: 3, stale: 1, private: 2, owners: 2 });
  });

  it('stores a check-in and its mirror in the caller’s unit of work, or neither', async () => {
    await team(ctx.db);
    const { goal: g } = await createGoalRepository(ctx.db).insert(goal());
    const uow = createUnitOfWork(ctx.db, (ex) => createGoalRepository(ex));
    await expect(uow.run(async (repo) => {
      await repo.checkIn(checkIn(g.id));
      throw new Error('reminder failed');
    })).rejects.toThrow('reminder failed');
    expect(await createGoalRepository(ctx.db).get(g.id)).toMatchObject({ status: 'on-track', lastCheckInAt: undefined });
    expect(await rowCount(ctx.db, 'goal_check_ins')).toBe(0);
  });

  it('remembers the goal reminder opt-out per person; opting out twice is fine', async () => {
    await team(ctx.db);
    const prefs = createGoalReminderPrefs(ctx.db);
    expect(await prefs.optedOut('UA')).toBe(false);
    await prefs.setOptedOut('UA', true, T);
    await prefs.setOptedOut('UA', true, T + 1);
    expect([await prefs.optedOut('UA'), await prefs.optedOut('UB')]).toEqual([true, false]);
    await prefs.setOptedOut('UA', false, T + 2);
    expect(await prefs.optedOut('UA')).toBe(false);
  });
});
