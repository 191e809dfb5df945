import { sql, type Kysely } from 'kysely';
import { createPostgresPool, POOLER_HINT, postgresKysely } from '../../src/storage/postgres';
import { createOneOnOneRepository } from '../../src/storage/one-on-one-repository';
import { prepFactsQuery } from '../../src/storage/one-on-one-queries';
import { createHomeReadModel } from '../../src/storage/home-read-model';
import { circleParams, circleQueries } from '../../src/storage/home-circle';
import { composeServices } from '../../src/compose';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { loadContent } from '../../src/content/loader';
import { projectRoot } from '../../src/project-root';
import { TEST_DATA_KEY } from '../helpers/data-key';
import { createSeenRequests } from '../../src/storage/seen-requests';
import { createWorkspaceRepository } from '../../src/storage/workspace-repository';
import type { Database } from '../../src/storage/tables';
import { freshPostgres, type TestPostgres } from '../helpers/postgres';
import { testSealer } from '../helpers/data-key';
import path from 'node:path';
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
    // Named so that it is planned once: past the five custom plans the server keeps the generic one (planning it
    // costs more than running it). Were the generic plan judged costlier, every card would be planned again.
    const plans = (await sql<{ generic_plans: string; custom_plans: string }>`SELECT generic_plans, custom_plans FROM pg_prepared_statements`.execute(named)).rows[0]!;
    expect({ generic: Number(plans.generic_plans), custom: Number(plans.custom_plans) }).toEqual({ generic: 2, custom: 5 });

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

  it('the statements every prep card and App Home open send are named, and survive columns added under them', async () => {
    const named = open(true);
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'namedsigningsecret0123456789', LEADWELL_SECRET: 'test-leadwell-secret-0123456789abcdef',
      LEADWELL_DATA_KEY: TEST_DATA_KEY, DATABASE_PATH: ':memory:', PORT: '3000', LOG_LEVEL: 'error',
    });
    const deps = composeServices({
      config, logger: createLogger({ level: 'error' }), clock: { now: () => T }, store: named, library: loadContent({ baseDir: path.join(projectRoot(), 'prompts') }),
    }).deps;
    const stable = (card: Awaited<ReturnType<typeof deps.oneOnOnes.prep>>) => ({ manager: card.manager, report: card.report, openItems: card.openItems, recognition: card.recognition, cadence: card.cadence });
    const cards: Array<Awaited<ReturnType<typeof deps.oneOnOnes.prep>>> = [];
    for (let n = 0; n < 7; n += 1) cards.push(await deps.oneOnOnes.prep('UM', 'UA'));
    expect(cards.every((c) => JSON.stringify(stable(c)) === JSON.stringify(stable(cards[0]!)))).toBe(true);
    expect(cards[0]!.openItems).toHaveLength(1);
    expect(cards[0]!.guidance?.id).toBeDefined();
    const homes = [];
    for (let n = 0; n < 7; n += 1) homes.push(await deps.home.homeFor('UM', { opened: true }));
    // Every Slack request's replay memory and workspace check.
    const seen = createSeenRequests(named);
    const workspaces = createWorkspaceRepository(named);
    expect(await seen.firstSeen('req-1', T + DAY, T)).toBe(true);
    expect(await seen.firstSeen('req-1', T + DAY, T)).toBe(false);
    expect(await workspaces.status('TNAMED')).toBe('active');
    await workspaces.setStatus('TNAMED', 'revoked', T);
    expect(await workspaces.status('TNAMED')).toBe('revoked');
    const texts = (await preparedHere(named)).map((r) => r.statement);
    // The prep card's reads and writes, and App Home's circle: each prepared once on this one connection.
    // The card reads its two people in one statement and records itself (event, guidance picks, managing mark) in
    // another; App Home's weekly tip records its pick alone.
    for (const fragment of [/^select "people"\."id", .* from "people" where "id" in \(\$1, \$2\) order by "id"$/, /^with "prepared" as \(insert into "events" .*, "seen" as \(insert into "guidance_seen" .*update "people" set "managing_seen_at"/,
      /from "guidance_seen" as "g"/, /^insert into "guidance_seen"/, /^select "f"\.\*/, /^insert into "seen_requests"/, /^select "status" from "workspaces"/]) {
      expect(texts.filter((t) => fragment.test(t))).toHaveLength(1);
    }
    expect(new Set(texts).size).toBe(texts.length);

    for (const table of ['people', 'goals', 'goal_check_ins', 'one_on_ones', 'action_items', 'kudos', 'kudos_recipients', 'events', 'guidance_seen', 'settings', 'workspaces', 'seen_requests', 'goal_reminder_opt_outs', 'development_plans', 'plan_next_steps', 'plan_suggestions']) {
      await sql.raw(`ALTER TABLE ${table} ADD COLUMN added_later integer`).execute(pg.db);
    }
    expect(stable(await deps.oneOnOnes.prep('UM', 'UA'))).toEqual(stable(cards[0]!));
    expect(await deps.home.homeFor('UM', { opened: true })).toEqual(homes[6]);
    expect(await seen.firstSeen('req-1', T + DAY, T)).toBe(false);
    expect(await seen.firstSeen('req-2', T + DAY, T)).toBe(true);
    expect(await workspaces.status('TNAMED')).toBe('revoked');
    expect((await preparedHere(named)).length).toBe(texts.length);
  });

  it('says which setting to change when the server no longer holds a named statement, as behind a pooler that does not keep them', async () => {
    const named = open(true);
    const repo = createOneOnOneRepository(named, { sealer: testSealer() });
    await repo.prepFacts('UM', 'UA', FACTS);
    // What PgBouncer in transaction mode (before 1.21) does: the next run reaches a server session that never
    // prepared the statement. DEALLOCATE behind the client's back makes this connection that session.
    await sql`DEALLOCATE ALL`.execute(named);
    const failed = await repo.prepFacts('UM', 'UA', FACTS).then(() => undefined, (err: unknown) => err as Error & { code?: string });
    expect(failed?.code).toBe('26000');
    expect(failed?.message).toMatch(/^prepared statement "lw_[0-9a-f]{16}" does not exist \(a connection pooler/);
    expect(failed?.message).toContain(POOLER_HINT);
    expect(failed?.message).not.toMatch(/UM|UA|select/i); // the statement's values and text stay out of the message
  });
});
