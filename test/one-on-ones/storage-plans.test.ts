import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';
import { testSealer } from '../helpers/data-key';
import type { Db } from '../../src/storage/database';
import { createOneOnOneRepository } from '../../src/storage/one-on-one-repository';
import { createRecognitionReader } from '../../src/storage/recognition-reader';

/** Every SELECT the 1:1 storage prepares, captured from the real factories (not copies of their SQL). */
function preparedSelects(db: Db): string[] {
  const seen: string[] = [];
  const spy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'prepare') {
        return (sql: string) => {
          seen.push(sql);
          return target.prepare(sql);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  createOneOnOneRepository(sqliteKysely(spy), { sealer: testSealer() });
  createRecognitionReader(sqliteKysely(spy));
  return seen.filter((sql) => /^\s*SELECT/i.test(sql));
}

function planOf(db: Db, sql: string): string[] {
  const named = [...sql.matchAll(/@(\w+)/g)].map((m) => m[1] as string);
  const positional = (sql.match(/\?/g) ?? []).length;
  const stmt = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = named.length > 0 ? stmt.all(Object.fromEntries(named.map((n) => [n, 'x']))) : stmt.all(...Array(positional).fill('x'));
  return (rows as Array<{ detail: string }>).map((r) => r.detail);
}

describe('1:1 queries use indexes (the bench holds 200,000 1:1s)', () => {
  const { db, cleanup } = freshDb();
  afterAll(cleanup);
  const selects = preparedSelects(db);

  it('captures the repository queries', () => {
    expect(selects.length).toBeGreaterThanOrEqual(9);
  });

  it.each(selects.map((sql) => [sql.replace(/\s+/g, ' ').trim().slice(0, 90), sql]))('%s', (_label, sql) => {
    const plan = planOf(db, sql);
    // A bare "SCAN table" is a full scan; "SCAN ... USING INDEX" walks an index in order and is fine.
    expect(plan.filter((d) => /^SCAN \w+( AS \w+)?$/.test(d))).toEqual([]);
    expect(plan.some((d) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|USING PRIMARY KEY/.test(d))).toBe(true);
  });
});
