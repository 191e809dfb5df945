import Database from 'better-sqlite3';
import { atomic } from '../../src/storage/atomic';
import { createSeenRequests } from '../../src/storage/seen-requests';
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';

const T = 1_800_000_000_000;
const LATER = T + 300_000;

/**
 * On SQLite the replay memory answers a request on the spot, on the app's own connection, when nothing holds it
 * (no query-builder hand-over on the hot path). What must not change: a key is still taken once, across
 * instances on the file; a key offered while a unit of work is open is not written inside it (its rollback would
 * forget the key); another process holding the write lock makes it wait, not fail.
 */
let env: ReturnType<typeof freshDb>;
beforeEach(() => {
  env = freshDb();
});
afterEach(() => env.cleanup());

const taken = (key: string) => env.db.prepare('SELECT COUNT(*) AS n FROM seen_requests WHERE request_key = ?').get(key) as { n: number };

describe('replay memory on SQLite: the answer on the spot', () => {
  it('takes a key once, whether the other instance on the file answers on the spot or through the queue', async () => {
    const db = sqliteKysely(env.db);
    const direct = createSeenRequests(db, env.db);
    const queued = createSeenRequests(db);
    expect(await direct.firstSeen('sig:a', LATER, T)).toBe(true);
    expect(await direct.firstSeen('sig:a', LATER, T + 1)).toBe(false);
    expect(await queued.firstSeen('sig:a', LATER, T + 2)).toBe(false);
    expect(await queued.firstSeen('sig:b', LATER, T + 3)).toBe(true);
    expect(await direct.firstSeen('sig:b', LATER, T + 4)).toBe(false);
    // Expired and not yet pruned: taken over, on the spot too.
    expect(await direct.firstSeen('sig:a', LATER + 600_000, LATER + 1)).toBe(true);
    expect(taken('sig:a').n).toBe(1);
  });

  it('never writes inside a unit of work left open across an await: a rolled-back unit of work does not forget the key', async () => {
    const db = sqliteKysely(env.db);
    const seen = createSeenRequests(db, env.db);
    let offered: Promise<boolean> | undefined;
    await expect(
      atomic(db, async (trx) => {
        await trx.insertInto('seen_requests').values({ request_key: 'inside', expires_at: LATER }).execute();
        // A Slack request arrives while this unit of work waits (on PostgreSQL, on a round trip; here, a timer).
        offered = seen.firstSeen('sig:during', LATER, T);
        await new Promise((r) => setTimeout(r, 5));
        throw new Error('the unit of work fails and rolls back');
      }),
    ).rejects.toThrow('rolls back');
    expect(await offered).toBe(true);
    expect(taken('inside').n).toBe(0);
    expect(taken('sig:during').n).toBe(1);
    expect(await seen.firstSeen('sig:during', LATER, T + 1)).toBe(false);
  });

  it('waits while another process holds the file`s write lock, then answers (no error, no request lost)', async () => {
    const seen = createSeenRequests(sqliteKysely(env.db), env.db);
    const other = new Database(env.file);
    try {
      other.exec('BEGIN IMMEDIATE'); // an org import or a second instance in the middle of a write
      const answer = seen.firstSeen('sig:busy', LATER, T);
      const state = await Promise.race([answer.then(() => 'answered'), new Promise((r) => setTimeout(() => r('waiting'), 50))]);
      expect(state).toBe('waiting');
      other.exec('COMMIT');
      expect(await answer).toBe(true);
      expect(await seen.firstSeen('sig:busy', LATER, T + 1)).toBe(false);
    } finally {
      other.close();
    }
  });

  it('a failing statement rejects that request (it is then not processed), and the next one is answered', async () => {
    const seen = createSeenRequests(sqliteKysely(env.db), env.db);
    // An expiry the STRICT integer column refuses.
    await expect(seen.firstSeen('sig:bad', 'soon' as unknown as number, T)).rejects.toThrow();
    expect(await seen.firstSeen('sig:bad', LATER, T + 1)).toBe(true);
  });
});
