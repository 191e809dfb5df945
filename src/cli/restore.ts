import { systemClock } from '../clock';
import type { Clock } from '../domain/ports';
import { restoreDatabase } from '../storage/restore';
import { parseCli } from './args';
import { CLI_ACTOR, offlineConfig, processIo, sqliteFileOnly, type CliIo } from './offline-config';

const USAGE = `Usage: npm run restore -- <backup file> [--db <file>]
   (in the Docker image, with the app stopped: node dist/src/cli/restore.js /backups/leadwell-....db)

Replaces the database with a backup. Refuses while Leadwell runs on it (stop the app first), when the backup
fails integrity_check, or when it comes from a newer Leadwell; a backup from an older one is migrated forward.
The database it replaces is kept beside it as <file>.before-restore-<UTC time>.
--db <file> the database to replace (default: DATABASE_PATH)
Start Leadwell with the LEADWELL_DATA_KEY the backup's notes were written with.`;

const OPTIONS = { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

export async function runRestoreCli(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo, clock: Clock = systemClock): Promise<number> {
  const args = parseCli(argv, OPTIONS, USAGE);
  if (!args.ok) return (io.err(args.message), 2);
  if (args.values.help || args.positionals.length !== 1) return (io.err(USAGE), args.values.help ? 0 : 2);
  const config = offlineConfig(env, io);
  if (!config) return 2;
  const refused = sqliteFileOnly(config, args.values.db, 'restore');
  if (refused) return (io.err(refused), 2);
  const target = args.values.db ?? config.databasePath;
  const outcome = await restoreDatabase(args.positionals[0] as string, target, { now: clock.now(), actor: CLI_ACTOR });
  if (!outcome.ok) {
    io.err(`Restore refused: ${outcome.reason}`);
    return 1;
  }
  io.out(`Restored ${target} from schema version ${outcome.fromVersion}${outcome.fromVersion < outcome.toVersion ? `, migrated to ${outcome.toVersion}` : ''}; integrity_check ok.`);
  if (outcome.previousKeptAs) io.out(`The database it replaced is kept as ${outcome.previousKeptAs}.`);
  return 0;
}

if (require.main === module) {
  void runRestoreCli(process.argv.slice(2), process.env, processIo).then((code) => {
    process.exitCode = code;
  });
}
