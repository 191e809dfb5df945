import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from './database';
import { codeSchemaVersion, inspectDatabaseFile } from './backup';
import { createEventLog } from './event-log';
import { sqliteKysely } from './sqlite-kysely';
import { MIGRATIONS_DIR } from './migrate';
import { runningApp } from './running-marker';

export type RestoreOutcome =
  | { ok: true; fromVersion: number; toVersion: number; previousKeptAs?: string }
  | { ok: false; reason: string };

const SIDE_FILES = ['-wal', '-shm'];

/** Someone is writing right now: a write lock cannot be had at once. Catches a writer without a heartbeat. */
function writerActive(target: string): boolean {
  if (!fs.existsSync(target)) return false;
  const db = new Database(target, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return false;
  } catch {
    return true;
  } finally {
    db.close();
  }
}

function moveWithSideFiles(from: string, to: string): void {
  fs.renameSync(from, to);
  for (const s of SIDE_FILES) if (fs.existsSync(from + s)) fs.renameSync(from + s, to + s);
}

/**
 * Replaces the database with a backup, only when safe: no running app (heartbeat) and no writer (lock), a
 * backup that passes integrity_check and is not newer than this code. An older backup is migrated forward on
 * a copy first. The database it replaces is kept beside it (`.before-restore-<time>`), never deleted.
 */
export async function restoreDatabase(backup: string, target: string, options: { now: number; actor: string; migrationsDir?: string }): Promise<RestoreOutcome> {
  if (!fs.existsSync(backup)) return { ok: false, reason: `no such backup file: ${backup}` };
  const running = runningApp(target);
  if (running) {
    return { ok: false, reason: `Leadwell is running on this database (pid ${running.pid} on ${running.host}, heartbeat ${Math.round((Date.now() - running.beatAt) / 1000)} s ago): stop it first, then restore` };
  }
  if (writerActive(target)) return { ok: false, reason: `another process is writing to ${target}: stop it first, then restore` };
  const check = inspectDatabaseFile(backup);
  if (!check.ok) return { ok: false, reason: `the backup failed its integrity check (${check.integrity}); nothing was changed` };
  const known = codeSchemaVersion(options.migrationsDir ?? MIGRATIONS_DIR);
  if (check.schemaVersion > known) {
    return { ok: false, reason: `the backup is at schema version ${check.schemaVersion} but this Leadwell only knows ${known}: restore it with the newer Leadwell that wrote it` };
  }
  const staging = `${target}.restoring`;
  for (const f of [staging, ...SIDE_FILES.map((s) => staging + s)]) fs.rmSync(f, { force: true });
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  fs.copyFileSync(backup, staging);
  const migrated = openDatabase(staging, { migrationsDir: options.migrationsDir });
  await createEventLog(sqliteKysely(migrated)).append({ kind: 'backup.restored', actorId: options.actor, data: { from: path.basename(backup), fromVersion: check.schemaVersion, toVersion: known } }, options.now);
  migrated.close();
  const after = inspectDatabaseFile(staging);
  if (!after.ok) return { ok: false, reason: `the migrated copy failed its integrity check (${after.integrity}); nothing was changed` };
  let previousKeptAs: string | undefined;
  if (fs.existsSync(target)) {
    previousKeptAs = `${target}.before-restore-${new Date(options.now).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}`;
    moveWithSideFiles(target, previousKeptAs);
  }
  moveWithSideFiles(staging, target);
  return { ok: true, fromVersion: check.schemaVersion, toVersion: known, previousKeptAs };
}
