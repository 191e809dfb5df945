import { sql } from 'kysely';
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

async function insertAll<T>(rows: readonly T[], insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) await insert(rows.slice(i, i + 300));
}

/**
 * An org's worth of activity for EXPLAIN, with fresh statistics on PostgreSQL: on empty, never analysed tables its
 * planner guesses (one kind matches two rows, any index will do) and the plan says nothing about production.
 * 20 managers (UM, M1…M19) with 9 reports each, 5 1:1s per pair with an item each, prep events and kudos.
 */
export async function busyOrg(db: Executor, engine: EngineName): Promise<void> {
  const managers = ['UM', ...Array.from({ length: 19 }, (_, i) => `M${i + 1}`)];
  const people = managers.flatMap((m) => [{ id: m, name: m, created_at: T, updated_at: T }, ...Array.from({ length: 9 }, (_, r) => ({ id: `${m}R${r}`, name: `r${r}`, manager_id: m, created_at: T, updated_at: T }))]);
  await insertAll(people.filter((p) => !('manager_id' in p)), (part) => db.insertInto('people').values(part).execute());
  await insertAll(people.filter((p) => 'manager_id' in p), (part) => db.insertInto('people').values(part).execute());
  const pairs = people.filter((p): p is typeof p & { manager_id: string } => 'manager_id' in p);
  const meetings = pairs.flatMap((p) => Array.from({ length: 5 }, (_, i) => ({
    manager_id: p.manager_id, report_id: p.id, held_on: '2027-01-01', held_at: T - i * 7 * DAY, idempotency_key: `busy-${p.id}-${i}`, created_at: T - i * 7 * DAY,
  })));
  await insertAll(meetings, (part) => db.insertInto('one_on_ones').values(part).execute());
  const ids = await db.selectFrom('one_on_ones').select(['id', 'manager_id', 'report_id', 'created_at']).execute();
  await insertAll(ids.map((o) => ({ one_on_one_id: o.id, manager_id: o.manager_id, report_id: o.report_id, owner_id: o.report_id, text: 'Do it', created_at: o.created_at })),
    (part) => db.insertInto('action_items').values(part).execute());
  await insertAll(pairs.flatMap((p, i) => [
    { at: T - i, kind: 'one_on_one.prepared', actor_id: p.manager_id, subject_id: p.id },
    { at: T - i, kind: 'one_on_one.agenda_sent', actor_id: p.manager_id, subject_id: p.id },
    { at: T - i, kind: 'kudos.given', actor_id: p.id, subject_id: null },
  ]), (part) => db.insertInto('events').values(part).execute());
  const given = await db.insertInto('kudos').values(pairs.map((p, i) => ({
    giver_id: p.id, value: 'Care', message: 'Thanks for all of it', idempotency_key: `busy-k${i}`, created_at: T - i * 3_600_000,
    source_channel: null, source_ts: null, source_permalink: null, post_channel: null, post_ts: null, post_error: null,
  }))).returning('id').execute();
  await db.insertInto('kudos_recipients').values(given.map((k, i) => ({ kudos_id: k.id, recipient_id: pairs[(i + 1) % pairs.length]!.id, created_at: T - i * 3_600_000 }))).execute();
  if (engine === 'postgres') await sql`ANALYZE`.execute(db);
}
