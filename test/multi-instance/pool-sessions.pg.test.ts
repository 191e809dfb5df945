import { sql } from 'kysely';
import { freshPostgres, type TestPostgres } from '../helpers/postgres';

/**
 * The session setup on the pool's own connections (JIT off unless the operator chose otherwise): needs a real
 * server, several connections at once, so it is collected only where TEST_DATABASE_URL names one
 * (`.ci/postgres-tests.sh`, or `bash scripts/with-postgres.sh npm run test:pg`). The statement itself is tested on
 * PGlite in test/storage/postgres-session.pg.test.ts.
 */
const jitOf = async (pg: TestPostgres, db = pg.db) => (await sql<{ jit: string }>`SELECT current_setting('jit') AS jit`.execute(db)).rows[0]?.jit;

describe('PostgreSQL session setup on pooled connections', () => {
  let pg: TestPostgres;
  beforeEach(async () => {
    pg = await freshPostgres({ migrate: false });
  });
  afterEach(async () => {
    await pg.close();
  });

  it('every pooled connection starts with JIT off', async () => {
    const dbs = [pg.connect(), pg.connect()];
    // Several connections at once: each is set up before it answers anything.
    const seen = await Promise.all(dbs.flatMap((db) => [1, 2, 3].map(() => jitOf(pg, db))));
    expect(seen).toEqual(new Array(6).fill('off'));
  });

  it('an operator keeps JIT with ALTER DATABASE (or ALTER ROLE) … SET jit = on', async () => {
    const name = new URL(pg.url!).pathname.slice(1);
    await sql.raw(`ALTER DATABASE "${name}" SET jit = on`).execute(pg.db);
    expect(await jitOf(pg, pg.connect())).toBe('on');
  });
});
