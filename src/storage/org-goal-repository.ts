import type { Db } from './database';
import type { OrgGoalRepository, OrgGoalRow } from '../domain/leadership/ports';
import { asyncPort } from './interim-async';

interface GoalRow {
  slot: number;
  metric: string;
  target: number;
  deadline: string;
  baseline: number | null;
  set_by: string;
  set_at: number;
}

function toGoal(r: GoalRow): OrgGoalRow {
  return { slot: r.slot, metric: r.metric, target: r.target, deadline: r.deadline, baseline: r.baseline ?? undefined, setBy: r.set_by, setAt: r.set_at };
}

export function createOrgGoalRepository(db: Db): OrgGoalRepository {
  const list = db.prepare<[], GoalRow>('SELECT slot, metric, target, deadline, baseline, set_by, set_at FROM org_goals ORDER BY slot');
  const clear = db.prepare('DELETE FROM org_goals');
  const insert = db.prepare('INSERT INTO org_goals (slot, metric, target, deadline, baseline, set_by, set_at) VALUES (@slot, @metric, @target, @deadline, @baseline, @setBy, @setAt)');
  const replace = db.transaction((goals: readonly OrgGoalRow[]) => {
    clear.run();
    for (const g of goals) insert.run({ ...g, baseline: g.baseline ?? null });
  });
  return asyncPort<OrgGoalRepository>({
    list: () => list.all().map(toGoal),
    replaceAll: (goals) => replace(goals),
  });
}
