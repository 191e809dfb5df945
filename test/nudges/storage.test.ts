import { freshDb } from '../helpers/db';
import { NUDGE_READ_SQL } from '../../src/storage/nudge-read-model';
import { createNudgeQueue } from '../../src/storage/nudge-repository';
import { OUTBOX_CLAIM_SQL } from '../../src/storage/outbox-repository';

const plan = (db: ReturnType<typeof freshDb>['db'], sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);

describe('nudge SQL uses its indexes', () => {
  const env = freshDb();
  afterAll(() => env.cleanup());

  it.each([
    ['team (last 1:1 and last kudos per report)', NUDGE_READ_SQL.team, [{ managerId: 'U1' }], ['one_on_ones_pair', 'kudos_recipients_person', 'people_manager']],
    ['owned action items', NUDGE_READ_SQL.ownedItems, ['U1', 8], ['action_items_open_owner']],
    ['owned action item count', NUDGE_READ_SQL.ownedCount, ['U1'], ['action_items_open_owner']],
    ['the outbox dispatcher’s claim', OUTBOX_CLAIM_SQL, [{ owner: 'a', lease: 1, now: 0, limit: 10 }], ['outbox_due']],
    ['onboarding nudges already had', NUDGE_READ_SQL.onboardingSent, ['U1'], ['sqlite_autoindex_nudges']],
  ])('%s', (_label, sql, params, indexes) => {
    const details = plan(env.db, sql, ...(params as unknown[]));
    for (const index of indexes) expect(details.join('\n')).toContain(index);
    for (const table of ['one_on_ones', 'kudos_recipients', 'action_items', 'nudges', 'outbox']) {
      expect(details.filter((d) => new RegExp(`^SCAN ${table}\\b`).test(d))).toEqual([]);
    }
  });
});

describe('the period record', () => {
  const env = freshDb();
  afterAll(() => env.cleanup());
  const q = createNudgeQueue(env.db);
  beforeAll(() => {
    env.db.prepare("INSERT INTO people (id, created_at, updated_at) VALUES ('U1', 0, 0)").run();
  });

  it('is recorded once per person, kind and week', async () => {
    const row = { personId: 'U1', kind: 'weekly', period: '2027-W09', dueAt: 100, status: 'skipped' as const, reason: 'away' as const };
    expect(await q.plan([row], 100)).toBe(1);
    expect(await q.plan([row], 200)).toBe(0);
    expect(await q.forPeriod('U1', 'weekly', '2027-W09')).toMatchObject({ status: 'skipped', reason: 'away' });
  });
});
