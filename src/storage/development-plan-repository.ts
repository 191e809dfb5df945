import { sql, type RawBuilder } from 'kysely';
import { affected, opaque, type Executor } from './engine';
import { jsonSql, parsedJson } from './json-sql';
import { preparedNamed } from './prepared-named';
import { atomic } from './atomic';
import type { DevelopmentPlan, DevelopmentPlanRepository, NextStep, StepStatus } from '../domain/development-plan';

/** Open suggestions shown with a plan, newest first. */
const SUGGESTIONS_SHOWN = 20;

type PlanRow = { strengths: string; areas_to_grow: string; career_direction: string; version: number; updated_by: string | null; updated_at: number };
type StepRow = { text: string; target_on: string | null; status: string };
type SuggestionRow = { id: number; author_id: string; text: string; created_at: number };

function toStep(r: StepRow): NextStep {
  return { text: r.text, targetOn: r.target_on ?? undefined, status: r.status as StepStatus };
}

function toPlan(personId: string, row: PlanRow | undefined, steps: StepRow[], suggestionRows: SuggestionRow[]): DevelopmentPlan {
  const suggestions = suggestionRows.map((r) => ({ id: r.id, authorId: r.author_id, text: r.text, createdAt: r.created_at }));
  if (!row) return { personId, strengths: '', areasToGrow: '', careerDirection: '', nextSteps: [], suggestions, version: 0 };
  return {
    personId, strengths: row.strengths, areasToGrow: row.areas_to_grow, careerDirection: row.career_direction, nextSteps: steps.map(toStep),
    suggestions, version: row.version, updatedBy: row.updated_by ?? undefined, updatedAt: row.updated_at,
  };
}

/** A person's open suggestions, newest first, as many as a plan shows: get() reads it, planJson carries it as JSON. */
const openSuggestionsQuery = (db: Executor, personId: string) => db.selectFrom('plan_suggestions').select(['id', 'author_id', 'text', 'created_at'])
  .where('person_id', '=', opaque(db, personId)).where('resolved_at', 'is', null).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(sql.lit(SUGGESTIONS_SHOWN));

/**
 * A person's plan as three JSON values (the plan row, its steps in order, the open suggestions newest first), for
 * a statement that reads it along with other things (App Home's circle, the prep card's facts); planFromJson gives
 * what get() gives (see jsonSql).
 */
export function planJson(db: Executor, personId: string): { plan: RawBuilder<unknown>; steps: RawBuilder<unknown>; suggestions: RawBuilder<unknown> } {
  const { object: obj, agg, rows } = jsonSql(db);
  return {
    plan: sql`(SELECT ${obj([['strengths', 'd.strengths'], ['areas_to_grow', 'd.areas_to_grow'], ['career_direction', 'd.career_direction'], ['version', 'd.version'], ['updated_by', 'd.updated_by'], ['updated_at', 'd.updated_at']])}
      FROM development_plans d WHERE d.person_id = ${personId})`,
    steps: sql`(SELECT ${agg}(${obj([['text', 's.text'], ['target_on', 's.target_on'], ['status', 's.status']])} ORDER BY s.position)
      FROM plan_next_steps s WHERE s.person_id = ${personId})`,
    suggestions: rows(openSuggestionsQuery(db, personId), ['id', 'author_id', 'text', 'created_at'], 'x.created_at DESC, x.id DESC'),
  };
}

export function planFromJson(personId: string, plan: unknown, steps: unknown, suggestions: unknown): DevelopmentPlan {
  return toPlan(personId, parsedJson<PlanRow>(plan), parsedJson<StepRow[]>(steps) ?? [], parsedJson<SuggestionRow[]>(suggestions) ?? []);
}

/** A plan with its steps in order: one row a step, or one with NULL step columns; exported for the EXPLAIN test. */
export const planWithStepsQuery = (db: Executor, personId: string) => db.selectFrom('development_plans as d')
  .leftJoin('plan_next_steps as s', 's.person_id', 'd.person_id').selectAll('d')
  .select(['s.text as step_text', 's.target_on as step_target_on', 's.status as step_status'])
  .where('d.person_id', '=', opaque(db, personId)).orderBy('s.position');

/**
 * Development plans on either engine. A save compares the version it started from (optimistic locking): on
 * PostgreSQL a concurrent save waits for the first one's row lock, then finds the version moved and changes nothing.
 */
export function createDevelopmentPlanRepository(db: Executor): DevelopmentPlanRepository {
  type Person = { personId: string };
  // Built once: every prep card reads the report's plan.
  const planWithSteps = preparedNamed(db, (p: Person) => planWithStepsQuery(db, p.personId));
  const openSuggestions = preparedNamed(db, (p: Person) => openSuggestionsQuery(db, p.personId));
  return {
    async get(personId): Promise<DevelopmentPlan> {
      // The plan with its steps (one row a step, or one with NULL step columns) and the suggestions, sent together:
      // one round trip's wait on PostgreSQL, where reading the steps after the plan was a second.
      const [{ rows }, { rows: suggestionRows }] = await Promise.all([planWithSteps({ personId }), openSuggestions({ personId })]);
      const steps = rows.filter((r) => r.step_text !== null).map((r) => ({ text: r.step_text as string, target_on: r.step_target_on, status: r.step_status as string }));
      return toPlan(personId, rows[0], steps, suggestionRows);
    },
    // Version 0 means "never saved": the first save inserts, later ones compare and bump the version.
    save: (personId, draft, expectedVersion, by, at) => atomic(db, async (trx) => {
      const fields = { strengths: draft.strengths, areas_to_grow: draft.areasToGrow, career_direction: draft.careerDirection, updated_by: by, updated_at: at };
      const written = expectedVersion === 0
        ? await trx.insertInto('development_plans').values({ person_id: personId, ...fields, version: 1, created_at: at })
          .onConflict((oc) => oc.column('person_id').doNothing()).executeTakeFirst()
        : await trx.updateTable('development_plans').set((eb) => ({ ...fields, version: eb('version', '+', 1) }))
          .where('person_id', '=', personId).where('version', '=', expectedVersion).executeTakeFirst();
      if (affected(written) !== 1) return false;
      await trx.deleteFrom('plan_next_steps').where('person_id', '=', personId).execute();
      if (draft.nextSteps.length > 0) {
        await trx.insertInto('plan_next_steps').values(draft.nextSteps.map((step, position) => ({
          person_id: personId, position, text: step.text, target_on: step.targetOn ?? null, status: step.status, created_at: at, updated_at: at,
        }))).execute();
      }
      return true;
    }),
    addSuggestion: async (personId, authorId, text, key, at) => affected(await db.insertInto('plan_suggestions')
      .values({ person_id: personId, author_id: authorId, text, idempotency_key: key, created_at: at })
      .onConflict((oc) => oc.column('idempotency_key').doNothing()).executeTakeFirst()) === 1,
    resolveSuggestions: async (personId, ids, at) => ids.length === 0 ? 0 : affected(await db.updateTable('plan_suggestions').set({ resolved_at: at })
      .where('person_id', '=', personId).where('id', 'in', ids).where('resolved_at', 'is', null).executeTakeFirst()),
  };
}
