import { ConfigError, loadConfig, type Config } from '../config';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };

/**
 * The variables an operator CLI reads; it never calls Slack, so Slack credentials are placeholders. DATABASE_URL
 * too: without it a CLI on a PostgreSQL deployment would open (and create) the default SQLite file instead.
 */
const PASSED = [
  'DATABASE_PATH', 'DATABASE_URL', 'LEADWELL_DATA_KEY', 'LEADWELL_DATA_KEY_PREVIOUS', 'BACKUP_DIR', 'BACKUP_KEEP',
  'RETENTION_NOTES_DAYS', 'RETENTION_PULSE_COMMENTS_DAYS', 'RETENTION_EVENTS_DAYS', 'RETENTION_LEAVERS_DAYS',
] as const;

/** The shared config parser for offline CLIs: one line per bad value, exactly as at start-up. */
export function offlineConfig(env: Record<string, string | undefined>, io: CliIo): Config | undefined {
  try {
    return loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-offline-cli',
      SLACK_APP_TOKEN: 'xapp-offline-cli',
      // Offline CLIs never hash a pulse receipt: they need no LEADWELL_SECRET.
      PULSE_ENABLED: 'false',
      ...Object.fromEntries(PASSED.map((k) => [k, env[k]])),
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message);
      return undefined;
    }
    throw err;
  }
}

export const CLI_ACTOR = 'cli';

/**
 * Backup and restore copy the SQLite file: on a PostgreSQL deployment (DATABASE_URL, no --db file named) they
 * refuse in words rather than copy a default SQLite file that holds nothing of the app's.
 */
export function sqliteFileOnly(config: Config, dbFlag: string | undefined, what: 'backup' | 'restore'): string | undefined {
  if (config.databaseUrl === undefined || dbFlag !== undefined) return undefined;
  return `npm run ${what} copies the SQLite file, and this Leadwell runs on PostgreSQL (DATABASE_URL): use pg_dump / pg_restore or your provider's snapshots (docs/postgres.md, "Backups on PostgreSQL")`;
}
