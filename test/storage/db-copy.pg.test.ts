import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { runDbCopyCli } from '../../src/cli/db-copy';
import type { Db } from '../../src/storage/database';
import { migrate, MIGRATIONS_DIR } from '../../src/storage/migrate';
import { migratePostgres } from '../../src/storage/migrate-postgres';
import { createPostgresPool, postgresKysely } from '../../src/storage/postgres';
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { TABLES, type Database as Schema } from '../../src/storage/tables';
import { freshDb } from '../helpers/db';
import { freshPostgres, type TestPostgres } from '../helpers/postgres';
import { generateOrg, insertFixture, NOW } from '../reports/org-fixture';

/** The rest of the schema, so every table has rows (the report fixture covers people, 1:1s, kudos, nudges, events). */
function insertEverythingElse(db: Db): void {
  const run = (q: string, ...args: unknown[]) => db.prepare(q).run(...args);
  run(`INSERT INTO action_items (one_on_one_id, manager_id, report_id, owner_id, text, done_at, created_at)
       SELECT id, manager_id, report_id, report_id, 'Share the draft — ✓ “quoted”', CASE WHEN id % 2 = 0 THEN held_at END, held_at FROM one_on_ones WHERE id % 7 = 0`);
  run(`UPDATE people SET email = id || '@example.com', level_override = 'executive', level_source = 'admin', snoozed_until = ?, became_manager_at = ?, managing_seen_at = ?, welcome_seen_at = ?, welcome_dismissed_at = ? WHERE id = 'UEXEC0001'`, NOW + 1, NOW - 1, NOW - 2, NOW - 3, NOW - 4);
  run(`UPDATE one_on_ones SET situation = 'performance' WHERE id % 5 = 0`);
  run(`INSERT INTO guidance_seen (person_id, item_id, pool, seen_at) SELECT manager_id, 'item-' || id, 'frontline', held_at FROM one_on_ones WHERE id % 11 = 0`);
  run(`INSERT INTO slack_deliveries VALUES ('Ev01', ?), ('Ev02', ?)`, NOW, NOW);
  run(`INSERT INTO workspaces VALUES ('T0LEADWELL', 'active', ?)`, NOW);
  run(`INSERT INTO settings VALUES ('kudos_channel', 'C0KUDOS', ?)`, NOW);
  run(`INSERT INTO goals (id, owner_id, kind, visibility, title, why, due_on, status, progress, idempotency_key, created_at, updated_at)
       VALUES (5, 'UMID0001', 'team', 'team', 'Ship the 🚀 release', 'why', '2026-12-31', 'at-risk', 40, 'g5', ?, ?), (9, 'UIC00001', 'personal', 'private', 'Learn SQL', '', NULL, 'on-track', NULL, 'g9', ?, ?)`, NOW, NOW, NOW, NOW);
  run(`INSERT INTO goal_check_ins (goal_id, author_id, status, progress, note, idempotency_key, created_at) VALUES (5, 'UMID0001', 'at-risk', 40, 'slipping', 'c1', ?)`, NOW);
  run(`INSERT INTO development_plans (person_id, strengths, version, updated_by, created_at, updated_at) VALUES ('UIC00001', 'Listening', 3, 'UFL002000', ?, ?)`, NOW, NOW);
  run(`INSERT INTO plan_next_steps (person_id, position, text, target_on, status, created_at, updated_at) VALUES ('UIC00001', 1, 'Lead a retro', '2027-01-15', 'in-progress', ?, ?)`, NOW, NOW);
  run(`INSERT INTO plan_suggestions (person_id, author_id, text, idempotency_key, created_at) VALUES ('UIC00001', 'UFL002000', 'Pair with Ana', 's1', ?)`, NOW);
  run(`INSERT INTO goal_reminder_opt_outs VALUES ('UIC00002', ?)`, NOW);
  run(`INSERT INTO reporting_line_requests (id, person_id, from_manager_id, to_manager_id, requested_by, via, status, decided_by, created_at, expires_at, decided_at)
       VALUES ('rq1', 'UIC00003', 'UFL004000', 'UFL001000', 'UFL001000', 'app_home', 'pending', NULL, ?, ?, NULL),
              ('rq2', 'UIC00004', NULL, 'UFL001000', 'UIC00004', 'oneonone', 'confirmed', 'UFL001000', ?, ?, ?)`, NOW, NOW + 7, NOW, NOW + 7, NOW + 1);
  run(`INSERT INTO departures (person_id, left_at, manager_id, manager_chain, role, manager_level, source, regretted, marked_by, marked_at, rejoined_at, created_at)
       VALUES ('UIC00005', ?, 'UFL001000', '["UFL001000"]', 'individual', 'frontline', 'slack', 1, 'UFL001000', ?, NULL, ?)`, NOW - 5, NOW - 1, NOW - 5);
  run(`INSERT INTO seen_requests (request_key, expires_at) VALUES ('v0=abc123', ?)`, NOW + 360_000);
  run(`INSERT INTO outbox (kind, recipient, dedupe_key, status, reason, payload, group_key, waits, nudge_id, due_at, next_attempt_at, attempts, channel_id, message_ts, created_at, updated_at)
       VALUES ('kudos.post', '#kudos', 'kudos:1:post', 'sent', NULL, '{}', 'kudos:1', 0, NULL, ?, ?, 1, 'C0KUDOS', '1.000100', ?, ?),
              ('weekly', 'UMID0001', 'nudge:weekly:UMID0001:2026-W48', 'uncertain', 'interrupted', '{"period":"2026-W48"}', NULL, 0, (SELECT MIN(id) FROM nudges), ?, ?, 1, NULL, NULL, ?, ?)`, NOW, NOW, NOW, NOW, NOW, NOW, NOW, NOW);
  run(`INSERT INTO org_goals (slot, metric, target, deadline, baseline, set_by, set_at) VALUES (2, 'frontline-cadence', 80, '2027-03-31', 0.625, 'UFL001000', ?)`, NOW);
  for (let i = 0; i < 7; i += 1) {
    run(`INSERT INTO pulse_receipts VALUES (?, '2026-10', 1)`, `${i}`.repeat(64).slice(0, 64));
    run(`INSERT INTO pulse_responses VALUES (?, '2026-10', 'UMID0002', ?, ?)`, `r${(i * 7919) % 97}`, 1 + (i % 5), i % 2 ? '' : 'More focus time');
  }
  // 0015: the shared pending pool (opaque sealed answers) and the instances that held its key.
  run(`INSERT INTO pulse_pending VALUES ('p1', '2026-11', 'UMID0002', 'k1', 'c2VhbGVk')`);
  run(`INSERT INTO pulse_pool_members VALUES ('m1', 'cHVibGlj', 'k1', NULL, ?)`, NOW);
}

async function rowsOf(db: Kysely<Schema>, table: (typeof TABLES)[number]): Promise<unknown[]> {
  const order = sql.join(table.key.map((k) => sql.ref(k)));
  return (await sql`SELECT * FROM ${sql.table(table.name)} ORDER BY ${order}`.execute(db)).rows;
}

describe('npm run db:copy', () => {
  let source: ReturnType<typeof freshDb>;
  let pg: TestPostgres;
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
  // On PGlite the CLI is handed an in-process handle; on a real server it opens --to with its own pg pool.
  const copy = (...argv: string[]) =>
    runDbCopyCli(['--from', `sqlite:${source.file}`, '--to', pg.url ?? 'postgres://test@pglite/leadwell', ...argv], io, pg.url ? {} : { openTarget: () => pg.connect() });

  beforeAll(() => {
    source = freshDb();
    insertFixture(source.db, generateOrg());
    insertEverythingElse(source.db);
    // health_probes never holds a committed row (its probe rolls back); every other table has rows to copy.
    for (const t of TABLES.filter((x) => x.name !== 'health_probes')) expect({ table: t.name, empty: source.db.prepare(`SELECT COUNT(*) AS n FROM ${t.name}`).get() }).not.toEqual({ table: t.name, empty: { n: 0 } });
  });
  afterAll(() => source.cleanup());
  beforeEach(async () => {
    pg = await freshPostgres({ migrate: false });
    out.length = 0;
    err.length = 0;
  });
  afterEach(async () => pg.close());

  it('dry-runs by default: prints every table\'s count and writes nothing', async () => {
    expect(await copy()).toBe(0);
    expect(out.join('\n')).toMatch(/^Dry run: .* would copy:/);
    expect(out.join('\n')).toMatch(/^ {2}kudos_recipients +\d+$/m);
    expect(out.join('\n')).toContain('Nothing was written: run again with --apply');
    const { rows } = await sql<{ t: string | null }>`SELECT to_regclass('people')::text AS t`.execute(pg.db);
    expect(rows[0]?.t).toBeNull();
  });

  it('copies every table row by row with ids and timestamps, and new ids continue after the copied ones', async () => {
    expect(await copy('--apply')).toBe(0);
    expect(err).toEqual([]);
    expect(out.join('\n')).toContain("every table's row count matches the source");
    const from = sqliteKysely(source.db);
    for (const table of TABLES) {
      const expected = await rowsOf(from, table);
      expect({ table: table.name, rows: await rowsOf(pg.db, table) }).toEqual({ table: table.name, rows: expected });
    }
    const maxKudos = (source.db.prepare('SELECT MAX(id) AS m FROM kudos').get() as { m: number }).m;
    const added = await pg.db
      .insertInto('kudos')
      .values({ giver_id: 'UMID0001', value: 'Craft', message: 'new', idempotency_key: 'after-copy', created_at: NOW })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(added.id).toBe(maxKudos + 1);
  });

  it('refuses a target that already holds data, in a dry run and with --apply', async () => {
    await migratePostgres(pg.db);
    await pg.db.insertInto('settings').values({ key: 'x', value: 'y', updated_at: 1 }).execute();
    expect(await copy()).toBe(1);
    expect(await copy('--apply')).toBe(1);
    expect(err.at(-1)).toBe('--to: the target database already holds data (settings: 1 rows); db:copy only fills an empty database, so nothing was written');
    expect(await pg.db.selectFrom('people').select('id').execute()).toEqual([]);
  });

  it('writes nothing at all when the copy fails halfway', async () => {
    await migratePostgres(pg.db);
    await sql`CREATE FUNCTION refuse_goals() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$`.execute(pg.db);
    await sql`CREATE TRIGGER refuse_goals BEFORE INSERT ON goals FOR EACH ROW EXECUTE FUNCTION refuse_goals()`.execute(pg.db);
    expect(await copy('--apply')).toBe(1);
    expect(err.at(-1)).toMatch(/^db:copy failed, nothing was written to .*: disk full \(simulated\)$/);
    for (const table of TABLES) expect({ table: table.name, rows: await rowsOf(pg.db, table) }).toEqual({ table: table.name, rows: [] });
  });

  it('refuses a source whose schema is older than this Leadwell, without touching it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-copy-'));
    fs.mkdirSync(path.join(dir, 'migrations'));
    fs.copyFileSync(path.join(MIGRATIONS_DIR, '0001_core.sql'), path.join(dir, 'migrations', '0001_core.sql'));
    const old = new Database(path.join(dir, 'v1.db'));
    migrate(old, path.join(dir, 'migrations'));
    old.close();
    const code = await runDbCopyCli(['--from', `sqlite:${path.join(dir, 'v1.db')}`, '--to', 'postgres://u@h/db', '--apply'], io, { openTarget: () => pg.connect() });
    expect(code).toBe(1);
    expect(err.at(-1)).toMatch(/^--from: the SQLite database is at schema version 1, this Leadwell's is \d+; start this Leadwell once on it/);
    const after = new Database(path.join(dir, 'v1.db'), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(1);
    after.close();
  });

  it('takes strict flags and explains what is wrong', async () => {
    expect(await runDbCopyCli(['--form', 'sqlite:x.db'], io)).toBe(2);
    expect(err.at(-1)).toMatch(/^Unknown option '--form'/);
    expect(await runDbCopyCli(['--from', 'sqlite:x.db'], io)).toBe(2);
    expect(err.at(-1)).toMatch(/^--to: expected a PostgreSQL URL/);
    expect(await runDbCopyCli(['--from', 'x.db', '--to', 'postgres://u@h/db'], io)).toBe(2);
    expect(err.at(-1)).toMatch(/^--from: expected sqlite:<path/);
    expect(await runDbCopyCli(['--from', 'sqlite:/nonexistent/leadwell.db', '--to', 'postgres://u:pw-secret@127.0.0.1:1/db'], io)).toBe(1);
    expect(err.at(-1)).toMatch(/^--from: cannot open the SQLite database "\/nonexistent\/leadwell.db"/);
    expect(err.join('\n')).not.toContain('pw-secret');
  });

  it('says so, without the password, when PostgreSQL cannot be reached', async () => {
    const io2 = { out: () => undefined, err: (t: string) => err.push(t) };
    const unreachable = 'postgres://u:pw-secret@127.0.0.1:1/leadwell';
    expect(await runDbCopyCli(['--from', `sqlite:${source.file}`, '--to', unreachable], io2, { openTarget: (url) => postgresKysely(createPostgresPool(url)) })).toBe(1);
    expect(err.at(-1)).toMatch(/^db:copy failed, nothing was written to postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/leadwell: .*ECONNREFUSED/);
  });
});
