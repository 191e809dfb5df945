import { Pglite } from '../helpers/pglite';

/**
 * The hang situations-e2e had on PostgreSQL: the file's PGlite was closed by the helper's afterAll before the suite's
 * own afterAll stopped its harness (before test/helpers/postgres.ts counted open databases), and the harness's
 * DROP SCHEMA was posted to a terminated worker, so its answer never came and afterAll hung past its timeout. A
 * query on a closed PGlite now fails at once with a reason, so any such ordering mistake is an error, not a hang.
 */
it('a query after PGlite is closed fails at once, naming why', async () => {
  const pg = await Pglite.start();
  await pg.run('SELECT 1');
  await pg.close();
  await expect(pg.run('DROP SCHEMA IF EXISTS "gone" CASCADE')).rejects.toThrow(/PGlite is closed/);
  await pg.close(); // closing twice is harmless
});
