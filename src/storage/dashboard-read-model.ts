import { sql } from 'kysely';
import type { ActivityData, DashboardActivityReadModel } from '../domain/dashboard/ports';
import type { Executor } from './engine';
import { weekIndex } from './report-read-model';

/**
 * Goal and development-plan activity for the dashboard, counted from the event log (events_kind_at answers the
 * three kinds as three range seeks on either engine). The person is the goal's owner or the plan's person
 * (subject), else the actor. Counts only: nothing here reads a goal's title, a check-in's note or a plan's text.
 * Grouped by the output names: both engines accept them, and the week's expression holds its own bound value.
 * Exported so a test can EXPLAIN it.
 */
export const dashboardActivityQuery = (db: Executor, r: { from: number; to: number }) => {
  const raw = sql<{ person_id: string | null; kind: string; week: number; n: number }>`SELECT COALESCE(subject_id, actor_id) AS person_id,
      kind, ${weekIndex('at', r.from)} AS week, COUNT(*) AS n
    FROM events WHERE kind IN ('goal.created', 'goal.checked_in', 'plan.updated') AND at >= ${r.from} AND at < ${r.to}
    GROUP BY person_id, kind, week`;
  return { compile: () => raw.compile(db), rows: async () => (await raw.execute(db)).rows };
};

export function createDashboardReadModel(db: Executor): DashboardActivityReadModel {
  return {
    async activity(w) {
      const out: ActivityData = new Map();
      for (const r of await dashboardActivityQuery(db, w).rows()) {
        if (r.person_id === null) continue;
        let e = out.get(r.person_id);
        if (!e) out.set(r.person_id, (e = { goals: new Array<number>(w.weeks).fill(0), plans: new Array<number>(w.weeks).fill(0) }));
        const list = r.kind === 'plan.updated' ? e.plans : e.goals;
        const i = Math.max(0, Math.min(w.weeks - 1, Math.floor(Number(r.week))));
        list[i] = (list[i] ?? 0) + Number(r.n);
      }
      return out;
    },
  };
}
