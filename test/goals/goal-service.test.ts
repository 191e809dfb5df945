import { freshDb } from '../helpers/db';
import { GoalInputError } from '../../src/domain/goal';
import { isDomainError } from '../../src/domain/errors';
import { DAY, goalInput, goalsWorld, key, ORG } from './fixtures';

async function setup() {
  const t = freshDb();
  return { ...t, ...(await goalsWorld(t.db)) };
}

describe('goal service (real SQLite)', () => {
  it('creates a goal once per submission key and records the event without its text', async () => {
    const w = await setup();
    try {
      const k = key();
      const first = await w.goals.create({ actorId: ORG.owner, raw: goalInput(), requestKey: k });
      const again = await w.goals.create({ actorId: ORG.owner, raw: goalInput(), requestKey: k });
      expect(first.created).toBe(true);
      expect(again).toEqual({ goal: first.goal, created: false });
      expect(w.db.prepare('SELECT COUNT(*) AS n FROM goals').get()).toEqual({ n: 1 });
      const ev = w.db.prepare("SELECT data FROM events WHERE kind = 'goal.created'").all() as Array<{ data: string }>;
      expect(ev).toHaveLength(1);
      expect(ev[0]!.data).not.toContain('billing');
    } finally {
      w.cleanup();
    }
  });

  it('judges "past" by the owner\'s local date (Alice is in Los Angeles)', async () => {
    const w = await setup();
    try {
      // 27 Nov 15:00 UTC is 07:00 on 27 Nov in Los Angeles: the 27th is today there, the 26th is past.
      await expect(w.goals.create({ actorId: ORG.owner, raw: goalInput({ dueOn: '2026-11-27' }), requestKey: key() })).resolves.toMatchObject({ created: true });
      w.clock.set(Date.UTC(2026, 10, 28, 2, 0)); // 28 Nov 02:00 UTC, still the 27th in LA
      await expect(w.goals.create({ actorId: ORG.owner, raw: goalInput({ dueOn: '2026-11-27' }), requestKey: key() })).resolves.toMatchObject({ created: true });
      await expect(w.goals.create({ actorId: ORG.owner, raw: goalInput({ dueOn: '2026-11-26' }), requestKey: key() })).rejects.toBeInstanceOf(GoalInputError);
    } finally {
      w.cleanup();
    }
  });

  it('keeps check-in history and mirrors the latest on the goal; a repeated submit stores one', async () => {
    const w = await setup();
    try {
      const { goal } = await w.goals.create({ actorId: ORG.owner, raw: goalInput(), requestKey: key() });
      const k = key('ci');
      await w.goals.checkIn({ actorId: ORG.owner, goalId: goal.id, raw: { status: 'on-track', progress: '20', note: 'kick-off done' }, requestKey: k });
      await w.goals.checkIn({ actorId: ORG.owner, goalId: goal.id, raw: { status: 'on-track', progress: '20', note: 'kick-off done' }, requestKey: k });
      w.clock.advance(DAY);
      const later = await w.goals.checkIn({ actorId: ORG.manager, goalId: goal.id, raw: { status: 'at-risk', progress: '', note: '' }, requestKey: key('ci') });
      expect(later.goal).toMatchObject({ status: 'at-risk', progress: 20, lastCheckInAt: w.clock.now() });
      const { checkIns } = await w.goals.history(ORG.owner, goal.id);
      expect(checkIns.map((c) => [c.authorId, c.status, c.progress])).toEqual([
        [ORG.manager, 'at-risk', undefined],
        [ORG.owner, 'on-track', 20],
      ]);
    } finally {
      w.cleanup();
    }
  });

  it('shows each viewer exactly what the visibility allows: owner, manager, teammate, admin, stranger', async () => {
    const w = await setup();
    try {
      for (const visibility of ['private', 'manager', 'team']) {
        await w.goals.create({ actorId: ORG.owner, raw: goalInput({ title: `${visibility} goal`, visibility }), requestKey: key() });
      }
      const seen = async (viewer: string) => (await w.goals.goalsVisibleTo(viewer, ORG.owner)).map((g) => g.title).sort();
      expect(await seen(ORG.owner)).toEqual(['manager goal', 'private goal', 'team goal']);
      expect(await seen(ORG.manager)).toEqual(['manager goal', 'team goal']);
      expect(await seen(ORG.teammate)).toEqual(['team goal']);
      expect(await seen(ORG.admin)).toEqual([]);
      expect(await seen(ORG.stranger)).toEqual([]);
      expect((await w.goals.reportsGoals(ORG.manager)).find((r) => r.report.id === ORG.owner)?.goals.map((g) => g.title).sort()).toEqual(['manager goal', 'team goal']);
      const privateId = (await w.goals.mine(ORG.owner)).find((g) => g.visibility === 'private')!.id;
      for (const viewer of [ORG.manager, ORG.teammate, ORG.admin, ORG.stranger]) {
        await expect(w.goals.history(viewer, privateId)).rejects.toThrow(/not shared with you/);
        await expect(w.goals.forCheckIn(viewer, privateId)).rejects.toThrow();
      }
      // Admins get counts, never text.
      const counts = w.goals.counts();
      expect(await counts).toMatchObject({ total: 3, private: 1, 'on-track': 3, owners: 1 });
      expect(JSON.stringify(counts)).not.toMatch(/goal/);
    } finally {
      w.cleanup();
    }
  });

  it('lets only managers set team goals, shown to their whole team', async () => {
    const w = await setup();
    try {
      await expect(w.goals.create({ actorId: ORG.owner, raw: goalInput({ kind: 'team', visibility: 'team' }), requestKey: key() })).rejects.toMatchObject({ fields: { kind: expect.stringMatching(/managers/) } });
      await w.goals.create({ actorId: ORG.manager, raw: goalInput({ title: 'Cut on-call pages by half', kind: 'team', visibility: 'team' }), requestKey: key() });
      await w.goals.create({ actorId: ORG.teammate, raw: goalInput({ title: 'Bob team-visible', visibility: 'team' }), requestKey: key() });
      await w.goals.create({ actorId: ORG.teammate, raw: goalInput({ title: 'Bob manager-only', visibility: 'manager' }), requestKey: key() });
      expect((await w.goals.teamGoalsFor(ORG.owner)).map((g) => g.title).sort()).toEqual(['Bob team-visible', 'Cut on-call pages by half']);
      expect((await w.goals.teamGoalsFor(ORG.teammate)).map((g) => g.title)).toEqual(['Cut on-call pages by half']);
      expect(await w.goals.teamGoalsFor(ORG.stranger)).toEqual([]);
      const managersGoal = (await w.goals.mine(ORG.manager))[0]!.id;
      await expect(w.goals.checkIn({ actorId: ORG.owner, goalId: managersGoal, raw: { status: 'done' }, requestKey: key() })).rejects.toThrow(/Only the goal owner/);
    } finally {
      w.cleanup();
    }
  });

  it('keeps a deactivated person\'s goals but hides them from active views', async () => {
    const w = await setup();
    try {
      const { goal } = await w.goals.create({ actorId: ORG.owner, raw: goalInput({ visibility: 'team' }), requestKey: key() });
      await w.people.applyProfile({ id: ORG.owner, teamId: 'T1', name: 'Alice', realName: 'Alice Example', isBot: false, deleted: true, tz: 'America/Los_Angeles' });
      expect(await w.goals.goalsVisibleTo(ORG.manager, ORG.owner)).toEqual([]);
      expect(await w.goals.goalsVisibleTo(ORG.teammate, ORG.owner)).toEqual([]);
      expect((await w.goals.reportsGoals(ORG.manager)).some((r) => r.goals.length > 0)).toBe(false);
      expect((await w.goalRepo.get(goal.id))?.title).toBe(goal.title);
      expect((await w.goals.counts()).total).toBe(0);
    } finally {
      w.cleanup();
    }
  });

  it('lists goals with no check-in for 14 days as stale, and only the owner may edit or archive', async () => {
    const w = await setup();
    try {
      const { goal: quiet } = await w.goals.create({ actorId: ORG.owner, raw: goalInput({ title: 'quiet' }), requestKey: key() });
      const { goal: active } = await w.goals.create({ actorId: ORG.owner, raw: goalInput({ title: 'active' }), requestKey: key() });
      const { goal: done } = await w.goals.create({ actorId: ORG.owner, raw: goalInput({ title: 'done' }), requestKey: key() });
      await w.goals.checkIn({ actorId: ORG.owner, goalId: done.id, raw: { status: 'done' }, requestKey: key() });
      w.clock.advance(10 * DAY);
      await w.goals.checkIn({ actorId: ORG.owner, goalId: active.id, raw: { status: 'on-track' }, requestKey: key() });
      w.clock.advance(4 * DAY);
      expect((await w.goals.staleGoals(ORG.owner)).map((g) => g.id)).toEqual([quiet.id]);
      expect(await w.goalRepo.ownersWithStaleGoals(w.clock.now() - 14 * DAY)).toEqual([ORG.owner]);
      await expect(w.goals.edit({ actorId: ORG.manager, goalId: quiet.id, raw: goalInput() })).rejects.toThrow(/Only the person who set/);
      await w.goals.archive(ORG.owner, quiet.id);
      expect(await w.goals.staleGoals(ORG.owner)).toEqual([]);
      expect((await w.goals.mine(ORG.owner)).map((g) => g.title)).toEqual(['active', 'done']);
    } finally {
      w.cleanup();
    }
  });

  it('stores the reminder opt-out per person', async () => {
    const w = await setup();
    try {
      expect(await w.goals.remindersEnabled(ORG.owner)).toBe(true);
      await w.goals.setReminders(ORG.owner, false);
      await w.goals.setReminders(ORG.owner, false);
      expect(await w.goals.remindersEnabled(ORG.owner)).toBe(false);
      expect(await w.goals.remindersEnabled(ORG.teammate)).toBe(true);
      await w.goals.setReminders(ORG.owner, true);
      expect(await w.goals.remindersEnabled(ORG.owner)).toBe(true);
      expect(isDomainError(new GoalInputError({}))).toBe(true);
    } finally {
      w.cleanup();
    }
  });
});
