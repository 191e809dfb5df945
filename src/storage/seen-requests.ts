import type { SeenRequests } from '../domain/ports';
import { affected, prepared, type Executor } from './engine';

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
function takeStatement(db: Executor, n: number) {
  const rows = Array.from({ length: n }, () => ({ request_key: '', expires_at: 0 }));
  return prepared(
    db,
    db
      .insertInto('seen_requests')
      .values(rows)
      .onConflict((oc) => oc.column('request_key').doUpdateSet({ expires_at: (eb) => eb.ref('excluded.expires_at') }).where('seen_requests.expires_at', '<', 0))
      .returning('request_key'),
  );
}

/**
 * The replay memory behind the request guard. Every Slack request passes here before its listener runs, so the
 * keys offered while the event loop is busy are taken together at the end of that turn (`setImmediate`): one
 * statement and one commit for a burst instead of one per request, and a lone request waits only for the turn to
 * end. Nothing is answered before the database has: a replay is still refused by the database, whichever
 * instance it reaches. Expired keys are pruned at most once a minute, after the batch and in short chunks, so
 * no request waits on the prune.
 */
export function createSeenRequests(db: Executor): SeenRequests {
  const statements = new Map<number, ReturnType<typeof takeStatement>>();
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
    while (affected({ numDeletedRows: (await pruneChunk([now, now, PRUNE_CHUNK])).numAffectedRows ?? 0n }) === PRUNE_CHUNK) {
      await new Promise((r) => setImmediate(r));
    }
  };

  async function take(batch: Waiting[]): Promise<void> {
    const now = Math.max(...batch.map((w) => w.now));
    const values = batch.flatMap((w) => [w.key, w.expiresAt]);
    const taken = new Set((await statementFor(batch.length)([...values, now])).rows.map((r) => r.request_key));
    for (const w of batch) w.resolve(taken.has(w.key));
  }

  function flush(): void {
    const batch = waiting;
    waiting = [];
    // A key offered twice in one turn: the first copy asks the database, the others are replays of it.
    const unique = new Map<string, Waiting>();
    for (const w of batch) {
      if (unique.has(w.key)) w.resolve(false);
      else unique.set(w.key, w);
    }
    const distinct = [...unique.values()];
    for (let i = 0; i < distinct.length; i += MAX_BATCH) {
      const chunk = distinct.slice(i, i + MAX_BATCH);
      take(chunk).catch((err: unknown) => chunk.forEach((w) => w.reject(err)));
    }
    const now = Math.max(...batch.map((w) => w.now));
    if (now - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = now;
      // Housekeeping only: an expired row left behind is taken over by the next offer of its key; retried in a minute.
      setImmediate(() => void prune(now).catch(() => undefined));
    }
  }

  return {
    firstSeen(key, expiresAt, now) {
      return new Promise<boolean>((resolve, reject) => {
        if (waiting.length === 0) setImmediate(flush);
        waiting.push({ key, expiresAt, now, resolve, reject });
      });
    },
  };
}
