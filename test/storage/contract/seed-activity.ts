import type { EngineName } from '../../helpers/engines';
import type { Executor } from '../../../src/storage/engine';
import { person } from './seed';

export const T = 1_800_000_000_000;
export const DAY = 86_400_000;

/** People for the activity contract tests (1:1s, goals, plans, kudos, nudges): a manager, reports, another manager. */
export async function team(db: Executor, ids: readonly string[] = ['UM', 'UA', 'UB', 'UOTHER'], manager = 'UM'): Promise<void> {
  await person(db, manager, T, { name: 'Manager' });
  for (const id of ids) if (id !== manager) await person(db, id, T, { manager: id === 'UOTHER' ? undefined : manager });
}

export async function rowCount(db: Executor, table: 'one_on_ones' | 'action_items' | 'kudos' | 'kudos_recipients' | 'goals' | 'goal_check_ins' | 'nudges' | 'plan_next_steps'): Promise<number> {
  const row = await db.selectFrom(table).select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A plan that walks only indexes for the given tables. SQLite: no bare "SCAN t" nor an automatic index;
 * PostgreSQL (enable_seqscan = off): no surviving "Seq Scan on t". Both: the named index, where one is given.
 */
export function expectIndexed(engine: EngineName, plan: readonly string[], tables: readonly string[], index?: string): void {
  const text = plan.join('\n');
  expect(plan.length).toBeGreaterThan(0);
  for (const t of tables) {
    if (engine === 'sqlite') expect(plan.filter((d) => new RegExp(`^SCAN ${t}\\b(?! USING)`).test(d) || /AUTOMATIC/.test(d))).toEqual([]);
    else expect(text).not.toMatch(new RegExp(`Seq Scan on ${t}\\b`));
  }
  if (index) expect(text).toContain(index);
}
