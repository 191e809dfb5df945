import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StorageError } from './errors';
import { migrate, MIGRATIONS_DIR } from './migrate';

export { StorageError } from './errors';

export type Db = Database.Database;

export interface OpenOptions {
  migrationsDir?: string;
}

/** Opens (creating when missing) the database with WAL, foreign keys and a busy timeout, then migrates it. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') ensureWritableDir(path.dirname(path.resolve(file)));
  let db: Db;
  try {
    db = new Database(file);
  } catch (err) {
    throw new StorageError('storage_unwritable', `DATABASE_PATH: cannot open "${file}": ${(err as Error).message}`);
  }
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // Deleted and moved rows are overwritten with zeros, so nothing removed (a rebuilt table, a dropped
  // receipt) lingers in free pages of the file or a backup of it.
  db.pragma('secure_delete = ON');
  migrate(db, options.migrationsDir ?? MIGRATIONS_DIR);
  return db;
}

function ensureWritableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    throw new StorageError(
      'storage_unwritable',
      `DATABASE_PATH: the directory "${dir}" cannot be created or written (${(err as NodeJS.ErrnoException).code ?? 'error'}); ` +
        'point DATABASE_PATH at a folder this user may write (in Docker, leave it unset: the image keeps the ' +
        'database at /data/leadwell.db on its volume), or fix the folder\'s owner and permissions',
    );
  }
}
