import type { Executor } from '../../src/storage/engine';
import { isoDay, type Fixture } from './org-fixture';

/** Rows per INSERT: well inside either engine's bound-parameter limit. */
const CHUNK = 200;

async function insertAll<T>(rows: readonly T[], insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** insertFixture through Kysely, in one transaction, so a report suite can run on SQLite or PostgreSQL. */
export async function storeFixture(db: Executor, fx: Fixture): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await insertAll(fx.people, (part) => tx.insertInto('people').values(part.map((p) => ({
      id: p.id, team_id: 'T0LEADWELL', name: p.name, real_name: p.name, tz: 'UTC', is_bot: p.bot ? 1 : 0, deleted: p.deleted ? 1 : 0,
      manager_id: null, cadence_days: p.cadence, created_at: fx.now, updated_at: fx.now,
    }))).execute());
    for (const p of fx.people) if (p.managerId) await tx.updateTable('people').set({ manager_id: p.managerId }).where('id', '=', p.id).execute();
    await insertAll(fx.oneOnOnes, (part) => tx.insertInto('one_on_ones').values(part.map((x) => ({
      id: x.id, manager_id: x.managerId, report_id: x.reportId, held_on: isoDay(x.heldAt), held_at: x.heldAt, notes: x.notes, idempotency_key: `o${x.id}`, created_at: x.heldAt,
    }))).execute());
    await insertAll(fx.kudos, (part) => tx.insertInto('kudos').values(part.map((x) => ({
      id: x.id, giver_id: x.giverId, value: 'Craft', message: 'thanks', post_status: 'posted', idempotency_key: `k${x.id}`, created_at: x.at,
    }))).execute());
    const recipients = fx.kudos.flatMap((x) => x.recipients.map((r) => ({ kudos_id: x.id, recipient_id: r, created_at: x.at })));
    await insertAll(recipients, (part) => tx.insertInto('kudos_recipients').values(part).execute());
    await insertAll(fx.nudges, (part) => tx.insertInto('nudges').values(part.map((x) => ({
      id: x.id, person_id: x.personId, kind: 'weekly', period: `W${x.id}`, status: x.status, due_at: x.dueAt, next_attempt_at: x.dueAt, created_at: x.dueAt, updated_at: x.dueAt,
    }))).execute());
    await insertAll(fx.events, (part) => tx.insertInto('events').values(part.map((x) => ({
      at: x.at, kind: x.kind, actor_id: x.actorId, subject_id: x.actorId, ref_id: x.refId,
    }))).execute());
  });
}
