import type { OrgGoalRepository, OrgGoalRow } from '../domain/leadership/ports';
import type { Executor } from './engine';
import { atomic } from './atomic';

export function createOrgGoalRepository(db: Executor): OrgGoalRepository {
  return {
    list: async () =>
      (await db.selectFrom('org_goals').select(['slot', 'metric', 'target', 'deadline', 'baseline', 'set_by', 'set_at']).orderBy('slot').execute())
        .map((r): OrgGoalRow => ({ slot: r.slot, metric: r.metric, target: r.target, deadline: r.deadline, baseline: r.baseline ?? undefined, setBy: r.set_by, setAt: r.set_at })),
    // The modal edits all three slots at once: the old set goes and the new one lands together or not at all.
    replaceAll: (goals) =>
      atomic(db, async (ex) => {
        await ex.deleteFrom('org_goals').execute();
        if (goals.length === 0) return;
        await ex.insertInto('org_goals').values(goals.map((g) => ({
          slot: g.slot, metric: g.metric, target: g.target, deadline: g.deadline, baseline: g.baseline ?? null, set_by: g.setBy, set_at: g.setAt,
        }))).execute();
      }),
  };
}
