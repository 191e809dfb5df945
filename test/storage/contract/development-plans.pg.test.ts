import { createDevelopmentPlanRepository } from '../../../src/storage/development-plan-repository';
import { createUnitOfWork } from '../../../src/storage/unit-of-work';
import type { PlanDraft } from '../../../src/domain/development-plan';
import { describeEachEngine } from '../../helpers/engines';
import { rowCount, T, team } from './seed-activity';

const draft = (over: Partial<PlanDraft> = {}): PlanDraft => ({
  strengths: 'Clear writing', areasToGrow: 'Delegation', careerDirection: 'Staff engineer',
  nextSteps: [{ text: 'Lead the RFC', targetOn: '2027-02-01', status: 'in-progress' }, { text: 'Pair weekly', status: 'not-started' }], ...over,
});

describeEachEngine('development plan repository', (ctx) => {
  it('reads a blank version-0 plan before the first save, then the saved plan with its steps in order', async () => {
    await team(ctx.db);
    const repo = createDevelopmentPlanRepository(ctx.db);
    expect(await repo.get('UA')).toEqual({ personId: 'UA', strengths: '', areasToGrow: '', careerDirection: '', nextSteps: [], suggestions: [], version: 0 });
    expect(await repo.save('UA', draft(), 0, 'UM', T)).toBe(true);
    expect(await repo.get('UA')).toEqual({
      personId: 'UA', strengths: 'Clear writing', areasToGrow: 'Delegation', careerDirection: 'Staff engineer', suggestions: [], version: 1, updatedBy: 'UM', updatedAt: T,
      nextSteps: [{ text: 'Lead the RFC', targetOn: '2027-02-01', status: 'in-progress' }, { text: 'Pair weekly', targetOn: undefined, status: 'not-started' }],
    });
  });

  it('saves only over the version it started from: a stale save (or a second first save) changes nothing', async () => {
    await team(ctx.db);
    const repo = createDevelopmentPlanRepository(ctx.db);
    expect(await repo.save('UA', draft(), 0, 'UM', T)).toBe(true);
    expect(await repo.save('UA', draft({ strengths: 'lost' }), 0, 'UA', T + 1)).toBe(false);
    expect(await repo.save('UA', draft({ strengths: 'Mentoring', nextSteps: [{ text: 'Only step', status: 'done' }] }), 1, 'UA', T + 2)).toBe(true);
    expect(await repo.save('UA', draft({ strengths: 'stale' }), 1, 'UM', T + 3)).toBe(false);
    const plan = await repo.get('UA');
    expect([plan.strengths, plan.version, plan.updatedBy, plan.nextSteps.map((s) => s.text)]).toEqual(['Mentoring', 2, 'UA', ['Only step']]);
    expect(await repo.save('UA', draft({ nextSteps: [] }), 2, 'UA', T + 4)).toBe(true);
    expect(await rowCount(ctx.db, 'plan_next_steps')).toBe(0);
  });

  it('rolls a save back whole when its steps cannot be stored', async () => {
    await team(ctx.db);
    const repo = createDevelopmentPlanRepository(ctx.db);
    await repo.save('UA', draft(), 0, 'UM', T);
    const bad = draft({ strengths: 'half', nextSteps: [{ text: 'ok', status: 'done' }, { text: 'bad', status: 'someday' as never }] });
    await expect(repo.save('UA', bad, 1, 'UM', T + 1)).rejects.toThrow();
    const uow = createUnitOfWork(ctx.db, (ex) => createDevelopmentPlanRepository(ex));
    await expect(uow.run((r) => r.save('UA', bad, 1, 'UM', T + 1))).rejects.toThrow();
    const plan = await repo.get('UA');
    expect([plan.strengths, plan.version, plan.nextSteps.length]).toEqual(['Clear writing', 1, 2]);
  });

  it('stores a suggestion once per key, lists open ones newest first and resolves only this person’s', async () => {
    await team(ctx.db);
    const repo = createDevelopmentPlanRepository(ctx.db);
    expect(await repo.addSuggestion('UA', 'UM', 'Try a talk', 's1', T)).toBe(true);
    expect(await repo.addSuggestion('UA', 'UM', 'Try a talk', 's1', T + 1)).toBe(false);
    expect(await repo.addSuggestion('UA', 'UM', 'Write a post', 's2', T + 2)).toBe(true);
    expect(await repo.addSuggestion('UB', 'UM', 'Not hers', 's3', T + 3)).toBe(true);
    const open = (await repo.get('UA')).suggestions;
    expect(open.map((s) => [s.text, s.authorId, s.createdAt])).toEqual([['Write a post', 'UM', T + 2], ['Try a talk', 'UM', T]]);
    const theirs = (await repo.get('UB')).suggestions.map((s) => s.id);
    expect(await repo.resolveSuggestions('UA', [open[1]!.id, ...theirs], T + 5)).toBe(1);
    expect(await repo.resolveSuggestions('UA', [open[1]!.id], T + 6)).toBe(0);
    expect(await repo.resolveSuggestions('UA', [], T + 6)).toBe(0);
    expect((await repo.get('UA')).suggestions.map((s) => s.text)).toEqual(['Write a post']);
    expect((await repo.get('UB')).suggestions).toHaveLength(1);
  });

  it('shows at most the 20 newest open suggestions', async () => {
    await team(ctx.db);
    const repo = createDevelopmentPlanRepository(ctx.db);
    for (let i = 0; i < 22; i += 1) await repo.addSuggestion('UA', 'UM', `idea ${i}`, `k${i}`, T + i);
    const shown = (await repo.get('UA')).suggestions;
    expect([shown.length, shown[0]?.text, shown[19]?.text]).toEqual([20, 'idea 21', 'idea 2']);
  });
});
