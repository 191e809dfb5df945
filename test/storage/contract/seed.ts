import type { Executor } from '../../../src/storage/engine';

/** Small, engine-neutral seeding for the storage contract suite (plain inserts through Kysely). */
export async function person(db: Executor, id: string, at: number, fields: { manager?: string; name?: string; deleted?: number; isBot?: number; level?: 'frontline' | 'mid-level' | 'executive' } = {}): Promise<void> {
  await db.insertInto('people').values({
    id, name: fields.name ?? id.toLowerCase(), manager_id: fields.manager ?? null, deleted: fields.deleted ?? 0, is_bot: fields.isBot ?? 0,
    level_override: fields.level ?? null, level_source: fields.level ? 'admin' : null, created_at: at, updated_at: at,
  }).execute();
}

let key = 0;
export async function oneOnOne(db: Executor, managerId: string, reportId: string, heldOn: string, heldAt: number): Promise<number> {
  const row = await db.insertInto('one_on_ones')
    .values({ manager_id: managerId, report_id: reportId, held_on: heldOn, held_at: heldAt, idempotency_key: `k${(key += 1)}`, created_at: heldAt })
    .returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function actionItem(db: Executor, oneOnOneId: number, managerId: string, reportId: string, at: number, done?: number): Promise<void> {
  await db.insertInto('action_items')
    .values({ one_on_one_id: oneOnOneId, manager_id: managerId, report_id: reportId, owner_id: reportId, text: 'Do it', done_at: done ?? null, created_at: at })
    .execute();
}

export async function kudos(db: Executor, giverId: string, recipients: string[], at: number, message = 'Thanks'): Promise<number> {
  const row = await db.insertInto('kudos')
    .values({ giver_id: giverId, value: 'Care', message, source_channel: null, source_ts: null, source_permalink: null, post_channel: null, post_ts: null, post_error: null, idempotency_key: `kd${(key += 1)}`, created_at: at })
    .returning('id').executeTakeFirstOrThrow();
  for (const r of recipients) await db.insertInto('kudos_recipients').values({ kudos_id: Number(row.id), recipient_id: r, created_at: at }).execute();
  return Number(row.id);
}
