import { freshDb } from '../helpers/db';
import { NUDGE_READ_SQL } from '../../src/storage/nudge-read-model';
import { NUDGE_DUE_SQL, createNudgeQueue } from '../../src/storage/nudge-repository';

const plan = (db: ReturnType<typeof freshDb>['db'], sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);

describe('nudge SQL uses its indexes', () => {
  const env = freshDb();
  afterAll(() => env.cleanup());

  it.each([
    ['team (last 1:1 and last kudos per report)', NUDGE_READ_SQL.team, [{ managerId: 'U1' }], ['one_on_ones_pair', 'kudos_recipients_person', 'people_manager']],
    ['owned action items', NUDGE_READ_SQL.ownedItems, ['U1', 8], ['action_items_open_owner']],
    ['owned action item count', NUDGE_READ_SQL.ownedCount, ['U1'], ['action_items_open_owner']],
    ['the dispatcher’s poll', NUDGE_DUE_SQL, [0, 100], ['nudges_queue']],
    ['onboarding nudges already had', NUDGE_READ_SQL.onboardingSent, ['U1'], ['sqlite_autoindex_nudges']],
  ])('%s', (_label, sql, params, indexes) => {
    const details = plan(env.db, sql, ...(params as unknown[]));
    for (const index of indexes) expect(details.join('\n')).toContain(index);
    for (const table of ['one_on_ones', 'kudos_recipients', 'action_items', 'nudges']) {
      expect(details.filter((d) => new RegExp(`^SCAN ${table}\\b`).test(d))).toEqual([]);
    }
  });
});

describe('the queue’s state changes are guarded', () => {
  const env = freshDb();
  afterAll(() => env.cleanup());
  const q = createNudgeQueue(env.db);
  beforeAll(() => {
    env.db.prepare("INSERT INTO people (id, created_at, updated_at) VALUES ('U1', 0, 0)").run();
    q.plan([{ personId: 'U1', kind: 'weekly', period: '2027-W09', dueAt: 100, status: 'planned' }], 100);
  });

  it('plans once per person, kind and week', () => {
    expect(q.plan([{ personId: 'U1', kind: 'weekly', period: '2027-W09', dueAt: 200, status: 'skipped', reason: 'away' }], 200)).toBe(0);
    expect(q.forPeriod('U1', 'weekly', '2027-W09')).toMatchObject({ status: 'planned', dueAt: 100, attempts: 0 });
  });

  it('claims once, and not before the next attempt is due', () => {
    const id = q.forPeriod('U1', 'weekly', '2027-W09')!.id;
    expect(q.claim(id, 99)).toBe(false);
    expect(q.claim(id, 100)).toBe(true);
    expect(q.claim(id, 100)).toBe(false);
    q.release(id, 500, 'http_503', 101);
    expect(q.get(id)).toMatchObject({ status: 'planned', attempts: 1, nextAttemptAt: 500, reason: 'http_503' });
    expect(q.claim(id, 499)).toBe(false);
    expect(q.claim(id, 500)).toBe(true);
    q.release(id, 600, 'ratelimited', 501, true);
    expect(q.get(id)).toMatchObject({ attempts: 1 }); // a 429 does not use up an attempt
  });

  it('a slow sender finishing after recovery still records sent; a finished row cannot be finished again', () => {
    const id = q.forPeriod('U1', 'weekly', '2027-W09')!.id;
    expect(q.claim(id, 600)).toBe(true);
    expect(q.recoverInterrupted(700, 800)).toBe(1);
    expect(q.get(id)!.status).toBe('uncertain');
    q.markSent(id, { channel: 'D1', ts: '1.000001' }, 900);
    expect(q.get(id)).toMatchObject({ status: 'sent', channelId: 'D1', messageTs: '1.000001', reason: undefined });
    q.finish(id, 'failed', 'late', 1000);
    expect(q.get(id)!.status).toBe('sent');
    expect(q.countByStatus()).toMatchObject({ sent: 1, planned: 0 });
  });
});
