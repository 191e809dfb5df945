import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './database';
import { readMigrations, MIGRATIONS_DIR } from './migrate';

/**
 * Backups with SQLite's online backup API (consistent while the app writes), named by time, verified with
 * integrity_check before they get their final name, rotated by count. For PostgreSQL see pg_dump in
 * docs/data-and-privacy.md.
 */

const NAME = /^leadwell-(\d{8}T\d{6}Z)\.db$/;

export const backupName = (now: number): string => `leadwell-${new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}.db`;

export interface BackupCheck {
  ok: boolean;
  /** 'ok' or SQLite's first complaint. */
  integrity: string;
  schemaVersion: number;
}

/** Opens a copy read-only and checks it page by page; never changes it. */
export function inspectDatabaseFile(file: string): BackupCheck {
  // SQLite opens a short or foreign file as an empty database: check the header before trusting it.
  const header = Buffer.alloc(16);
  try {
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, header, 0, 16, 0);
    fs.closeSync(fd);
  } catch (err) {
    return { ok: false, integrity: (err as Error).message, schemaVersion: 0 };
  }
  if (header.toString('latin1') !== 'SQLite format 3\u0000') return { ok: false, integrity: 'not an SQLite database file', schemaVersion: 0 };
  let copy: Db | undefined;
  try {
    copy = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = String(copy.pragma('integrity_check', { simple: true }));
    const schemaVersion = copy.pragma('user_version', { simple: true }) as number;
    if (integrity === 'ok' && schemaVersion === 0) return { ok: false, integrity: 'an SQLite database, but not a Leadwell one (no schema version)', schemaVersion };
    return { ok: integrity === 'ok', integrity, schemaVersion };
  } catch (err) {
    return { ok: false, integrity: (err as Error).message, schemaVersion: 0 };
  } finally {
    copy?.close();
  }
}

export interface BackupResult {
  file: string;
  bytes: number;
  schemaVersion: number;
  removed: string[];
}

/** Takes one backup into dir (created if missing), verifies it, then keeps the newest `keep` (when given). */
export async function backupDatabase(db: Db, dir: string, now: number, keep?: number): Promise<BackupResult> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, backupName(now));
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  await db.backup(partial);
  const check = inspectDatabaseFile(partial);
  if (!check.ok) {
    fs.rmSync(partial, { force: true });
    throw new Error(`backup failed its integrity check (${check.integrity}); nothing was kept`);
  }
  fs.renameSync(partial, file);
  const removed = keep === undefined ? [] : rotateBackups(dir, keep);
  return { file, bytes: fs.statSync(file).size, schemaVersion: check.schemaVersion, removed };
}

/** Deletes all but the newest `keep` backups this code named; other files in the folder are left alone. */
export function rotateBackups(dir: string, keep: number): string[] {
  const ours = fs.readdirSync(dir).filter((f) => NAME.test(f)).sort().reverse();
  const old = ours.slice(keep).map((f) => path.join(dir, f));
  for (const f of old) fs.rmSync(f, { force: true });
  return old;
}

/** The number of migrations this code knows: a backup above it comes from a newer Leadwell. */
export const codeSchemaVersion = (dir = MIGRATIONS_DIR): number => readMigrations(dir).length;
