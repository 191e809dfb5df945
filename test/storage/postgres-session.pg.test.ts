import { sql } from 'kysely';
import { SESSION_SETUP } from '../../src/storage/postgres';
import { freshPostgres, type TestPostgres } from '../helpers/postgres';

/**
 * Each pooled connection turns JIT off (issue #20: compiling the dashboard's statements cost more than running
 * them), unless the operator set it for Leadwell's role or database, which is how they opt out. The statement runs
 * on PGlite here; the pool's own connections need a real server: test/multi-instance/pool-sessions.pg.test.ts.
 */
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
});
