import { createHook } from 'node:async_hooks';
import { atomic } from '../../src/storage/atomic';
import { HandOverMutex, sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';

/**
 * The SQLite connection is one, behind a mutex. Each release hands it to the next waiter in arrival order and
 * wakes no one else: a prep card's parallel reads, with a few cards in flight, used to wake every waiter on every
 * release (each going back to wait), which grew with the square of the queue.
 */
describe('HandOverMutex', () => {
  it('hands the lock over in arrival order, and frees it once nobody waits', async () => {
    const m = new HandOverMutex();
    const order: number[] = [];
    expect(m.lock()).toBeUndefined();
    const waits = [1, 2, 3].map((i) => (m.lock() as Promise<void>).then(() => order.push(i)));
    m.unlock();
    await waits[0];
    expect(order).toEqual([1]);
    m.unlock();
    m.unlock();
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3]);
    m.unlock();
    expect(m.lock()).toBeUndefined(); // free again: taken at once
  });

  it('keeps order over a long queue (its compaction included)', async () => {
    const m = new HandOverMutex();
    expect(m.lock()).toBeUndefined();
    const order: number[] = [];
    const waits = Array.from({ length: 3000 }, (_, i) => (m.lock() as Promise<void>).then(() => {
      order.push(i);
      m.unlock();
    }));
    m.unlock();
    await Promise.all(waits);
    expect(order).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(m.lock()).toBeUndefined();
  });
});

describe('the SQLite connection under a queue of statements', () => {
  let env: ReturnType<typeof freshDb>;
  beforeEach(() => {
    env = freshDb();
  });
  afterEach(() => env.cleanup());

  /** Promises created while `work` runs: each wake-up of a waiter costs at least one. */
  async function promisesDuring(work: () => Promise<unknown>): Promise<number> {
    let n = 0;
    const hook = createHook({ init: (_id, type) => void (type === 'PROMISE' && (n += 1)) }).enable();
    try {
      await work();
    } finally {
      hook.disable();
    }
    return n;
  }

  it('a queue of statements costs the same per statement at 50 waiting as at 500 (no wake-up of every waiter)', async () => {
    const db = sqliteKysely(env.db);
    const burst = (n: number) => () => Promise.all(Array.from({ length: n }, (_, i) => db.selectFrom('people').select('id').where('id', '=', `U${i}`).execute()));
    await burst(50)(); // warm: compiled and prepared
    const small = (await promisesDuring(burst(50))) / 50;
    const large = (await promisesDuring(burst(500))) / 500;
    // With every waiter woken on each release, the large queue cost ~10 times the small one per statement.
    expect(large).toBeLessThan(small * 1.5);
  });

  it('a unit of work waiting for the connection runs whole, after the statements queued before it', async () => {
    const db = sqliteKysely(env.db);
    const seen: string[] = [];
    const before = Array.from({ length: 20 }, (_, i) => db.selectFrom('people').select('id').execute().then(() => seen.push(`read ${i}`)));
    const unit = atomic(db, async (trx) => {
      seen.push('unit begins');
      await trx.selectFrom('people').select('id').execute();
      seen.push('unit ends');
    });
    const after = db.selectFrom('people').select('id').execute().then(() => seen.push('read after'));
    await Promise.all([...before, unit, after]);
    expect(seen).toEqual([...Array.from({ length: 20 }, (_, i) => `read ${i}`), 'unit begins', 'unit ends', 'read after']);
  });
});
