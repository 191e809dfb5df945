import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';
import { createNudgeQueue } from '../../src/storage/nudge-repository';

describe('the period record', () => {
  const env = freshDb();
  afterAll(() => env.cleanup());
  const q = createNudgeQueue(sqliteKysely(env.db));
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
