import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { opaque } from '../../src/storage/engine';
import { oneOnOneQueries } from '../../src/storage/one-on-one-queries';
import { recognitionQuery } from '../../src/storage/recognition-query';
import { guidanceSeenQueries } from '../../src/storage/guidance-seen-repository';
import { peopleQueries } from '../../src/storage/people-repository';
import { planWithStepsQuery } from '../../src/storage/development-plan-repository';
import { activeWithLatestQuery } from '../../src/storage/goal-repository';
import { circleParams, circleQueries } from '../../src/storage/home-circle';
import { seedOrg } from '../bench/prep-cards-seed';
import { freshDb } from '../helpers/db';
import { highestUntilAbove, runToPrepare } from '../helpers/planned-once';

/**
 * The prep card's and App Home's reads, run on every `/oneonone @person` and every App Home open, are planned once
 * on SQLite: their values are opaque and their constants literals (src/storage/engine.ts, opaque). Before, SQLite
 * 3.54 planned each of them again on every run (on the bench's org: the pair's figures 43 µs a run against a 36 µs
 * prepare; 693 → 443 µs of CPU a prep card in process). Each run is measured against a prepare of the same text on
 * the same connection, so a busy machine slows both sides alike. The line is 0.45: here the fixed reads measure
 * 0.02–0.28 (the recognition read does the most work per run: a join and a sort), the forms that re-plan 0.7–3.
 */
const LINE = 0.45;
let env: ReturnType<typeof freshDb>;
let pair: [string, string];
beforeAll(() => {
  env = freshDb();
  const org = seedOrg(env.db, { people: 300, oneOnOnes: 3000, kudos: 600, now: Date.now() });
  pair = org.pair(1);
});
afterAll(() => env.cleanup());

describe('prep card and App Home reads are planned once on SQLite', () => {
  const k = () => sqliteKysely(env.db);
  const one = () => oneOnOneQueries(k(), { managerId: pair[0], reportId: pair[1], limit: 10, ids: [1] });

  it.each([
    ['the manager and the report, read together', () => peopleQueries(k(), { id: pair[0] }).pair],
    ['a person', () => peopleQueries(k(), { id: pair[0] }).get],
    ["the pair's figures and the last prepared items", () => one().prepStats],
    ['the open items', () => one().openItems],
    ['the recognition received', () => recognitionQuery(k(), { personId: pair[1], from: 0, limit: 5 })],
    ['the guidance history', () => guidanceSeenQueries(k(), { personId: pair[0], pool: 'one-on-one/frontline' }).latest.limit(opaque(k(), 3))],
    ['the development plan', () => planWithStepsQuery(k(), pair[1])],
    ['the active goals with their latest check-in', () => activeWithLatestQuery(k(), [pair[1]])],
    ["App Home's context (counts, tip, plan, latest kudos)", () => circleQueries(k(), circleParams(pair[0], 0, 5)).context],
    ["App Home's goals of the circle", () => circleQueries(k(), circleParams(pair[0], 0, 5)).goals],
  ] as const)('%s', (_name, query) => {
    expect(runToPrepare(env.db, query())).toBeLessThan(LINE);
  });

  it('the measure tells the recognition read as it was written before (the person bound), which SQLite re-planned on every run', () => {
    const before = k().selectFrom('kudos_recipients as r').innerJoin('kudos as k', 'k.id', 'r.kudos_id').select(['k.giver_id', 'r.created_at'])
      .where('r.recipient_id', '=', pair[1]).where('r.created_at', '>=', 0).orderBy('r.created_at', 'desc').orderBy('r.kudos_id', 'desc').limit(5);
    // Measured until it clears the line, up to 15 times (helpers/planned-once.ts): under CI's load this form came
    // out at 0.41 and 0.42 timed one block after the other, then 0.44 as the best of three alternated measures (the
    // reads above stay at 0.02–0.28, so no number of tries lifts them over the line).
    expect(highestUntilAbove(() => runToPrepare(env.db, before), LINE)).toBeGreaterThan(LINE);
  });
});
