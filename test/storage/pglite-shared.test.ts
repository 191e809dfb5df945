import { sql } from 'kysely';
import { Pglite } from '../helpers/pglite';

/**
 * The PGlite a jest worker keeps across its test files (Pglite.shared, used by test/helpers/postgres.ts): one
 * PostgreSQL per process, a handle per file, and nothing a file leaves behind on the connection reaches the next.
 */
describe('the shared test PGlite', () => {
  it('is one PostgreSQL for every handle in the process, and closing a handle leaves it running', async () => {
    const first = await Pglite.shared();
    const second = await Pglite.shared();
    const pid = async (pg: Pglite) => (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(pg.kysely('public'))).rows[0]?.pid;
    await first.run('CREATE TABLE IF NOT EXISTS shared_probe (a int)');
    expect(await pid(second)).toBe(await pid(first));
    const seen = await sql<{ t: string | null }>`SELECT to_regclass('public.shared_probe')::text AS t`.execute(second.kysely('public'));
    expect(seen.rows[0]?.t).toBe('shared_probe');
    await first.close();
    await expect(first.run('SELECT 1')).rejects.toThrow(/PGlite is closed/);
    await second.run('DROP TABLE shared_probe');
    await second.close();
  });

  it('a new handle ends what the last file left open: its transaction, its session settings', async () => {
    const careless = await Pglite.shared();
    // A file that stopped mid-transaction with the connection still checked out (a test that timed out, say).
    const client = await careless.pool('public').connect();
    await client.query("SET work_mem = '77kB'", []);
    await client.query('BEGIN', []);
    await client.query('CREATE TABLE left_half_done (a int)', []);
    const next = await Pglite.shared();
    const db = next.kysely('public');
    const table = await sql<{ t: string | null }>`SELECT to_regclass('public.left_half_done')::text AS t`.execute(db);
    expect(table.rows[0]?.t).toBeNull();
    const workMem = await sql<{ v: string }>`SELECT current_setting('work_mem') AS v`.execute(db);
    expect(workMem.rows[0]?.v).not.toBe('77kB');
    expect(workMem.rows[0]?.v).toMatch(/^\d+[kMG]B$/);
    await db.destroy();
    await next.close();
    await careless.close();
  });
});
