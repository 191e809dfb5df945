import { sql } from 'kysely';
import { SESSION_SETUP } from '../../src/storage/postgres';
import { freshPostgres, type TestPostgres } from '../helpers/postgres';

/**
 * Each pooled connection turns JIT off (issue #20: compiling the dashboard's statements cost more than running
 * them), unless the operator set it for Leadwell's role or database, which is how they opt out. The pool's own
 * connections need a real server (`bash scripts/with-postgres.sh npm run test:pg`); the statement runs on PGlite too.
 */
const onServer = process.env.TEST_DATABASE_URL ? it : it.skip;
const jitOf = async (pg: TestPostgres, db = pg.db) => (await sql<{ jit: string }>`SELECT current_setting('jit') AS jit`.execute(db)).rows[0]?.jit;

describe('PostgreSQL session setup', () => {
  let pg: TestPostgres;
  beforeEach(async () => {
    pg = await freshPostgres({ migrate: false });
  });
  afterEach(async () => {
    await pg.close();
  });

  it('turns JIT off where the server default stands, and leaves a value someone chose alone', async () => {
    await sql`RESET jit`.execute(pg.db);
    await sql.raw(SESSION_SETUP).execute(pg.db);
    expect(await jitOf(pg)).toBe('off');
    await sql`SET jit = on`.execute(pg.db);
    await sql.raw(SESSION_SETUP).execute(pg.db);
    expect(await jitOf(pg)).toBe('on');
  });

  onServer('every pooled connection starts with JIT off', async () => {
    const dbs = [pg.connect(), pg.connect()];
    // Several connections at once: each is set up before it answers anything.
    const seen = await Promise.all(dbs.flatMap((db) => [1, 2, 3].map(() => jitOf(pg, db))));
    expect(seen).toEqual(new Array(6).fill('off'));
  });

  onServer('an operator keeps JIT with ALTER DATABASE (or ALTER ROLE) … SET jit = on', async () => {
    const name = new URL(pg.url!).pathname.slice(1);
    await sql.raw(`ALTER DATABASE "${name}" SET jit = on`).execute(pg.db);
    expect(await jitOf(pg, pg.connect())).toBe('on');
  });
});
