import { createHomeReadModel } from '../../src/storage/home-read-model';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { createTipOfWeekStore } from '../../src/storage/tip-of-week-store';
import { createWelcomeRepository } from '../../src/storage/welcome-repository';
import { createGoalRepository, createGoalReminderPrefs } from '../../src/storage/goal-repository';
import { createDevelopmentPlanRepository } from '../../src/storage/development-plan-repository';
import type { Executor } from '../../src/storage/engine';
import { describeEachEngine } from '../helpers/engines';
import { actionItem, kudos, oneOnOne, person } from '../storage/contract/seed';

const T = 1_800_000_000_000;
const DAY = 86_400_000;
const WEEK = '2027-W03';

/**
 * An org with every edge the circle's statements must get right: a deactivated manager, deactivated and bot
 * reports and teammates, a three-level tree for depth, names that sort differently by case, kudos with and
 * without givers, settings rows for the tip (this week's, another week's, unreadable), the installer and an opt-out.
 */
async function seed(db: Executor) {
  await person(db, 'UEXEC', T, { name: 'Zed' });
  await person(db, 'UMID', T, { manager: 'UEXEC', name: 'mid' });
  await person(db, 'UM', T, { manager: 'UMID', name: 'Manager' });
  await person(db, 'UPEER', T, { manager: 'UMID', name: 'alpha' });
  await person(db, 'UPEERGONE', T, { manager: 'UMID', name: 'aaron', deleted: 1 });
  await person(db, 'UA', T, { manager: 'UM', name: 'alice' });
  await person(db, 'UB', T, { manager: 'UM', name: 'Bob' });
  await person(db, 'UGONE', T, { manager: 'UM', deleted: 1 });
  await person(db, 'UBOT', T, { manager: 'UM', isBot: 1 });
  await person(db, 'UX', T, { manager: 'UA', name: 'xavier' });
  await person(db, 'UDEL', T, { name: 'gone boss', deleted: 1 });
  await person(db, 'UR2', T, { manager: 'UDEL', name: 'r2' });
  await person(db, 'UR3', T, { manager: 'UDEL', name: 'R3' });
  await person(db, 'UORPHAN', T, { name: 'adam', level: 'frontline' });
  const first = await oneOnOne(db, 'UM', 'UA', '2027-01-01', T - 20 * DAY);
  await oneOnOne(db, 'UM', 'UA', '2027-01-10', T - 10 * DAY);
  await oneOnOne(db, 'UMID', 'UM', '2027-01-11', T - 9 * DAY);
  await actionItem(db, first, 'UM', 'UA', T - 20 * DAY);
  await actionItem(db, first, 'UM', 'UA', T - 20 * DAY, T - 5 * DAY);
  for (let n = 0; n < 7; n += 1) await kudos(db, n % 2 ? 'UA' : 'UB', ['UM'], T - n * DAY, `Thanks ${n}`);
  await kudos(db, 'UA', ['UB', 'UM', 'UX'], T - 2 * DAY, 'Great demo');
  await kudos(db, 'UDEL', ['UR2'], T - 40 * DAY, 'Old one');
  await db.updateTable('people').set({ welcome_seen_at: T - DAY }).where('id', 'in', ['UM', 'UA']).execute();
  await db.updateTable('people').set({ welcome_dismissed_at: T }).where('id', '=', 'UA').execute();
  const tips = createTipOfWeekStore(db);
  await tips.set('UM', WEEK, 'tip-1', T);
  await tips.set('UMID', '2027-W02', 'tip-2', T);
  await db.insertInto('settings').values({ key: 'home.tip.UEXEC', value: '{not json', updated_at: T }).execute();
  await createWelcomeRepository(db).claimInstaller('UEXEC', T);
  await createGoalReminderPrefs(db).setOptedOut('UB', true, T);
  // Plans: one with steps out of insertion order and more open suggestions than are shown (some resolved), one
  // without steps, text that JSON must carry unchanged; UMID and the others have none.
  const plans = createDevelopmentPlanRepository(db);
  const steps = ['ünïcödé “quotes” \\ back\nslash', 'second', 'third'].map((text, i) => ({ text, targetOn: i === 1 ? '2027-03-01' : undefined, status: (['done', 'not-started', 'in-progress'] as const)[i] as 'done' }));
  expect(await plans.save('UM', { strengths: 'Kind "and" quick', areasToGrow: 'Ünïcode 🎉', careerDirection: '', nextSteps: steps }, 0, 'UMID', T)).toBe(true);
  expect(await plans.save('UA', { strengths: 's', areasToGrow: '', careerDirection: 'lead', nextSteps: [] }, 0, 'UA', T + 1)).toBe(true);
  for (let n = 0; n < 24; n += 1) await plans.addSuggestion('UM', 'UMID', `idea ${n} “${n}”`, `s${n}`, T + (n % 5));
  const open = await plans.get('UM');
  await plans.resolveSuggestions('UM', open.suggestions.slice(3, 5).map((x) => x.id), T + 9);
  // Goals of people in and out of each circle (deactivated and bot ones too), one archived, some checked in.
  const goals = createGoalRepository(db);
  let n = 0;
  for (const owner of ['UEXEC', 'UMID', 'UM', 'UM', 'UPEER', 'UPEERGONE', 'UA', 'UB', 'UGONE', 'UBOT', 'UX', 'UDEL', 'UR2', 'UR3']) {
    for (const visibility of ['team', 'private'] as const) {
      n += 1;
      const { goal } = await goals.insert({ ownerId: owner, kind: 'personal', visibility, title: `${owner} ${n}`, why: '', measure: '', idempotencyKey: `g${n}`, createdAt: T + (n % 4) });
      if (n % 3 === 0) await goals.checkIn({ goalId: goal.id, authorId: owner, status: 'at-risk', progress: n, note: `n${n}`, idempotencyKey: `ci${n}`, createdAt: T + n });
      if (n % 7 === 0) await goals.archive(goal.id, T + 50);
    }
  }
}

const VIEWERS = ['UEXEC', 'UMID', 'UM', 'UPEER', 'UA', 'UB', 'UX', 'UGONE', 'UBOT', 'UR2', 'UDEL', 'UORPHAN', 'UNOBODY'];

describeEachEngine("App Home's circle: three statements, the same answers as the reads they replace", (ctx) => {
  it.each([[T - 30 * DAY, 5], [0, 3], [T + DAY, 1]])('since %p, latest %p: every viewer gets what the one-by-one reads give', async (since, limit) => {
    await seed(ctx.db);
    const reads = createHomeReadModel(ctx.db);
    const people = createPeopleRepository(ctx.db);
    const tips = createTipOfWeekStore(ctx.db);
    const welcome = createWelcomeRepository(ctx.db);
    const prefs = createGoalReminderPrefs(ctx.db);
    const plans = createDevelopmentPlanRepository(ctx.db);
    const goals = createGoalRepository(ctx.db);
    for (const id of VIEWERS) {
      const circle = await reads.circle(id, since, limit);
      const viewer = await people.get(id);
      const above = viewer?.managerId ? await people.getWithReports(viewer.managerId) : undefined;
      const reports = await reads.team(id, since);
      const owners = [id, ...(viewer?.managerId ? [viewer.managerId] : []), ...(above?.reports ?? []).map((r) => r.id), ...reports.map((f) => f.person.id)];
      expect({ id, ...circle, tip: undefined }).toEqual({
        id,
        viewer,
        manager: above?.person,
        team: above?.reports ?? [],
        reports,
        counts: await reads.recognitionCounts(id, since),
        latest: await reads.latestKudosReceived(id, limit),
        tip: undefined,
        welcome: { seenAt: await welcome.seenAt(id), dismissedAt: await welcome.dismissedAt(id), installerId: await welcome.installerId() },
        remindersOptedOut: await prefs.optedOut(id),
        plan: await plans.get(id),
        goals: await goals.activeWithLatest([...new Set(owners)]),
      });
      // The tip as the store answers for any week: this week's kept one, nothing for another week or an unreadable row.
      for (const week of [WEEK, '2027-W02', '2027-W04']) {
        expect([id, week, circle.tip?.week === week ? circle.tip.itemId : undefined]).toEqual([id, week, await tips.get(id, week)]);
      }
    }
  });

  it('shows what it was seeded with, so the comparison above compares something', async () => {
    await seed(ctx.db);
    const reads = createHomeReadModel(ctx.db);
    const um = await reads.circle('UM', T - 30 * DAY, 5);
    expect(um.viewer?.id).toBe('UM');
    expect(um.manager?.id).toBe('UMID');
    expect(um.team.map((p) => p.id)).toEqual(['UPEER', 'UM']);
    expect(um.reports.map((f) => [f.person.id, f.lastOneOnOne, f.openActionItems, f.kudosSince, f.depth])).toEqual([['UA', '2027-01-10', 1, 0, 2], ['UB', undefined, 0, 1, 1]]);
    expect(um.counts).toEqual({ receivedSince: 8, givenSince: 0, receivedTotal: 8, givenTotal: 0 });
    expect(um.latest.lines.map((l) => l.message)).toEqual(['Thanks 0', 'Thanks 1', 'Great demo', 'Thanks 2', 'Thanks 3']);
    expect([...um.latest.givers.keys()].sort()).toEqual(['UA', 'UB']);
    expect(um.tip).toEqual({ week: WEEK, itemId: 'tip-1' });
    expect(um.welcome).toEqual({ seenAt: T - DAY, dismissedAt: undefined, installerId: 'UEXEC' });
    expect(um.remindersOptedOut).toBe(false);
    expect(um.plan.nextSteps.map((x) => [x.text, x.targetOn, x.status])).toEqual([
      ['ünïcödé “quotes” \\ back\nslash', undefined, 'done'], ['second', '2027-03-01', 'not-started'], ['third', undefined, 'in-progress'],
    ]);
    expect([um.plan.version, um.plan.updatedBy, um.plan.areasToGrow, um.plan.suggestions.length]).toEqual([1, 'UMID', 'Ünïcode 🎉', 20]);
    expect(um.plan.suggestions.map((x) => x.createdAt)).toEqual([...um.plan.suggestions.map((x) => x.createdAt)].sort((a, b) => b - a));
    expect((await reads.circle('UA', 0, 5)).plan).toMatchObject({ version: 1, nextSteps: [], careerDirection: 'lead', suggestions: [] });
    expect((await reads.circle('UMID', 0, 5)).plan).toEqual({ personId: 'UMID', strengths: '', areasToGrow: '', careerDirection: '', nextSteps: [], suggestions: [], version: 0 });
    const r2 = await reads.circle('UR2', 0, 5);
    expect([r2.manager?.id, r2.manager?.deleted, r2.team.map((p) => p.id)]).toEqual(['UDEL', true, ['UR2', 'UR3']]);
    expect((await reads.circle('UB', 0, 5)).remindersOptedOut).toBe(true);
    // Goals of the circle only: UM, its manager UMID, teammate UPEER, reports UA and UB (not UGONE, UBOT, UPEERGONE, UX).
    expect([...new Set(um.goals.goals.map((g) => g.ownerId))].sort()).toEqual(['UA', 'UB', 'UM', 'UMID', 'UPEER']);
    expect(um.goals.latest.size).toBeGreaterThan(0);
    const nobody = await reads.circle('UNOBODY', 0, 5);
    expect([nobody.viewer, nobody.manager, nobody.team, nobody.reports, nobody.latest.lines]).toEqual([undefined, undefined, [], [], []]);
  });

  it('reads goals with their latest check-ins and a plan with its steps as the separate reads did', async () => {
    await seed(ctx.db);
    const goals = createGoalRepository(ctx.db);
    const made: number[] = [];
    for (const [owner, n] of [['UM', 3], ['UA', 2], ['UPEER', 1]] as const) {
      for (let i = 0; i < n; i += 1) {
        const { goal } = await goals.insert({ ownerId: owner, kind: 'personal', visibility: 'team', title: `${owner} ${i}`, why: '', measure: '', idempotencyKey: `${owner}-${i}`, createdAt: T + i });
        made.push(goal.id);
      }
    }
    // Two check-ins at the same time on one goal (the id breaks the tie), one on another, none on the rest; one archived.
    for (const [goalId, at, key] of [[made[0], T + 10, 'a'], [made[0], T + 10, 'b'], [made[3], T + 5, 'c']] as const) {
      await goals.checkIn({ goalId: goalId as number, authorId: 'UM', status: 'on-track', progress: 40, note: `note ${key}`, idempotencyKey: key, createdAt: at });
    }
    await goals.archive(made[1] as number, T + 20);
    const owners = ['UM', 'UA', 'UPEER', 'UNOBODY'];
    const merged = await goals.activeWithLatest(owners);
    const active = await goals.activeOf(owners);
    expect(merged.goals).toEqual(active);
    expect(merged.latest).toEqual(await goals.latestCheckIns(active.map((g) => g.id)));
    // The tie at T + 10 goes to the later id; the archived goal is gone; a goal without check-ins has no entry.
    expect([merged.latest.get(made[0] as number)?.note, merged.latest.get(made[3] as number)?.note, merged.latest.has(made[2] as number)]).toEqual(['note b', 'note c', false]);
    expect(merged.goals.map((g) => g.id)).toEqual(expect.arrayContaining([made[0], made[2], made[3], made[4], made[5]]));
    expect(merged.goals.map((g) => g.id)).not.toContain(made[1]);
    expect(await goals.activeWithLatest([])).toEqual({ goals: [], latest: new Map() });

    const plans = createDevelopmentPlanRepository(ctx.db);
    const draft = (steps: string[]) => ({ strengths: 's', areasToGrow: 'a', careerDirection: 'c', nextSteps: steps.map((text, i) => ({ text, targetOn: i ? '2027-03-01' : undefined, status: 'not-started' as const })) });
    expect(await plans.get('UX')).toMatchObject({ version: 0, nextSteps: [] });
    expect(await plans.save('UX', draft([]), 0, 'UX', T)).toBe(true);
    expect(await plans.get('UX')).toMatchObject({ version: 1, nextSteps: [], strengths: 's', updatedBy: 'UX' });
    expect(await plans.save('UX', draft(['third', 'first', 'second']), 1, 'UM', T + 1)).toBe(true);
    const plan = await plans.get('UX');
    expect(plan.nextSteps).toEqual([
      { text: 'third', targetOn: undefined, status: 'not-started' }, { text: 'first', targetOn: '2027-03-01', status: 'not-started' }, { text: 'second', targetOn: '2027-03-01', status: 'not-started' },
    ]);
    expect(plan).toMatchObject({ version: 2, updatedBy: 'UM', updatedAt: T + 1 });
  });
});
