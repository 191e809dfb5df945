import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Db } from './database';

/**
 * Moves SQLite's WAL checkpoints off the request path. Left to itself, SQLite checkpoints inside whichever commit
 * pushes the WAL past 1,000 pages, and with `synchronous = NORMAL` that checkpoint fsyncs: the request that
 * happened to commit then (and, the driver being synchronous, every request queued behind it) waits. With the
 * automatic checkpoint off, a timer checkpoints instead, on its own thread: PASSIVE (never waits for a lock, never
 * blocks a writer), and TRUNCATE once the WAL file has grown past a bound, which is how it grows when a long reader
 * (a backup, a report CLI) holds an old snapshot that the passive one may not overwrite. TRUNCATE asks once
 * (busy_timeout 0): waiting for readers, it would block the app's writers. A busy answer is retried next tick.
 */

/** Often enough that a burst's WAL stays a few MB; seldom enough that a page written many times is copied once. */
export const CHECKPOINT_INTERVAL_MS = 1000;
/** Past this the WAL file is truncated back to zero (it otherwise stays at its high-water mark). */
export const WAL_BOUND_BYTES = 64 * 2 ** 20;
/** SQLite's own default, put back on stop so a connection that outlives the timer is never left without one. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

export interface CheckpointResult {
  mode: 'passive' | 'truncate' | 'skipped';
  /** SQLite could not finish: a reader or writer held what the checkpoint needed. Retried on the next tick. */
  busy: boolean;
  walBytes: number;
}

export interface Checkpointer {
  /** One tick now (the timer calls this); never rejects. */
  checkpoint(): Promise<CheckpointResult>;
  /** Stops the timer and closes the checkpoint connection; SQLite's own checkpoint is back on `db`. */
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  intervalMs?: number;
  walBoundBytes?: number;
  /** A checkpoint failed (disk full, I/O error): the app keeps serving, the WAL keeps growing until one succeeds. */
  onError?: (err: unknown) => void;
}

type Reply = { id: number; result: CheckpointResult } | { id: number; error: { message: string; code?: string } } | { id: number; stopped: true };

/**
 * The checkpoint itself runs on a worker thread with its own connection to the file. It is mostly waiting on the
 * disk (copying the WAL's pages back and fsyncing them), 20-30 ms a second under a steady stream of acks: on the
 * app's thread that froze every request for as long, once a second, which was most of the ack's p99. A second
 * connection may checkpoint while the app's connection reads or writes (that is what WAL mode is for), so the tick
 * no longer has to skip while a unit of work is open. Plain JavaScript, evaluated: the worker must load the same
 * way under the compiled build, tsx and the tests. The connection is opened on the first tick and after a failure,
 * so a file that went away (a volume unmounted) is reported on every tick until it is back.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.driver);
let db;
const walBytes = () => { try { return fs.statSync(workerData.file + '-wal').size; } catch { return 0; } };
const once = (mode) => db.pragma('wal_checkpoint(' + mode + ')')[0];
parentPort.on('message', (m) => {
  if (m.stop) { if (db) db.close(); db = undefined; parentPort.postMessage({ id: m.id, stopped: true }); return; }
  try {
    if (!db) { db = new Database(workerData.file, { fileMustExist: true }); db.pragma('busy_timeout = 0'); }
    const passive = once('PASSIVE');
    const size = walBytes();
    if (size <= workerData.bound) { parentPort.postMessage({ id: m.id, result: { mode: 'passive', busy: passive.busy === 1, walBytes: size } }); return; }
    const truncated = once('TRUNCATE');
    parentPort.postMessage({ id: m.id, result: { mode: 'truncate', busy: truncated.busy === 1, walBytes: walBytes() } });
  } catch (err) {
    try { if (db) db.close(); } catch {}
    db = undefined;
    parentPort.postMessage({ id: m.id, error: { message: String(err && err.message), code: err && err.code } });
  }
});
`;

/** Starts checkpointing `db` (a file database in WAL mode) on an unref'd timer; an in-memory database needs none. */
export function startCheckpointer(db: Db, options: CheckpointerOptions = {}): Checkpointer {
  if (db.memory) return { checkpoint: () => Promise.resolve({ mode: 'skipped', busy: false, walBytes: 0 }), stop: () => Promise.resolve() };
  const bound = options.walBoundBytes ?? WAL_BOUND_BYTES;
  const walFile = `${db.name}-wal`;
  db.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: db.name, bound, driver: require.resolve('better-sqlite3') } });
  worker.unref();
  const pending = new Map<number, (reply: Reply) => void>();
  let nextId = 0;
  let running: Promise<CheckpointResult> | undefined;
  let stopped = false;
  worker.on('message', (reply: Reply) => {
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  let gone: string | undefined;
  const ask = (message: object) =>
    new Promise<Reply>((resolve) => {
      if (gone) return resolve({ id: 0, error: { message: gone } });
      const id = (nextId += 1);
      pending.set(id, resolve);
      worker.postMessage({ ...message, id });
    });
  // A worker that died (it should not) fails every waiting and later tick, each reported; the app keeps serving.
  const lose = (why: string) => {
    gone ??= why;
    for (const resolve of pending.values()) resolve({ id: 0, error: { message: why } });
    pending.clear();
  };
  worker.on('error', (err) => lose(`checkpoint thread failed: ${err.message}`));
  worker.on('exit', () => lose('checkpoint thread stopped'));
  // The commits that landed while the worker copied: copied here, between two commits of this (the only writing)
  // connection, so the whole WAL is back in the file and the next commit starts the WAL over. Without it, under a
  // steady stream of commits the WAL never restarts (every worker tick ends behind the newest commit) and grows
  // until a TRUNCATE, which stalls the app's commits. A few frames: 1.5-12 ms, mostly the two fsyncs, against
  // 14-29 ms for the whole second's checkpoint on this thread; nothing at all when the worker left nothing.
  const catchUp = () => {
    if (db.inTransaction || !db.open) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      options.onError?.(err);
    }
  };
  const failed = (err: unknown): CheckpointResult => {
    options.onError?.(err);
    return { mode: 'skipped', busy: true, walBytes: walBytes(walFile) };
  };
  const tick = async (): Promise<CheckpointResult> => {
    const reply = await ask({});
    if ('result' in reply) {
      if (reply.result.mode === 'passive') catchUp();
      return reply.result;
    }
    if (!('error' in reply)) return { mode: 'skipped', busy: false, walBytes: walBytes(walFile) };
    return failed(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
  };
  // One tick at a time: a slow disk must not pile up checkpoints.
  const checkpoint = (): Promise<CheckpointResult> => {
    if (stopped) return Promise.resolve({ mode: 'skipped', busy: false, walBytes: walBytes(walFile) });
    running ??= tick().catch(failed).finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => void checkpoint(), options.intervalMs ?? CHECKPOINT_INTERVAL_MS);
  timer.unref();
  return {
    checkpoint,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
      await running?.catch(() => undefined);
      await ask({ stop: true }).catch(() => undefined);
      await worker.terminate();
    },
  };
}

function walBytes(walFile: string): number {
  try {
    return fs.statSync(walFile).size;
  } catch {
    return 0; // no WAL file yet (nothing written since the last close)
  }
}
