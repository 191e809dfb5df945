import type { Compilable, QueryResult } from 'kysely';
import { prepared, type Executor } from './engine';

const SLOT = Symbol('slot');

/**
 * `prepared()` with named values: the query is built once from a stand-in whose every field is a marker, and each
 * bound position is mapped back to the field it came from. Constants the builder binds itself (`deleted = 0`,
 * `LIMIT 1`, a kind name) keep their value, so a caller passes `{ managerId, limit }` and never counts positions.
 * Only for fixed-shape statements: an `IN` list must be built per call. `serverSide`: see serverSideName.
 */
export function preparedNamed<P extends object, R>(db: Executor, build: (p: P) => Compilable<R>, o: { serverSide?: boolean } = {}): (values: P) => Promise<QueryResult<R>> {
  // Built on first use: repositories are made per unit of work (per transaction), and most use few of their statements.
  let run: ((values: P) => Promise<QueryResult<R>>) | undefined;
  const make = () => {
    const stand = new Proxy({}, { get: (_target, key) => ({ [SLOT]: key }) }) as P;
    const template = build(stand);
    const slots = template.compile().parameters.map((v): { key: keyof P } | { value: unknown } =>
      typeof v === 'object' && v !== null && SLOT in v ? { key: (v as { [SLOT]: keyof P })[SLOT] } : { value: v });
    const statement = prepared(db, template, o);
    // Runs on every hot statement: plain arrays and a loop, not a map over objects checked with `in`.
    const keys = slots.map((s) => ('key' in s ? s.key : undefined));
    const constants = slots.map((s) => ('value' in s ? s.value : undefined));
    return (values: P) => {
      const bound: unknown[] = new Array(keys.length);
      for (let i = 0; i < keys.length; i += 1) {
        const key = keys[i];
        bound[i] = key === undefined ? constants[i] : values[key];
      }
      return statement(bound);
    };
  };
  return (values) => (run ??= make())(values);
}
