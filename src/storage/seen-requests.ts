import type { SeenRequests } from '../domain/ports';
import type { Db } from './database';
import { prepared, SERVER_SIDE, type Executor } from './engine';

const PRUNE_EVERY_MS = 60_000;
/** Rows per prune statement: each is short, so requests interleave with a prune of a busy hour's keys. */
const PRUNE_CHUNK = 500;
/** Keys per statement; a larger batch is split (bound parameters stay far below either engine's limit). */
const MAX_BATCH = 64;

interface Waiting {
  key: string;
  expiresAt: number;
  now: number;
  resolve(first: boolean): void;
  reject(err: unknown): void;
}

/**
 * One statement answers "first time?" for a whole batch of keys on either engine, atomically per key: a new key is
 * inserted, an expired one (another instance has not pruned it yet) is taken over, a live one is left alone; the
 * keys returned are exactly those taken. Two instances offering the same key at once: one row lock, one winner.
 */
function takeQuery(db: Executor, n: number) {
  const rows = Array.from({ length: n }, () => ({ request_key: '', expires_at: 0 }));
  return db
    .insertInto('seen_requests')
    .values(rows)
    .onConflict((oc) => oc.column('request_key').doUpdateSet({ expires_at: (eb) => eb.ref('excluded.expires_at') }).where('seen_requests.expires_at', '<', 0))
    .returning('request_key');
}

// Named on the PostgreSQL server (engine.ts serverSideName): every Slack request sends one.
const takeStatement = (db: Executor, n: number) => prepared(db, takeQuery(db, n), SERVER_SIDE);

/**
 * The replay memory behind the request guard. Every Slack request passes here before its listener runs. Group
 * commit: a key offered while no statement is running is asked at once; keys offered while one runs (a
 * PostgreSQL round trip, a busy SQLite file) wait for it and are then asked together, one statement and one
 * commit for the lot. (Waiting for the end of the event-loop turn instead batched more, but put every ack behind
 * work already queued for that turn, such as prep cards.) Nothing is answered before the database has: a replay
 * is still refused by the database, whichever instance it reaches. Expired keys are pruned at most once a
 * minute, after the batch and in short chunks, so no request waits on the prune.
 */
export function createSeenRequests(db: Executor, sqlite?: Db): SeenRequests {
  const statements = new Map<number, ReturnType<typeof takeStatement>>();
  const takeNow = sqlite ? synchronousTake(sqlite, takeQuery(db, 1).compile().sql) : undefined;
  const statementFor = (n: number) => statements.get(n) ?? statements.set(n, takeStatement(db, n)).get(n)!;
  const pruneChunk = prepared(
    db,
    db
      .deleteFrom('seen_requests')
      // The outer condition too: a key taken over since the inner select ran is live again and must stay.
      .where('expires_at', '<', 0)
      .where('request_key', 'in', (eb) => eb.selectFrom('seen_requests').select('request_key').where('expires_at', '<', 0).limit(PRUNE_CHUNK)),
  );
  let lastPrune = -Infinity;
  let waiting: Waiting[] = [];

  const prune = async (now: number): Promise<void> => {
    while (Number((await pruneChunk([now, now, PRUNE_CHUNK])).numAffectedRows ?? 0n) === PRUNE_CHUNK) {
      await new Promise((r) => setImmediate(r));
    }
  };

  /** At most once a minute, after the answer. Housekeeping only: an expired row left behind is taken over by the
   * next offer of its key, and a failed prune is retried a minute later. */
  const pruneNowAndThen = (now: number) => {
    if (now - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = now;
    setImmediate(() => void prune(now).catch(() => undefined));
  };

  async function take(batch: Waiting[]): Promise<void> {
    const now = Math.max(...batch.map((w) => w.now));
    const values = batch.flatMap((w) => [w.key, w.expiresAt]);
    const taken = new Set((await statementFor(batch.length)([...values, now])).rows.map((r) => r.request_key));
    for (const w of batch) w.resolve(taken.has(w.key));
  }

  /** One batch: duplicates inside it answered at once, the rest in statements of up to MAX_BATCH keys. */
  async function answer(batch: Waiting[]): Promise<void> {
    // A key offered twice in one batch: the first copy asks the database, the others are replays of it.
    const unique = new Map<string, Waiting>();
    for (const w of batch) {
      if (unique.has(w.key)) w.resolve(false);
      else unique.set(w.key, w);
    }
    const distinct = [...unique.values()];
    const chunks = Array.from({ length: Math.ceil(distinct.length / MAX_BATCH) }, (_, i) => distinct.slice(i * MAX_BATCH, (i + 1) * MAX_BATCH));
    await Promise.all(chunks.map((chunk) => take(chunk).catch((err: unknown) => chunk.forEach((w) => w.reject(err)))));
    pruneNowAndThen(Math.max(...batch.map((w) => w.now)));
  }

  let inFlight = false;
  async function drain(): Promise<void> {
    inFlight = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting;
        waiting = [];
        // Whatever fails, every waiting request gets an answer (an error: not processed), never a hang.
        await answer(batch).catch((err: unknown) => batch.forEach((w) => w.reject(err)));
      }
    } finally {
      inFlight = false;
    }
  }

  return {
    firstSeen(key, expiresAt, now) {
      let answered: boolean | undefined;
      try {
        answered = waiting.length === 0 && !inFlight ? takeNow?.(key, expiresAt, now) : undefined;
      } catch (err) {
        return Promise.reject(err as Error);
      }
      if (answered !== undefined) {
        pruneNowAndThen(now);
        return Promise.resolve(answered);
      }
      return new Promise<boolean>((resolve, reject) => {
        waiting.push({ key, expiresAt, now, resolve, reject });
        // Started at the end of this microtask run, not the next turn: an ack never waits behind other queued work.
        if (waiting.length === 1 && !inFlight) queueMicrotask(() => void drain());
      });
    },
  };
}

/**
 * SQLite only: the one-key statement run on the spot, on the app's own connection, when nothing else holds it.
 * better-sqlite3 is synchronous, so a statement run between two awaits cannot land inside another request's
 * work, except inside a unit of work left open across an await (`inTransaction`): then, and when another process
 * holds the file's write lock (SQLITE_BUSY), it answers `undefined` and the caller takes the queued path above.
 * This skips the query builder's connection hand-over (a mutex, several promises) on every Slack request.
 */
function synchronousTake(sqlite: Db, text: string): (key: string, expiresAt: number, now: number) => boolean | undefined {
  const stmt = sqlite.prepare<unknown[], { request_key: string }>(text);
  return (key, expiresAt, now) => {
    if (sqlite.inTransaction) return undefined;
    try {
      return stmt.get(key, expiresAt, now) !== undefined;
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') return undefined;
      throw err;
    }
  };
}
