import type { Db } from './database';
import type { ReportWindow } from '../domain/report-ports';
import type { ActivityData, DashboardActivityReadModel } from '../domain/dashboard/ports';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Goal and development-plan activity for the dashboard, counted from the event log (events_kind_at answers the
 * three kinds as three range seeks). The person is the goal's owner or the plan's person (subject), else the actor.
 * Counts only: nothing here reads a goal's title, a check-in's note or a plan's text.
 */
export const DASHBOARD_SQL = {
  activity: `SELECT COALESCE(subject_id, actor_id) AS person_id, kind, (at - @from) / ${WEEK_MS} AS week, COUNT(*) AS n
    FROM events WHERE kind IN ('goal.created', 'goal.checked_in', 'plan.updated') AND at >= @from AND at < @to
    GROUP BY person_id, kind, week`,
} as const;

export function createDashboardReadModel(db: Db): DashboardActivityReadModel {
  const activity = db.prepare<[{ from: number; to: number }], { person_id: string | null; kind: string; week: number; n: number }>(DASHBOARD_SQL.activity);
  return {
    activity(w: ReportWindow): Promise<ActivityData> {
      const out: ActivityData = new Map();
      for (const r of activity.all({ from: w.from, to: w.to })) {
        if (r.person_id === null) continue;
        let e = out.get(r.person_id);
        if (!e) out.set(r.person_id, (e = { goals: new Array<number>(w.weeks).fill(0), plans: new Array<number>(w.weeks).fill(0) }));
        const list = r.kind === 'plan.updated' ? e.plans : e.goals;
        const i = Math.max(0, Math.min(w.weeks - 1, Math.floor(r.week)));
        list[i] = (list[i] ?? 0) + r.n;
      }
      return Promise.resolve(out);
    },
  };
}
