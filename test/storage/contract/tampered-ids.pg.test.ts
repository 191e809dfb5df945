import { createGoalRepository } from '../../../src/storage/goal-repository';
import { createOutboxStore } from '../../../src/storage/outbox-repository';
import { describeEachEngine } from '../../helpers/engines';
import { T, team } from './seed-activity';

/**
 * Ids that arrive in button values (anyone can edit one): a number no row can have finds nothing on both engines.
 * PostgreSQL refused 1e20 as a BIGINT parameter ("out of range", error 22003) where SQLite found no row, so the
 * goal "Update" button with a tampered value crashed its listener on PostgreSQL only (test/robustness/buttons).
 */
const IMPOSSIBLE = [1e20, 2 ** 63, 1.5, Number.MAX_SAFE_INTEGER + 2];

describeEachEngine('lookups by an id no row can have', (ctx) => {
  it('a goal and its check-ins: not found, never a database error', async () => {
    await team(ctx.db);
    const repo = createGoalRepository(ctx.db);
    const { goal } = await repo.insert({
      ownerId: 'UA', kind: 'personal', visibility: 'manager', title: 'Ship', why: '', measure: '', idempotencyKey: 'g1', createdAt: T,
    });
    expect((await repo.get(goal.id))?.id).toBe(goal.id); // control: a real id is found
    for (const id of IMPOSSIBLE) {
      expect(await repo.get(id)).toBeUndefined();
      expect(await repo.history(id, 5)).toEqual([]);
    }
  });

  it('an outbox retry: nothing to retry, never a database error', async () => {
    await team(ctx.db);
    const store = createOutboxStore(ctx.db);
    for (const id of IMPOSSIBLE) expect(await store.retry(id, T)).toBe(false);
  });
});
