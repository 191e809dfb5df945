import { sql } from 'kysely';
import { openDatabase, type Db } from './database';
import type { EngineKind, Executor } from './engine';
import { openPostgres, redactUrl } from './postgres';
import { sqliteKysely } from './sqlite-kysely';

/** The database the app runs on: SQLite by default, PostgreSQL when DATABASE_URL is set (docs/postgres.md). */
export interface Storage {
  readonly engine: EngineKind;
  /** What every repository takes. */
  readonly db: Executor;
  /** SQLite only: the file's own connection, for what works on the file (backups, quick_check, the running marker). */
  readonly sqlite?: Db;
  /** Where it is, for logs and /healthz: the file, or the URL without its password. */
  readonly where: string;
  close(): Promise<void>;
}

export interface StorageConfig {
  databasePath: string;
  databaseUrl?: string;
  /** PostgreSQL: named prepared statements for the statements marked for it (default on). */
  databasePreparedStatements?: boolean;
}

/**
 * Opens the configured database and brings its schema up to date: SQLite with its file migrations, PostgreSQL
 * under the migration lock (instances starting together migrate once). A database newer than the code stops here.
 */
export async function openStorage(config: StorageConfig, o: { onIdleError?: (err: Error) => void } = {}): Promise<Storage> {
  if (config.databaseUrl !== undefined) {
    const db = await openPostgres(config.databaseUrl, { onIdleError: o.onIdleError, preparedStatements: config.databasePreparedStatements !== false });
    return { engine: 'postgres', db, where: redactUrl(config.databaseUrl), close: () => db.destroy() };
  }
  const file = openDatabase(config.databasePath);
  const db = sqliteKysely(file);
  return {
    engine: 'sqlite',
    db,
    sqlite: file,
    where: config.databasePath,
    close: async () => {
      file.close();
    },
  };
}

/** The newest migration applied: the same table on both engines. */
export async function schemaVersion(db: Executor): Promise<number> {
  const { rows } = await sql<{ v: number | null }>`SELECT MAX(version) AS v FROM schema_migrations`.execute(db);
  return Number(rows[0]?.v ?? 0);
}
