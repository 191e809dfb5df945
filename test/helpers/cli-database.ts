import * as cliStorage from '../../src/cli/cli-storage';
import type { Harness } from './harness';

/**
 * The environment that points an operator CLI (privacy, report, keys) at the app's own database, on either engine:
 * DATABASE_PATH for the SQLite file, DATABASE_URL on a PostgreSQL server. PGlite lives inside this process and has
 * no URL, so there the CLI is handed the app's database the way the harness hands it to the app (only the opening
 * step is replaced; the CLI's own code runs as written), until the returned `restore` is called.
 */
export function cliDatabase(h: Pick<Harness, 'config' | 'engine' | 'store'>): { env: Record<string, string>; restore(): void } {
  if (h.engine === 'sqlite') return { env: { DATABASE_PATH: h.config.databasePath }, restore: () => undefined };
  if (h.config.databaseUrl) return { env: { DATABASE_URL: h.config.databaseUrl }, restore: () => undefined };
  const spy = jest.spyOn(cliStorage, 'openCliStorage').mockImplementation(async (_config, dbFlag) => {
    if (dbFlag !== undefined) throw new Error('cliDatabase: --db names a SQLite file; on PGlite the CLI can only use the app database');
    return { engine: 'postgres', db: h.store, where: 'pglite', close: async () => undefined };
  });
  return { env: {}, restore: () => spy.mockRestore() };
}
