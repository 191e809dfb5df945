import { sql } from 'kysely';
import type { Executor } from '../../../src/storage/engine';
import { engineOf } from '../../../src/storage/engine';

/** Seeding for the read-model and data-lifecycle contract tests (plain Kysely inserts; seed.ts has people, 1:1s, kudos). */

export async function nudge(db: Executor, personId: string, dueAt: number, fields: { kind?: string; status?: 'sent' | 'skipped'; period?: string } = {}): Promise<number> {
  const row = await db.insertInto('nudges').values({
    person_id: personId, kind: fields.kind ?? 'weekly', period: fields.period ?? `W${dueAt}`, status: fields.status ?? 'sent',
    due_at: dueAt, next_attempt_at: dueAt, created_at: dueAt, updated_at: dueAt,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function event(db: Executor, kind: string, at: number, fields: { actor?: string; subject?: string; ref?: number; data?: string } = {}): Promise<number> {
  const row = await db.insertInto('events').values({
    at, kind, actor_id: fields.actor ?? null, subject_id: fields.subject ?? null, ref_id: fields.ref ?? null, data: fields.data ?? '{}',
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function pulseResponse(db: Executor, id: string, period: string, managerId: string, rating: number, comment = ''): Promise<void> {
  await db.insertInto('pulse_responses').values({ id, period, manager_id: managerId, rating, comment }).execute();
}

export async function setNotes(db: Executor, oneOnOneId: number, notes: string): Promise<void> {
  await db.updateTable('one_on_ones').set({ notes }).where('id', '=', oneOnOneId).execute();
}

let keys = 0;
export async function goal(db: Executor, ownerId: string, title: string, at: number): Promise<number> {
  const row = await db.insertInto('goals').values({
    owner_id: ownerId, kind: 'personal', visibility: 'manager', title, idempotency_key: `g${(keys += 1)}`, created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Every table of this database, from the live schema (so a table added later is scanned too). */
export async function tableNames(db: Executor): Promise<string[]> {
  if (engineOf(db) === 'postgres') {
    const { rows } = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`.execute(db);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1`.execute(db);
  return rows.map((r) => r.name);
}

/** Every non-null value of every column of every table, as `table.column: value`, with `open` applied to each. */
export async function everyValue(db: Executor, open: (table: string, column: string, text: string) => string = (_t, _c, v) => v): Promise<string[]> {
  const out: string[] = [];
  for (const table of await tableNames(db)) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null) continue;
        const text = Buffer.isBuffer(value) || value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : String(value);
        out.push(`${table}.${column}: ${open(table, column, text)}`);
      }
    }
  }
  return out;
}
