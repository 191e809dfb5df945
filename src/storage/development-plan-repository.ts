import type { Db } from './database';
import type { DevelopmentPlan, DevelopmentPlanRepository, NextStep, PlanDraft, StepStatus } from '../domain/development-plan';
import { asyncPort } from './interim-async';

interface PlanRow {
  person_id: string;
  strengths: string;
  areas_to_grow: string;
  career_direction: string;
  version: number;
  updated_by: string | null;
  updated_at: number;
}

interface StepRow {
  text: string;
  target_on: string | null;
  status: string;
}

interface SuggestionRow {
  id: number;
  author_id: string;
  text: string;
  created_at: number;
}

function toStep(r: StepRow): NextStep {
  return { text: r.text, targetOn: r.target_on ?? undefined, status: r.status as StepStatus };
}

export function createDevelopmentPlanRepository(db: Db): DevelopmentPlanRepository {
  const s = {
    plan: db.prepare('SELECT * FROM development_plans WHERE person_id = ?'),
    steps: db.prepare('SELECT text, target_on, status FROM plan_next_steps WHERE person_id = ? ORDER BY position'),
    suggestions: db.prepare(
      'SELECT id, author_id, text, created_at FROM plan_suggestions WHERE person_id = ? AND resolved_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 20',
    ),
    insertPlan: db.prepare(
      `INSERT INTO development_plans (person_id, strengths, areas_to_grow, career_direction, version, updated_by, created_at, updated_at)
       VALUES (@personId, @strengths, @areasToGrow, @careerDirection, 1, @by, @at, @at) ON CONFLICT (person_id) DO NOTHING`,
    ),
    updatePlan: db.prepare(
      `UPDATE development_plans SET strengths = @strengths, areas_to_grow = @areasToGrow, career_direction = @careerDirection,
       version = version + 1, updated_by = @by, updated_at = @at WHERE person_id = @personId AND version = @expectedVersion`,
    ),
    deleteSteps: db.prepare('DELETE FROM plan_next_steps WHERE person_id = ?'),
    insertStep: db.prepare(
      `INSERT INTO plan_next_steps (person_id, position, text, target_on, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    addSuggestion: db.prepare(
      `INSERT INTO plan_suggestions (person_id, author_id, text, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    ),
    resolve: db.prepare('UPDATE plan_suggestions SET resolved_at = ? WHERE person_id = ? AND id = ? AND resolved_at IS NULL'),
  };

  // Version 0 means "never saved": the first save inserts, later ones compare and bump the version.
  const save = db.transaction((personId: string, draft: PlanDraft, expectedVersion: number, by: string, at: number): boolean => {
    const params = { personId, ...draft, by, at, expectedVersion };
    const ok = expectedVersion === 0 ? s.insertPlan.run(params).changes === 1 : s.updatePlan.run(params).changes === 1;
    if (!ok) return false;
    s.deleteSteps.run(personId);
    draft.nextSteps.forEach((step, i) => s.insertStep.run(personId, i, step.text, step.targetOn ?? null, step.status, at, at));
    return true;
  });

  const resolve = db.transaction((personId: string, ids: readonly number[], at: number) =>
    ids.reduce((n, id) => n + s.resolve.run(at, personId, id).changes, 0),
  );

  return asyncPort<DevelopmentPlanRepository>({
    get(personId): DevelopmentPlan {
      const row = s.plan.get(personId) as PlanRow | undefined;
      const suggestions = (s.suggestions.all(personId) as SuggestionRow[]).map((r) => ({ id: r.id, authorId: r.author_id, text: r.text, createdAt: r.created_at }));
      if (!row) return { personId, strengths: '', areasToGrow: '', careerDirection: '', nextSteps: [], suggestions, version: 0 };
      return {
        personId,
        strengths: row.strengths,
        areasToGrow: row.areas_to_grow,
        careerDirection: row.career_direction,
        nextSteps: (s.steps.all(personId) as StepRow[]).map(toStep),
        suggestions,
        version: row.version,
        updatedBy: row.updated_by ?? undefined,
        updatedAt: row.updated_at,
      };
    },
    save,
    addSuggestion: (personId, authorId, text, key, at) => s.addSuggestion.run(personId, authorId, text, key, at).changes === 1,
    resolveSuggestions: (personId, ids, at) => resolve(personId, ids, at),
  });
}
