/**
 * Interim (docs/postgres.md, "Storage on both engines"): the better-sqlite3 repositories answer synchronously
 * while the domain's ports already return promises. `asyncPort` lifts such a repository to its port unchanged,
 * so the domain can await every call now; the Kysely repositories in src/storage/next/ replace these files whole.
 */

/** The synchronous shape of an async port: every method returning what its promise resolves to (or, already moved, the promise). */
export type SyncPort<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R | Promise<R> : T[K];
};

/** Each method answers through a promise (a throw becomes a rejection, as it will be on Kysely). */
export function asyncPort<T extends object>(sync: SyncPort<T>): T {
  const lifted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sync as Record<string, unknown>)) {
    lifted[key] = typeof value === 'function' ? async (...args: unknown[]): Promise<unknown> => (value as (...a: unknown[]) => unknown).apply(sync, args) : value;
  }
  return lifted as T;
}
