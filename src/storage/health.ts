import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './database';

export interface DatabaseHealth {
  ok: boolean;
  /** Plain words for an operator when not ok; never data from the database. */
  reason?: string;
}

export interface DatabaseHealthOptions {
  /** The database file (':memory:' skips the free-space check). */
  file: string;
  /** PRAGMA quick_check reads every page, so it runs at most this often; other probes run on every check. */
  integrityEveryMs?: number;
  /** Below this much free space on the database's file system the check fails before SQLite does. */
  minFreeBytes?: number;
  now?: () => number;
}

const TEN_MINUTES = 10 * 60 * 1000;
const MIN_FREE_BYTES = 64 * 1024 * 1024;

/**
 * What /healthz asks storage: is the file sound (quick_check, cached), can it be written right now (a
 * page-sized insert in a transaction that is rolled back: a read-only file, a lock held elsewhere or a file
 * at its size limit fail here), and is there room on the disk (statfs)?
 */
export function createDatabaseHealth(db: Db, options: DatabaseHealthOptions): () => DatabaseHealth {
  const now = options.now ?? Date.now;
  const every = options.integrityEveryMs ?? TEN_MINUTES;
  const minFree = options.minFreeBytes ?? MIN_FREE_BYTES;
  let integrity: { at: number; result: DatabaseHealth } | undefined;

  function checkIntegrity(): DatabaseHealth {
    if (integrity && now() - integrity.at < every) return integrity.result;
    const result = attempt('integrity check', () => {
      const rows = db.pragma('quick_check(3)') as Array<{ quick_check: string }>;
      const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
      return problems.length === 0 ? undefined : `database integrity check failed: ${problems.join('; ').slice(0, 300)}`;
    });
    integrity = { at: now(), result };
    return result;
  }

  function checkWritable(): DatabaseHealth {
    return attempt('write probe', () => {
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.exec('BEGIN IMMEDIATE');
      try {
        db.prepare('INSERT INTO health_probes (pad) VALUES (zeroblob(?))').run(pageSize);
      } finally {
        // SQLITE_FULL has already rolled the transaction back; anything else is rolled back here.
        if (db.inTransaction) db.exec('ROLLBACK');
      }
      return undefined;
    });
  }

  function checkFreeSpace(): DatabaseHealth {
    if (options.file === ':memory:') return { ok: true };
    return attempt('free space check', () => {
      const s = fs.statfsSync(path.dirname(path.resolve(options.file)));
      const free = s.bavail * s.bsize;
      return free < minFree ? `disk nearly full: ${Math.floor(free / (1024 * 1024))} MB free where the database lives` : undefined;
    });
  }

  return () => {
    for (const probe of [checkWritable, checkFreeSpace, checkIntegrity]) {
      const result = probe();
      if (!result.ok) return result;
    }
    return { ok: true };
  };
}

function attempt(what: string, probe: () => string | undefined): DatabaseHealth {
  try {
    const problem = probe();
    return problem ? { ok: false, reason: problem } : { ok: true };
  } catch (err) {
    // SQLite's message names the condition ("database or disk is full", "attempt to write a readonly database").
    return { ok: false, reason: `database ${what} failed: ${(err as Error).message}` };
  }
}
