import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import { engineOf, prepared, serverSideName, type Executor } from './engine';

const SLOT = Symbol('slot');

/** A statement's text and, per bound position, the field it takes or the constant the builder bound itself. */
interface Template<P> {
  text: string;
  keys: Array<keyof P | undefined>;
  constants: unknown[];
}

/** Builds the template from a stand-in whose every field is a marker (a Proxy: read its fields one by one, never spread it). */
function templateOf<P extends object>(template: Compilable<unknown>): Template<P> {
  const compiled = template.compile();
  const slots = compiled.parameters.map((v): { key: keyof P } | { value: unknown } =>
    typeof v === 'object' && v !== null && SLOT in v ? { key: (v as { [SLOT]: keyof P })[SLOT] } : { value: v });
  return {
    text: compiled.sql,
    keys: slots.map((s) => ('key' in s ? s.key : undefined)),
    constants: slots.map((s) => ('value' in s ? s.value : undefined)),
  };
}

const standIn = <P extends object>() => new Proxy({}, { get: (_target, key) => ({ [SLOT]: key }) }) as P;

// Runs on every hot statement: plain arrays and a loop, not a map over objects checked with `in`.
function bind<P>(t: Template<P>, values: P): unknown[] {
  const bound: unknown[] = new Array(t.keys.length);
  for (let i = 0; i < t.keys.length; i += 1) {
    const key = t.keys[i];
    bound[i] = key === undefined ? t.constants[i] : values[key];
  }
  return bound;
}

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
    const template = build(standIn<P>());
    const t = templateOf<P>(template);
    const statement = prepared(db, template, o);
    return (values: P) => statement(bind(t, values));
  };
  return (values) => (run ??= make())(values);
}

/**
 * Templates per database and statement. A database is its Kysely adapter: one object per Kysely instance, the same in
 * every transaction on it (Kysely hands a transaction the instance's adapter), so SQLite and PostgreSQL in one process
 * never share a text. No Kysely instance here adds plugins (`withPlugin` would keep the adapter and change the text).
 */
const TEMPLATES = new WeakMap<object, Map<unknown, Template<never>>>();

/**
 * preparedNamed for the repositories a unit of work makes per transaction (giving a kudos makes a kudos repository,
 * an outbox store and an event log each time): `build` is a module-level function, so it is the same object on every
 * call, and the statement is built and compiled once per database instead of once per transaction (Kysely's build
 * and compile cost more than SQLite's answer).
 */
export function preparedShared<P extends object, R>(db: Executor, build: (db: Executor, p: P) => Compilable<R>, o: { serverSide?: boolean } = {}): (values: P) => Promise<QueryResult<R>> {
  return (values) => {
    const adapter = db.getExecutor().adapter;
    let byBuild = TEMPLATES.get(adapter);
    if (!byBuild) TEMPLATES.set(adapter, (byBuild = new Map()));
    let t = byBuild.get(build) as Template<P> | undefined;
    if (!t) {
      t = templateOf<P>(build(db, standIn<P>()));
      if (o.serverSide && engineOf(db) === 'postgres') serverSideName(t.text);
      byBuild.set(build, t as Template<never>);
    }
    return db.executeQuery<R>(CompiledQuery.raw(t.text, bind(t, values)));
  };
}
