import { sql, type Kysely } from 'kysely';
import { constraintViolation } from '../../src/storage/constraint-error';
import { TABLES, type Database } from '../../src/storage/tables';
import { MAX_COMMENT } from '../../src/domain/pulse';
import { sealedLengthFor } from '../../src/storage/pulse-comment-crypto';
import { describeEachEngine, freshEngine, type EngineName, type TestEngine } from '../helpers/engines';

const T = 1_800_000_000_123; // epoch ms past 2^32: BIGINT on PostgreSQL, must come back as the same number

async function violation(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (err) {
    return constraintViolation(err) ?? `unexpected: ${(err as Error).message}`;
  }
}

async function seedPeople(db: Kysely<Database>): Promise<void> {
  await db.insertInto('people').values({ id: 'UMGR', created_at: T, updated_at: T }).execute();
  await db.insertInto('people').values({ id: 'UREP', manager_id: 'UMGR', created_at: T, updated_at: T }).execute();
}

async function indexNames(engine: TestEngine): Promise<string[]> {
  const rows =
    engine.engine === 'sqlite'
      ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`.execute(engine.db)).rows
      : (await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()
          AND indexname NOT LIKE '%\_pkey' AND indexname NOT LIKE '%\_key'`.execute(engine.db)).rows;
  return rows.map((r) => r.name).sort();
}

/** This database's own tables (PGlite keeps other tests' databases as other schemas beside it). */
async function tablesOf(engine: TestEngine) {
  const tables = await engine.db.introspection.getTables();
  if (engine.engine === 'sqlite') return tables;
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(engine.db);
  return tables.filter((t) => t.schema === rows[0]?.schema);
}

describe('schema parity between the engines', () => {
  const engines: Partial<Record<EngineName, TestEngine>> = {};
  beforeAll(async () => {
    engines.sqlite = await freshEngine('sqlite');
    engines.postgres = await freshEngine('postgres');
  });
  afterAll(async () => {
    await engines.sqlite?.close();
    await engines.postgres?.close();
  });

  it('has the same tables on both, and TABLES (db:copy order) lists every one of them', async () => {
    for (const engine of [engines.sqlite!, engines.postgres!]) {
      const tables = (await tablesOf(engine)).map((t) => t.name).filter((n) => n !== 'schema_migrations');
      expect(tables.sort()).toEqual(TABLES.map((t) => t.name).sort());
    }
  });

  it('has the same columns, nullability and defaults on both', async () => {
    const describe = async (engine: TestEngine) =>
      (await tablesOf(engine))
        .filter((t) => t.name !== 'schema_migrations') // each runner's own bookkeeping
        // SQLite reports INTEGER PRIMARY KEY (the rowid, never null) as nullable; it is PostgreSQL's identity.
        .flatMap((t) => t.columns.map((c) => `${t.name}.${c.name} ${c.isNullable && !c.isAutoIncrementing ? 'null' : 'not-null'} ${c.hasDefaultValue || c.isAutoIncrementing ? 'default' : ''}`))
        .sort();
    const sqliteColumns = await describe(engines.sqlite!);
    expect(sqliteColumns.length).toBeGreaterThan(140);
    expect(await describe(engines.postgres!)).toEqual(sqliteColumns);
  });

  it('stores times and row ids as BIGINT on PostgreSQL (an INTEGER would overflow epoch ms in 1970 + 25 days)', async () => {
    const wide = /^(id|.*_id|.*_at|.*_until)$/;
    const narrow = (await tablesOf(engines.postgres!)).flatMap((t) =>
      t.columns.filter((c) => wide.test(c.name) && c.dataType !== 'int8' && c.dataType !== 'text').map((c) => `${t.name}.${c.name} ${c.dataType}`),
    );
    expect(narrow).toEqual([]);
  });

  it('has the same named indexes on both', async () => {
    const sqliteIndexes = await indexNames(engines.sqlite!);
    expect(sqliteIndexes).toContain('nudges_kind_due');
    expect(await indexNames(engines.postgres!)).toEqual(sqliteIndexes);
  });
});

describeEachEngine('schema behaviour', (ctx) => {
  it('hands back epoch milliseconds and counts as plain numbers', async () => {
    await seedPeople(ctx.db);
    const row = await ctx.db.selectFrom('people').select(['created_at', 'snoozed_until']).where('id', '=', 'UMGR').executeTakeFirstOrThrow();
    expect(row).toEqual({ created_at: T, snoozed_until: null });
    const { rows } = await sql<{ n: number; total: number }>`SELECT COUNT(*) AS n, SUM(created_at) AS total FROM people`.execute(ctx.db);
    expect(rows[0]).toEqual({ n: 2, total: 2 * T });
  });

  it('numbers new rows 1, 2, … and honours an explicit id', async () => {
    await seedPeople(ctx.db);
    const add = (key: string, id?: number) =>
      ctx.db.insertInto('events').values({ ...(id ? { id } : {}), at: T, kind: key, actor_id: 'UMGR' }).returning('id').executeTakeFirstOrThrow();
    expect(await add('a')).toEqual({ id: 1 });
    expect(await add('b')).toEqual({ id: 2 });
    expect(await add('c', 40)).toEqual({ id: 40 });
  });

  it('keeps one nudge per person, kind and period; ON CONFLICT DO NOTHING skips the second', async () => {
    await seedPeople(ctx.db);
    const nudge = { person_id: 'UMGR', kind: 'weekly', period: '2026-W48', due_at: T, next_attempt_at: T, created_at: T, updated_at: T };
    await ctx.db.insertInto('nudges').values(nudge).execute();
    expect(await violation(ctx.db.insertInto('nudges').values(nudge).execute())).toBe('unique');
    const skipped = await ctx.db.insertInto('nudges').values(nudge).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    expect(Number(skipped.numInsertedOrUpdatedRows ?? 0)).toBe(0);
    expect(await ctx.db.selectFrom('nudges').select('id').execute()).toHaveLength(1);
  });

  it('rejects the same bad values with CHECK constraints', async () => {
    await seedPeople(ctx.db);
    const person = (extra: object) => ctx.db.insertInto('people').values({ id: `U${Math.random()}`, created_at: T, updated_at: T, ...extra }).execute();
    expect(await violation(person({ cadence_days: 0 }))).toBe('check');
    expect(await violation(person({ nudge_hour: 24 }))).toBe('check');
    expect(await violation(person({ level_override: 'ceo' as 'executive' }))).toBe('check');
    expect(await violation(ctx.db.updateTable('people').set({ manager_id: 'UREP' }).where('id', '=', 'UREP').execute())).toBe('check');
    const goal = (title: string, key: string) =>
      ctx.db.insertInto('goals').values({ owner_id: 'UMGR', kind: 'personal', visibility: 'private', title, idempotency_key: key, created_at: T, updated_at: T }).execute();
    expect(await violation(goal('', 'g0'))).toBe('check');
    // length() counts characters, not bytes, on both engines: 150 emoji fit, 151 do not.
    expect(await violation(goal('🙂'.repeat(150), 'g1'))).toBeUndefined();
    expect(await violation(goal('🙂'.repeat(151), 'g2'))).toBe('check');
    const pulse = { id: 'r1', period: '2026-11', manager_id: 'UMGR', rating: 6 };
    expect(await violation(ctx.db.insertInto('pulse_responses').values(pulse).execute())).toBe('check');
    expect(await violation(ctx.db.insertInto('pulse_responses').values({ ...pulse, rating: 5 }).execute())).toBeUndefined();
    // Comments are stored sealed (migration 0013): the longest sealed 1000-character comment fits, one more does not.
    const sealed = 'x'.repeat(sealedLengthFor(MAX_COMMENT));
    expect(await violation(ctx.db.insertInto('pulse_responses').values({ ...pulse, id: 'r2', rating: 5, comment: sealed }).execute())).toBeUndefined();
    expect(await violation(ctx.db.insertInto('pulse_responses').values({ ...pulse, id: 'r3', rating: 5, comment: `${sealed}x` }).execute())).toBe('check');
  });

  it('enforces foreign keys, NOT NULL and cascades the same way', async () => {
    await seedPeople(ctx.db);
    const meeting = { manager_id: 'UMGR', report_id: 'UREP', held_on: '2026-11-30', held_at: T, idempotency_key: 'k1', created_at: T };
    expect(await violation(ctx.db.insertInto('one_on_ones').values({ ...meeting, report_id: 'UNOBODY' }).execute())).toBe('foreign_key');
    expect(await violation(ctx.db.insertInto('one_on_ones').values({ ...meeting, held_on: null as unknown as string }).execute())).toBe('not_null');
    const { id } = await ctx.db.insertInto('one_on_ones').values(meeting).returning('id').executeTakeFirstOrThrow();
    await ctx.db.insertInto('action_items').values({ one_on_one_id: id, manager_id: 'UMGR', report_id: 'UREP', owner_id: 'UREP', text: 'Draft the plan', created_at: T }).execute();
    await ctx.db.deleteFrom('one_on_ones').where('id', '=', id).execute();
    expect(await ctx.db.selectFrom('action_items').select('id').execute()).toEqual([]);
    await ctx.db.deleteFrom('people').where('id', '=', 'UMGR').execute();
    expect(await ctx.db.selectFrom('people').select(['id', 'manager_id']).execute()).toEqual([{ id: 'UREP', manager_id: null }]);
  });

  it('rolls a failed transaction back as a whole', async () => {
    await seedPeople(ctx.db);
    const attempt = ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values({ key: 'a', value: '1', updated_at: T }).execute();
      await trx.insertInto('settings').values({ key: 'a', value: '2', updated_at: T }).execute();
    });
    expect(await violation(attempt)).toBe('unique');
    expect(await ctx.db.selectFrom('settings').selectAll().execute()).toEqual([]);
  });
});
