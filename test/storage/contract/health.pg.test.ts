import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDatabaseHealth } from '../../../src/storage/health';
import { openDatabase } from '../../../src/storage/database';
import { sqliteKysely } from '../../../src/storage/sqlite-kysely';
import { describeEachEngine } from '../../helpers/engines';

/** /healthz's storage probe on each engine; the SQLite faults are made for real on the connection. */
describeEachEngine('database health', (ctx) => {
  it('is ok on a sound, writable, up-to-date database', async () => {
    expect(await createDatabaseHealth(ctx.db, { file: ':memory:' })()).toEqual({ ok: true });
  });

  if (ctx.engine === 'postgres') {
    it('PostgreSQL: a schema at another migration version than the code is not healthy, in plain words', async () => {
      const { rows } = await sql<{ v: number }>`SELECT MAX(version) AS v FROM schema_migrations`.execute(ctx.db);
      const version = Number(rows[0]?.v);
      expect(await createDatabaseHealth(ctx.db, { expectedVersion: version + 1 })()).toEqual({
        ok: false, reason: `database schema is at version ${version}, older than this Leadwell's ${version + 1}: restart an instance to migrate it`,
      });
      expect((await createDatabaseHealth(ctx.db, { expectedVersion: version - 1 })()).reason).toMatch(/newer than this Leadwell's/);
    });

    it('PostgreSQL: a probe whose statement fails answers with the reason, it does not throw', async () => {
      const health = createDatabaseHealth(ctx.db);
      await sql`ALTER TABLE schema_migrations RENAME TO schema_migrations_gone`.execute(ctx.db);
      expect(await health()).toEqual({ ok: false, reason: expect.stringMatching(/^database schema version check failed: .*schema_migrations/) });
    });
    return;
  }

  it('SQLite: a read-only connection fails the write probe, then recovers; the probe never commits a row', async () => {
    await sql`PRAGMA query_only = ON`.execute(ctx.db);
    expect((await createDatabaseHealth(ctx.db)()).reason).toMatch(/^database write probe failed: .*readonly/);
    await sql`PRAGMA query_only = OFF`.execute(ctx.db);
    expect(await createDatabaseHealth(ctx.db)()).toEqual({ ok: true });
    expect(await ctx.db.selectFrom('health_probes').select('id').execute()).toEqual([]);
  });

  it('SQLite: a file that cannot grow fails with SQLite\'s own words, and the connection is usable afterwards', async () => {
    await sql`VACUUM`.execute(ctx.db); // no free page left for the probe's page to take (see test/storage/health.test.ts)
    const { rows } = await sql<{ page_count: number }>`PRAGMA page_count`.execute(ctx.db);
    await sql.raw(`PRAGMA max_page_count = ${rows[0]!.page_count}`).execute(ctx.db);
    expect((await createDatabaseHealth(ctx.db)()).reason).toContain('database or disk is full');
    await sql`PRAGMA max_page_count = 1073741823`.execute(ctx.db);
    expect(await createDatabaseHealth(ctx.db)()).toEqual({ ok: true });
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values({ key: 'k', value: 'v', updated_at: 1 }).execute();
    });
    expect(await ctx.db.selectFrom('settings').select('value').where('key', '=', 'k').execute()).toEqual([{ value: 'v' }]);
  });

  it('SQLite: fails before SQLite does when the disk is nearly full; a closed connection fails in words', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-health-'));
    const file = path.join(dir, 'leadwell.db');
    const raw = openDatabase(file);
    try {
      const db = sqliteKysely(raw);
      expect(await createDatabaseHealth(db, { file, minFreeBytes: 1 })()).toEqual({ ok: true });
      expect(await createDatabaseHealth(db, { file, minFreeBytes: Number.MAX_SAFE_INTEGER })()).toEqual({
        ok: false, reason: expect.stringMatching(/^disk nearly full: \d+ MB free where the database lives$/),
      });
      const health = createDatabaseHealth(db, { file, minFreeBytes: 1 });
      expect(await health()).toEqual({ ok: true });
      raw.close(); // every probe after this fails: the write probe first
      expect((await health()).reason).toMatch(/^database write probe failed: .*not open/);
    } finally {
      if (raw.open) raw.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('SQLite: a copy with a corrupted index page fails the integrity check in words; the original stays healthy', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-health-'));
    try {
      const original = path.join(dir, 'original.db');
      const seeded = openDatabase(original);
      const insert = seeded.prepare("INSERT INTO people (id, team_id, name, email, created_at, updated_at) VALUES (?, 'T0LEADWELL', ?, ?, 0, 0)");
      seeded.transaction(() => {
        for (let i = 0; i < 3000; i += 1) insert.run(`UP${String(i).padStart(6, '0')}`, `person ${i}`, `person${i}@example.com`);
      })();
      const { rootpage } = seeded.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'people_email'").get() as { rootpage: number };
      const pageSize = seeded.pragma('page_size', { simple: true }) as number;
      seeded.close();
      const copy = path.join(dir, 'copy.db');
      fs.copyFileSync(original, copy);
      const fd = fs.openSync(copy, 'r+');
      fs.writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, (rootpage - 1) * pageSize);
      fs.closeSync(fd);
      for (const [file, expected] of [[original, { ok: true }], [copy, { ok: false, reason: expect.stringMatching(/^database integrity check failed: /) }]] as const) {
        const raw = openDatabase(file);
        try {
          expect(await createDatabaseHealth(sqliteKysely(raw), { file })()).toEqual(expected);
        } finally {
          raw.close();
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
