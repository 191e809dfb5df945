import type { Executor } from '../../../src/storage/engine';
import { preparedShared } from '../../../src/storage/prepared-named';
import { createUnitOfWork } from '../../../src/storage/unit-of-work';
import { ENGINES } from '../../helpers/engines';
import { twoInstances, type TwoInstances } from './seed-outbox-pulse';

/**
 * Statements of repositories made per unit of work are built and compiled once per database (per Kysely instance),
 * not once per transaction, and run with each call's values; the constants the builder binds itself stay bound.
 */
describe.each(ENGINES)('preparedShared [%s]', (engine) => {
  let two: TwoInstances;
  beforeEach(async () => {
    two = await twoInstances(engine);
    await two.a.insertInto('settings').values([{ key: 'a', value: '1', updated_at: 5 }, { key: 'b', value: '2', updated_at: 5 }, { key: 'c', value: '3', updated_at: 9 }]).execute();
  });
  afterEach(() => two.close());

  let builds = 0;
  // Module-level in real use (its identity is the key); `p` is a stand-in at build time, read field by field.
  const SINCE = (db: Executor, p: { at: number; skip: string }) => {
    builds += 1;
    return db.selectFrom('settings').select(['key', 'value']).where('updated_at', '>=', p.at).where('key', '<>', p.skip).where('value', '<>', 'none').orderBy('key').limit(2);
  };

  it('builds once per database whatever the number of transactions, and answers each call with its own values', async () => {
    builds = 0;
    const uow = createUnitOfWork(two.a, (trx) => ({ since: preparedShared(trx, SINCE) }));
    const answers = [];
    for (const [at, skip] of [[0, 'a'], [6, 'x'], [0, 'x']] as const) answers.push((await uow.run(({ since }) => since({ at, skip }))).rows);
    expect(answers).toEqual([
      [{ key: 'b', value: '2' }, { key: 'c', value: '3' }],
      [{ key: 'c', value: '3' }],
      [{ key: 'a', value: '1' }, { key: 'b', value: '2' }], // LIMIT 2, bound by the builder, kept
    ]);
    expect((await preparedShared(two.a, SINCE)({ at: 9, skip: 'x' })).rows).toEqual([{ key: 'c', value: '3' }]);
    expect(builds).toBe(1);
    // Another instance (another Kysely, as another app would hold) builds its own.
    expect((await preparedShared(two.b, SINCE)({ at: 0, skip: 'c' })).rows).toEqual([{ key: 'a', value: '1' }, { key: 'b', value: '2' }]);
    expect(builds).toBe(2);
  });
});
