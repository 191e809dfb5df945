import type { UnitOfWork } from '../domain/ports';
import { engineOf, type Executor } from './engine';

/** PostgreSQL's "try again" errors: serialization_failure and deadlock_detected. */
const RETRYABLE = new Set(['40001', '40P01']);
export const MAX_ATTEMPTS = 4;

export function isRetryable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && RETRYABLE.has(String((err as { code?: unknown }).code));
}

export interface UnitOfWorkOptions {
  /** Waits between PostgreSQL retries (tests pass a no-op). */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One transaction per `run`, handing the callback repositories bound to it. SQLite: BEGIN IMMEDIATE on the
 * single connection (see sqlite-kysely.ts), so nothing else of this process runs until it commits. PostgreSQL:
 * READ COMMITTED with row locks taken by the statements themselves; a serialization failure or deadlock is
 * retried a bounded number of times with a short jittered wait, so the work must not do anything but
 * database calls (no Slack I/O inside `run`: a retry would repeat it).
 */
export function createUnitOfWork<R>(db: Executor, bind: (ex: Executor) => R, options: UnitOfWorkOptions = {}): UnitOfWork<R> {
  const sleep = options.sleep ?? defaultSleep;
  const retries = engineOf(db) === 'postgres' ? MAX_ATTEMPTS : 1;
  return {
    async run<T>(work: (repos: R) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await db.transaction().execute((trx) => work(bind(trx)));
        } catch (err) {
          if (attempt >= retries || !isRetryable(err)) throw err;
          await sleep(5 * 2 ** attempt + Math.floor(Math.random() * 10));
        }
      }
    },
  };
}
