import { sql, type Kysely } from 'kysely';
import { createPostgresPool, postgresKysely } from '../../src/storage/postgres';
import { createOneOnOneRepository } from '../../src/storage/one-on-one-repository';
import { prepFactsQuery } from '../../src/storage/one-on-one-queries';
import { createHomeReadModel } from '../../src/storage/home-read-model';
import { circleParams, circleQueries } from '../../src/storage/home-circle';
import type { Database } from '../../src/storage/tables';
import { freshPostgres, type TestPostgres } from '../helpers/postgres';
import { testSealer } from '../helpers/data-key';
import { actionItem, kudos, oneOnOne, person } from '../storage/contract/seed';

/**
 * Named prepared statements (engine.ts serverSideName) on a real server: pooled sessions are what they are about,
 * so this is collected only where TEST_DATABASE_URL names one (.ci/postgres-tests.sh).
 */
const T = 1_800_000_000_000;
const DAY = 86_400_000;
const FACTS = { since: T - 30 * DAY, openItems: 11, recognition: 5 };

/** One connection, so pg_prepared_statements shows the session the statements ran on. */
const single = (url: string, serverSide: boolean) => postgresKysely(createPostgresPool(url, { maxConnections: 1 }), { serverSide });
const preparedHere = async (db: Kysely<Database>) =>
  (await sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements ORDER BY name`.execute(db)).rows;

describe('named prepared statements on a real server', () => {
  let pg: TestPostgres;
  const opened: Array<Kysely<Database>> = [];
  beforeEach(async () => {
    pg = await freshPostgres();
    await person(pg.db, 'UM', T);
    await person(pg.db, 'UA', T, { manager: 'UM' });
    const held = await oneOnOne(pg.db, 'UM', 'UA', '2027-01-10', T - 10 * DAY);
    await actionItem(pg.db, held, 'UM', 'UA', T - 10 * DAY);
    await kudos(pg.db, 'UM', ['UA'], T - DAY, 'Calm release');
  });
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.destroy();
    await pg.close();
  });
  const open = (serverSide: boolean) => {
    const db = single(pg.url!, serverSide);
    opened.push(db);
    return db;
  };

  it('prepares the prep card facts once per connection under its name, and only that; off sends it unnamed', async () => {
    const named = open(true);
    const repo = createOneOnOneRepository(named, { sealer: testSealer() });
    const answers: Array<Awaited<ReturnType<typeof repo.prepFacts>>> = [];
    for (let n = 0; n < 7; n += 1) answers.push(await repo.prepFacts('UM', 'UA', FACTS)); // past the five custom plans
    expect(answers.every((a) => JSON.stringify(a.openItems) === JSON.stringify(answers[0]!.openItems))).toBe(true);
    expect(answers[0]!.openItems).toHaveLength(1);
    expect(answers[0]!.recognition.map((r) => r.message)).toEqual(['Calm release']);
    const text = prepFactsQuery(named, { managerId: '', reportId: '', since: 0, openLimit: 0, recognitionLimit: 0 }).compile().sql;
    const statements = await preparedHere(named);
    expect(statements).toHaveLength(1);
    expect(statements[0]!.name).toMatch(/^lw_[0-9a-f]{16}$/);
    expect(statements[0]!.statement).toBe(text);

    const plain = open(false);
    const same = await createOneOnOneRepository(plain, { sealer: testSealer() }).prepFacts('UM', 'UA', FACTS);
    expect(same).toEqual(answers[0]);
    expect(await preparedHere(plain)).toEqual([]);
  });

  it('keeps working on a connection that prepared it when another instance migrates columns onto the tables it reads', async () => {
    const named = open(true);
    const repo = createOneOnOneRepository(named, { sealer: testSealer() });
    const before = await repo.prepFacts('UM', 'UA', FACTS);
    expect(await preparedHere(named)).toHaveLength(1);
    // What a newer instance's migration could do while this one runs: columns on every table the statement reads.
    for (const table of ['people', 'goals', 'goal_check_ins', 'action_items', 'one_on_ones', 'kudos', 'kudos_recipients', 'events', 'development_plans', 'plan_suggestions']) {
      await sql.raw(`ALTER TABLE ${table} ADD COLUMN added_later integer`).execute(pg.db);
    }
    expect(await repo.prepFacts('UM', 'UA', FACTS)).toEqual(before);
    expect(await preparedHere(named)).toHaveLength(1);
  });

  it("prepares App Home's three circle statements once per connection, and they survive columns added under them", async () => {
    const named = open(true);
    const home = createHomeReadModel(named);
    const viewers = ['UM', 'UA', 'UM', 'UA', 'UM', 'UA', 'UM']; // past the five custom plans, for either viewer
    const answers = [];
    for (const v of viewers) answers.push(await home.circle(v, T - 30 * DAY, 5));
    expect(answers[0]!.reports.map((r) => r.person.id)).toEqual(['UA']);
    expect(answers[1]!.manager?.id).toBe('UM');
    expect(answers[1]!.latest.lines.map((l) => l.message)).toEqual(['Calm release']);
    expect(answers[1]!.latest.givers.get('UM')?.id).toBe('UM');
    const texts = Object.values(circleQueries(named, circleParams('', 0, 0))).map((q) => q.compile().sql).sort();
    const statements = await preparedHere(named);
    expect(statements.map((s) => s.statement).sort()).toEqual(texts);

    const plain = open(false);
    expect(await createHomeReadModel(plain).circle('UA', T - 30 * DAY, 5)).toEqual(answers[1]);
    expect(await preparedHere(plain)).toEqual([]);

    for (const table of ['people', 'goals', 'goal_check_ins', 'one_on_ones', 'action_items', 'kudos', 'kudos_recipients', 'settings', 'goal_reminder_opt_outs', 'development_plans', 'plan_next_steps', 'plan_suggestions']) {
      await sql.raw(`ALTER TABLE ${table} ADD COLUMN added_later integer`).execute(pg.db);
    }
    expect(await home.circle('UA', T - 30 * DAY, 5)).toEqual(answers[1]);
    expect(await home.circle('UM', T - 30 * DAY, 5)).toEqual(answers[0]);
    expect(await preparedHere(named)).toHaveLength(3);
  });
});
