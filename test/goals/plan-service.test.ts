import { freshDb } from '../helpers/db';
import { PlanInputError, type RawPlanInput } from '../../src/domain/development-plan';
import { DAY, goalsWorld, key, ORG } from './fixtures';

async function setup() {
  const t = freshDb();
  return { ...t, ...(await goalsWorld(t.db)) };
}

const input = (extra: Partial<RawPlanInput> = {}): RawPlanInput => ({
  strengths: 'Clear writing',
  areasToGrow: 'Leading incidents',
  careerDirection: 'Staff engineer',
  steps: [
    { text: 'Shadow two incident commanders', targetOn: '2026-12-15', status: 'in-progress' },
    { text: '', targetOn: '', status: 'not-started' },
    { text: 'Write the incident guide', targetOn: '', status: 'not-started' },
  ],
  ...extra,
});

async function fieldsOf(fn: () => Promise<unknown>): Promise<Record<string, string>> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof PlanInputError) return err.fields;
    throw err;
  }
  throw new Error('expected PlanInputError');
}

describe('development plans (real SQLite)', () => {
  it('is one living plan the person and their manager both see and edit, with last updated', async () => {
    const w = await setup();
    try {
      expect((await w.plans.planFor(ORG.owner, ORG.owner)).plan.version).toBe(0);
      await w.plans.save({ actorId: ORG.owner, personId: ORG.owner, raw: input(), expectedVersion: 0, requestKey: key() });
      w.clock.advance(DAY);
      const mine = await w.plans.planFor(ORG.owner, ORG.owner);
      const theirs = await w.plans.planFor(ORG.owner, ORG.manager);
      expect(theirs.plan).toEqual(mine.plan);
      expect(theirs.role).toBe('manager');
      expect(mine.plan.nextSteps).toEqual([
        { text: 'Shadow two incident commanders', targetOn: '2026-12-15', status: 'in-progress' },
        { text: 'Write the incident guide', status: 'not-started' },
      ]);
      await w.plans.save({ actorId: ORG.manager, personId: ORG.owner, raw: input({ careerDirection: 'Staff engineer, platform' }), expectedVersion: 1, requestKey: key() });
      expect((await w.plans.planFor(ORG.owner, ORG.owner)).plan).toMatchObject({ careerDirection: 'Staff engineer, platform', version: 2, updatedBy: ORG.manager, updatedAt: w.clock.now() });
    } finally {
      w.cleanup();
    }
  });

  it('refuses teammates, strangers and admins', async () => {
    const w = await setup();
    try {
      for (const viewer of [ORG.teammate, ORG.stranger, ORG.admin, ORG.otherManager]) {
        await expect(w.plans.planFor(ORG.owner, viewer)).rejects.toThrow(/shared only between/);
        expect(await w.plans.openStepsFor(ORG.owner, viewer)).toEqual([]);
      }
    } finally {
      w.cleanup();
    }
  });

  it('catches a concurrent edit instead of silently overwriting it', async () => {
    const w = await setup();
    try {
      await w.plans.save({ actorId: ORG.owner, personId: ORG.owner, raw: input(), expectedVersion: 0, requestKey: key() });
      await w.plans.save({ actorId: ORG.owner, personId: ORG.owner, raw: input({ strengths: 'Mentoring' }), expectedVersion: 1, requestKey: key() });
      const f = await fieldsOf(() => w.plans.save({ actorId: ORG.manager, personId: ORG.owner, raw: input({ strengths: 'Stale copy' }), expectedVersion: 1, requestKey: key() }));
      expect(f.strengths).toMatch(/Alice saved this plan while you were editing/);
      expect((await w.plans.planFor(ORG.owner, ORG.owner)).plan.strengths).toBe('Mentoring');
    } finally {
      w.cleanup();
    }
  });

  it('lets the manager suggest (once per submission) and the owner mark suggestions handled', async () => {
    const w = await setup();
    try {
      const k = key();
      const first = await w.plans.save({ actorId: ORG.manager, personId: ORG.owner, raw: input({ steps: [], strengths: '', areasToGrow: '', careerDirection: '', suggestion: 'Lead the Q1 game day' }), expectedVersion: 0, requestKey: k });
      await w.plans.save({ actorId: ORG.manager, personId: ORG.owner, raw: input({ steps: [], strengths: '', areasToGrow: '', careerDirection: '', suggestion: 'Lead the Q1 game day' }), expectedVersion: 0, requestKey: k });
      expect(first).toMatchObject({ changed: false, suggested: true });
      const plan = (await w.plans.planFor(ORG.owner, ORG.owner)).plan;
      expect(plan.suggestions.map((s) => [s.authorId, s.text])).toEqual([[ORG.manager, 'Lead the Q1 game day']]);
      expect((await fieldsOf(() => w.plans.save({ actorId: ORG.owner, personId: ORG.owner, raw: input({ suggestion: 'me' }), expectedVersion: 0, requestKey: key() }))).suggestion).toBeDefined();
      await w.plans.save({ actorId: ORG.owner, personId: ORG.owner, raw: input(), expectedVersion: 0, resolvedSuggestionIds: [plan.suggestions[0]!.id], requestKey: key() });
      expect((await w.plans.planFor(ORG.owner, ORG.manager)).plan.suggestions).toEqual([]);
    } finally {
      w.cleanup();
    }
  });

  it('answers bad input per field: long text, a step date in the past, a date without a step', async () => {
    const w = await setup();
    try {
      const f = await fieldsOf(() =>
        w.plans.save({
          actorId: ORG.owner,
          personId: ORG.owner,
          raw: input({ strengths: 's'.repeat(2001), steps: [{ text: 'old', targetOn: '2026-01-01', status: 'in-progress' }, { text: '', targetOn: '2027-01-01' }, { text: 'x'.repeat(301) }] }),
          expectedVersion: 0,
          requestKey: key(),
        }),
      );
      expect(Object.keys(f).sort()).toEqual(['step1', 'step2', 'stepDate0', 'strengths']);
      expect(w.db.prepare('SELECT COUNT(*) AS n FROM development_plans').get()).toEqual({ n: 0 });
    } finally {
      w.cleanup();
    }
  });

  it('shows open next steps only to the two co-owners, and hides a deactivated person\'s plan from the manager', async () => {
    const w = await setup();
    try {
      await w.plans.save({ actorId: ORG.owner, personId: ORG.owner, raw: input({ steps: [{ text: 'a', status: 'done' }, { text: 'b', status: 'in-progress' }] }), expectedVersion: 0, requestKey: key() });
      expect((await w.plans.openStepsFor(ORG.owner, ORG.manager)).map((s) => s.text)).toEqual(['b']);
      await w.people.applyProfile({ id: ORG.owner, teamId: 'T1', name: 'Alice', realName: 'Alice Example', isBot: false, deleted: true });
      expect(await w.plans.openStepsFor(ORG.owner, ORG.manager)).toEqual([]);
      expect(await w.plans.canAccess(ORG.owner, ORG.owner)).toBe(true);
    } finally {
      w.cleanup();
    }
  });
});
