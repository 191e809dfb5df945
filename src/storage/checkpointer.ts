import fs from 'node:fs';
import type { Db } from './database';

/**
 * Moves SQLite's WAL checkpoints off the request path. Left to itself, SQLite checkpoints inside whichever commit
 * pushes the WAL past 1,000 pages, and with `synchronous = NORMAL` that checkpoint fsyncs: the request that
 * happened to commit then (and, the driver being synchronous, every request queued behind it) waits. With the
 * automatic checkpoint off, a timer checkpoints instead: PASSIVE (never waits for a lock, never blocks a writer),
 * and TRUNCATE once the WAL file has grown past a bound, which is how it grows when a long reader (a backup, a
 * report CLI) holds an old snapshot that the passive one may not overwrite.
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
  /** One tick now (the timer calls this); never throws. */
  checkpoint(): CheckpointResult;
  stop(): void;
}

export interface CheckpointerOptions {
  intervalMs?: number;
  walBoundBytes?: number;
  /** A checkpoint failed (disk full, I/O error): the app keeps serving, the WAL keeps growing until one succeeds. */
  onError?: (err: unknown) => void;
}

interface CheckpointRow {
  busy: number;
  log: number;
  checkpointed: number;
}

/** Starts checkpointing `db` (a file database in WAL mode) on an unref'd timer; an in-memory database needs none. */
export function startCheckpointer(db: Db, options: CheckpointerOptions = {}): Checkpointer {
  if (db.memory) return { checkpoint: () => ({ mode: 'skipped', busy: false, walBytes: 0 }), stop: () => undefined };
  const bound = options.walBoundBytes ?? WAL_BOUND_BYTES;
  const walFile = `${db.name}-wal`;
  db.pragma('wal_autocheckpoint = 0');
  const checkpoint = (): CheckpointResult => {
    try {
      return checkpointOnce(db, walFile, bound);
    } catch (err) {
      options.onError?.(err);
      return { mode: 'skipped', busy: true, walBytes: walBytes(walFile) };
    }
  };
  const timer = setInterval(checkpoint, options.intervalMs ?? CHECKPOINT_INTERVAL_MS);
  timer.unref();
  return {
    checkpoint,
    stop() {
      clearInterval(timer);
      if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
    },
  };
}

function checkpointOnce(db: Db, walFile: string, bound: number): CheckpointResult {
  // A checkpoint cannot run inside this connection's own open transaction (an async unit of work between awaits).
  if (db.inTransaction) return { mode: 'skipped', busy: true, walBytes: walBytes(walFile) };
  const passive = (db.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[])[0];
  const size = walBytes(walFile);
  if (size <= bound) return { mode: 'passive', busy: passive?.busy === 1, walBytes: size };
  const truncated = withoutBusyWait(db, () => (db.pragma('wal_checkpoint(TRUNCATE)') as CheckpointRow[])[0]);
  return { mode: 'truncate', busy: truncated?.busy === 1, walBytes: walBytes(walFile) };
}

/**
 * TRUNCATE waits in the busy handler for readers to move to the latest snapshot, and the busy timeout is 5 s: on
 * this thread that would stall every request. Ask once instead; a busy answer is retried on the next tick.
 */
function withoutBusyWait<T>(db: Db, run: () => T): T {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return run();
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

function walBytes(walFile: string): number {
  try {
    return fs.statSync(walFile).size;
  } catch {
    return 0; // no WAL file yet (nothing written since the last close)
  }
}
