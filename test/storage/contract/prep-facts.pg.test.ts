import { createOneOnOneRepository } from '../../../src/storage/one-on-one-repository';
import { prepFactsQuery } from '../../../src/storage/one-on-one-queries';
import { recognitionQuery } from '../../../src/storage/recognition-query';
import { createPeopleRepository } from '../../../src/storage/people-repository';
import { createGoalRepository } from '../../../src/storage/goal-repository';
import { createDevelopmentPlanRepository } from '../../../src/storage/development-plan-repository';
import type { Executor } from '../../../src/storage/engine';
import { describeEachEngine } from '../../helpers/engines';
import { planOf } from '../../helpers/explain';
import { testSealer } from '../../helpers/data-key';
import { actionItem, kudos, oneOnOne, person } from './seed';
import { busyOrg } from './seed-activity';

const T = 1_800_000_000_000;
const DAY = 86_400_000;
/** Text JSON must carry unchanged on both engines. */
const AWKWARD = 'ünïcödé “quotes” "double" \\ back\nslash\ttab 🎉 control: \u0001';

/**
 * A three-level org with every edge the prep card's one statement must get right: open items over the limit, done
 * ones and another pair's; kudos in and out of the window, with ties and a deactivated giver; goals of every
 * visibility, archived and done ones, another owner's, check-ins with tied times; a plan with steps out of order
 * and more suggestions than are shown, some resolved; a manager with no 1:1 yet and people not on record.
 */
async function seed(db: Executor) {
  await person(db, 'UEXEC', T, { name: 'Exec' });
  await person(db, 'UM', T, { manager: 'UEXEC' });
  await person(db, 'UA', T, { manager: 'UM', name: 'alice' });
  await person(db, 'UB', T, { manager: 'UM' });
  await person(db, 'UX', T, { manager: 'UA' });
  await person(db, 'UXGONE', T, { manager: 'UB', deleted: 1 });
  await person(db, 'UGIVER', T, { deleted: 1 });
  const first = await oneOnOne(db, 'UM', 'UA', '2027-01-01', T - 20 * DAY);
  const second = await oneOnOne(db, 'UM', 'UA', '2027-01-10', T - 10 * DAY);
  await oneOnOne(db, 'UEXEC', 'UM', '2027-01-11', T - 9 * DAY);
  const other = await oneOnOne(db, 'UM', 'UB', '2027-01-12', T - 8 * DAY);
  for (let n = 0; n < 14; n += 1) await actionItem(db, n % 2 ? first : second, 'UM', 'UA', T - (20 - (n % 5)) * DAY, n % 4 === 0 ? T - DAY : undefined);
  await db.updateTable('action_items').set({ text: AWKWARD }).where('one_on_one_id', '=', first).execute();
  await actionItem(db, other, 'UM', 'UB', T - 8 * DAY);
  for (let n = 0; n < 8; n += 1) await kudos(db, n % 3 ? 'UB' : 'UGIVER', ['UA', 'UX'], T - (n % 4) * 12 * DAY, `${AWKWARD} ${n}`);
  await kudos(db, 'UA', ['UB'], T - DAY, 'not for UA');
  const goals = createGoalRepository(db);
  let n = 0;
  for (const owner of ['UA', 'UA', 'UA', 'UB', 'UM']) {
    for (const visibility of ['team', 'manager', 'private'] as const) {
      n += 1;
      const { goal } = await goals.insert({ ownerId: owner, kind: 'personal', visibility, title: `${owner} ${n} ${AWKWARD}`, why: AWKWARD, measure: '', idempotencyKey: `g${n}`, createdAt: T + (n % 3) });
      if (n % 2 === 0) {
        await goals.checkIn({ goalId: goal.id, authorId: owner, status: 'at-risk', progress: n, note: `first ${n}`, idempotencyKey: `ci${n}`, createdAt: T + n });
        await goals.checkIn({ goalId: goal.id, authorId: 'UM', status: n % 4 ? 'done' : 'on-track', progress: undefined, note: `tie ${AWKWARD}`, idempotencyKey: `cj${n}`, createdAt: T + n });
      }
      if (n % 5 === 0) await goals.archive(goal.id, T + 50);
    }
  }
  const plans = createDevelopmentPlanRepository(db);
  const steps = [AWKWARD, 'second', 'third'].map((text, i) => ({ text, targetOn: i === 1 ? '2027-03-01' : undefined, status: (['done', 'not-started', 'in-progress'] as const)[i] as 'done' }));
  expect(await plans.save('UA', { strengths: 'Kind "and" quick', areasToGrow: AWKWARD, careerDirection: '', nextSteps: steps }, 0, 'UM', T)).toBe(true);
  for (let k = 0; k < 24; k += 1) await plans.addSuggestion('UA', 'UM', `idea ${k} “${k}”`, `s${k}`, T + (k % 5));
  const open = await plans.get('UA');
  await plans.resolveSuggestions('UA', open.suggestions.slice(3, 5).map((x) => x.id), T + 9);
  await plans.save('UB', { strengths: 's', areasToGrow: '', careerDirection: 'lead', nextSteps: [] }, 0, 'UB', T + 1);
  await db.insertInto('events').values([
    { at: T - DAY, kind: 'one_on_one.prepared', actor_id: 'UM', subject_id: 'UB', data: JSON.stringify({ items: ['g1', 'g2'] }) },
    { at: T - 2 * DAY, kind: 'one_on_one.prepared', actor_id: 'UM', subject_id: 'UA', data: JSON.stringify({ items: ['old'] }) },
  ]).execute();
}

const PAIRS: Array<[string, string]> = [['UM', 'UA'], ['UM', 'UB'], ['UEXEC', 'UM'], ['UA', 'UX'], ['UB', 'UXGONE'], ['UM', 'UNOBODY'], ['UNOBODY', 'UA']];

describeEachEngine("the prep card's facts: one statement, the same answers as the reads it replaced", (ctx) => {
  it.each([[T - 30 * DAY, 11, 5], [0, 3, 1], [T + DAY, 0, 0]])('since %p, %p items, %p kudos: every pair gets what the one-by-one reads give', async (since, openItems, recognition) => {
    await seed(ctx.db);
    const repo = createOneOnOneRepository(ctx.db, { sealer: testSealer() });
    const people = createPeopleRepository(ctx.db);
    const goals = createGoalRepository(ctx.db);
    const plans = createDevelopmentPlanRepository(ctx.db);
    for (const [managerId, reportId] of PAIRS) {
      const facts = await repo.prepFacts(managerId, reportId, { since, openItems, recognition });
      const depths = await people.subtreeDepths([managerId, reportId]);
      const kudosRows = await recognitionQuery(ctx.db, { personId: reportId, from: since, limit: recognition }).execute();
      expect({ pair: [managerId, reportId], ...facts }).toEqual({
        pair: [managerId, reportId],
        stats: await repo.pairStats(managerId, reportId),
        lastPrepared: await repo.lastPreparedItems(managerId),
        managerDepth: depths.get(managerId),
        reportDepth: depths.get(reportId),
        openItems: await repo.openItems(managerId, reportId, openItems),
        recognition: kudosRows.map((r) => ({ giverId: r.giver_id, value: r.value, message: r.message, at: Number(r.created_at) })),
        reportGoals: await goals.activeWithLatest([reportId]),
        reportPlan: await plans.get(reportId),
      });
    }
    // The seed reached every edge: the lists are full, cut and carry the awkward text.
    const full = await repo.prepFacts('UM', 'UA', { since: 0, openItems: 20, recognition: 20 });
    expect(full.openItems).toHaveLength(10);
    expect(full.openItems.some((i) => i.text === AWKWARD)).toBe(true);
    expect(full.recognition).toHaveLength(8);
    expect(full.recognition[0]?.message.startsWith(AWKWARD)).toBe(true);
    expect(new Set(full.reportGoals.goals.map((g) => g.visibility))).toEqual(new Set(['team', 'manager', 'private'])); // unfiltered: the domain filters
    expect(full.reportGoals.latest.size).toBeGreaterThan(0);
    expect([full.managerDepth, full.reportDepth]).toEqual([2, 1]);
    expect(full.reportPlan.nextSteps[0]?.text).toBe(AWKWARD);
    expect(full.reportPlan.suggestions.length).toBeGreaterThan(15);
  });

  it('seeks its indexes: no table that grows with the org is scanned', async () => {
    await busyOrg(ctx.db, ctx.engine);
    const plan = (await planOf(ctx.engine, ctx.db, prepFactsQuery(ctx.db, { managerId: 'UM', reportId: 'UA', since: T - 30 * DAY, openLimit: 11, recognitionLimit: 5 }))).join('\n');
    for (const index of ['one_on_ones_pair', 'events_actor_kind', 'action_items_open_pair', 'kudos_recipients_person', 'people_manager']) expect(plan).toContain(index);
    expect(plan).not.toMatch(/^SCAN (one_on_ones|action_items|kudos_recipients|kudos|events|people|goals|goal_check_ins)\b(?! USING)|Seq Scan on (one_on_ones|action_items|kudos_recipients|kudos|events|people|goals|goal_check_ins)\b/m);
  });
});
