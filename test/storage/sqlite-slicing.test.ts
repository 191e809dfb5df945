import { atomic } from '../../src/storage/atomic';
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';

/**
 * better-sqlite3 answers at once, so without slicing a request's run of statements holds the thread until it ends
 * and an ack that arrives meanwhile waits for all of it. With slicing, a run that has held the thread for a
 * millisecond lets waiting work in before its next statement; a unit of work (a transaction, holding the write
 * lock) is never cut.
 */
let env: ReturnType<typeof freshDb>;
beforeEach(() => {
  env = freshDb();
});
afterEach(() => env.cleanup());

const RUN = 3000; // statements: far more than a millisecond of work on any machine

describe('SQLite statements sliced into turns of the event loop', () => {
  it('a long run of statements lets a request waiting for its turn in before the run ends', async () => {
    const db = sqliteKysely(env.db);
    let done = false;
    let waitedForAll: boolean | undefined;
    const run = (async () => {
      for (let i = 0; i < RUN; i += 1) await db.selectFrom('people').select('id').where('id', '=', `U${i}`).execute();
      done = true;
    })();
    setImmediate(() => (waitedForAll = done)); // what an incoming request's callback is to the event loop
    await run;
    expect(waitedForAll).toBe(false);
  });

  it('never cuts a unit of work: inside it the statements run in one go, holding the write lock briefly', async () => {
    const db = sqliteKysely(env.db);
    let turned = false;
    let turnedInside: boolean | undefined;
    await atomic(db, async (trx) => {
      await trx.selectFrom('people').select('id').execute();
      setImmediate(() => (turned = true)); // fires at the first turn the unit of work gives away
      for (let i = 0; i < RUN; i += 1) await trx.selectFrom('people').select('id').where('id', '=', `U${i}`).execute();
      turnedInside = turned;
    });
    expect(turnedInside).toBe(false);
  });
});
