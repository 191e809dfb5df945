import { openStorage, type Storage } from '../../src/storage/open-storage';
import type { Harness } from './harness';

/**
 * The harness's database for another start of the app on it (a restart): SQLite and a PostgreSQL server are opened
 * again from the config (the file, DATABASE_URL), so this is undefined there; PGlite has no URL, so it is the
 * harness's own handle, which stopping the app leaves open (the harness closes it in stop()).
 */
export function sameDatabase(h: Pick<Harness, 'engine' | 'config' | 'leadwell'>): Storage | undefined {
  if (h.engine !== 'postgres' || h.config.databaseUrl !== undefined) return undefined;
  return { engine: 'postgres', db: h.leadwell.store, where: 'pglite (shared)', close: async () => undefined };
}

/** The same database opened for a check outside the app (close it after): the config's, or PGlite's shared handle. */
export async function reopenDatabase(h: Pick<Harness, 'engine' | 'config' | 'leadwell'>): Promise<Storage> {
  return sameDatabase(h) ?? openStorage(h.config);
}
