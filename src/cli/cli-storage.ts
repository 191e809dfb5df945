import type { Config } from '../config';
import { openStorage, type Storage } from '../storage/open-storage';

/**
 * The database a CLI works on: `--db <file>` names a SQLite file; otherwise the app's own (DATABASE_URL, else
 * DATABASE_PATH), so the same command serves both engines.
 */
export function openCliStorage(config: Pick<Config, 'databasePath' | 'databaseUrl'>, dbFlag: string | undefined): Promise<Storage> {
  return openStorage(dbFlag === undefined ? config : { databasePath: dbFlag });
}
