import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { projectRoot } from '../project-root';
import { StorageError } from './errors';

export const MIGRATIONS_DIR = path.join(projectRoot(), 'migrations');
const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const migrations = files.map((file) => {
    const match = FILE_PATTERN.exec(file);
    if (!match) {
      throw new StorageError('storage_migrations_inconsistent', `migration "${file}" is not named NNNN_name.sql`);
    }
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    return {
      version: Number(match[1]),
      name: match[2] as string,
      sql,
      checksum: crypto.createHash('sha256').update(sql).digest('hex'),
    };
  });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new StorageError(
        'storage_migrations_inconsistent',
        `migrations must be numbered 0001, 0002, … without gaps or duplicates; found ${String(m.version).padStart(4, '0')}_${m.name}.sql at position ${i + 1}`,
      );
    }
  });
  return migrations;
}

/**
 * Applies pending migrations, each in its own transaction, tracking the version in
 * PRAGMA user_version and each file's checksum, so an edited or missing file is refused.
 */
export function migrate(db: Database.Database, dir: string): number {
  const migrations = readMigrations(dir);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL
  ) STRICT`);
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new StorageError(
      'storage_newer_than_code',
      `the database is at schema version ${current} but this Leadwell only knows ${migrations.length}; run a newer Leadwell or restore a backup`,
    );
  }
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as Array<{
    version: number;
    name: string;
    checksum: string;
  }>;
  for (const row of applied) {
    const m = migrations[row.version - 1];
    if (!m || m.checksum !== row.checksum) {
      throw new StorageError(
        'storage_migrations_inconsistent',
        `migration ${String(row.version).padStart(4, '0')}_${row.name}.sql was changed after it was applied; migrations are forward-only, add a new one instead`,
      );
    }
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, m.checksum, Date.now());
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return migrations.length;
}
