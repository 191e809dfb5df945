import { systemClock } from '../clock';
import type { Clock } from '../domain/ports';
import { openDatabase } from '../storage/database';
import { backupDatabase } from '../storage/backup';
import { sqliteKysely } from '../storage/sqlite-kysely';
import { createEventLog } from '../storage/event-log';
import { parseCli } from './args';
import { CLI_ACTOR, offlineConfig, processIo, sqliteFileOnly, type CliIo } from './offline-config';

const USAGE = `Usage: npm run backup -- <folder> [--keep <n>] [--db <file>]
   (in the Docker image: node dist/src/cli/backup.js /backups ...)

Takes a consistent copy of the SQLite database while Leadwell keeps running (SQLite's online backup API),
named leadwell-<UTC time>.db, and verifies it with integrity_check before giving it that name.
--keep <n>  afterwards delete all but the newest n backups in the folder (only files named like ours)
--db <file> the database to copy (default: DATABASE_PATH)
The copy holds 1:1 notes encrypted: keep LEADWELL_DATA_KEY somewhere else, safe, to be able to read them.`;

const OPTIONS = { keep: { type: 'string' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

export async function runBackupCli(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo, clock: Clock = systemClock): Promise<number> {
  const args = parseCli(argv, OPTIONS, USAGE);
  if (!args.ok) return (io.err(args.message), 2);
  if (args.values.help || args.positionals.length !== 1) return (io.err(USAGE), args.values.help ? 0 : 2);
  const keep = args.values.keep === undefined ? undefined : Number(args.values.keep);
  if (keep !== undefined && (!Number.isInteger(keep) || keep < 1)) return (io.err(`--keep: expected a whole number of backups, 1 or more; got "${args.values.keep}"\n\n${USAGE}`), 2);
  const config = offlineConfig(env, io);
  if (!config) return 2;
  const refused = sqliteFileOnly(config, args.values.db, 'backup');
  if (refused) return (io.err(refused), 2);
  const db = openDatabase(args.values.db ?? config.databasePath);
  try {
    const result = await backupDatabase(db, args.positionals[0] as string, clock.now(), keep);
    await createEventLog(sqliteKysely(db)).append({ kind: 'backup.created', actorId: CLI_ACTOR, data: { file: result.file.split(/[\\/]/).pop(), bytes: result.bytes, removed: result.removed.length } }, clock.now());
    io.out(`Backup written and verified (integrity_check ok, schema version ${result.schemaVersion}): ${result.file} (${result.bytes} bytes)`);
    for (const f of result.removed) io.out(`Removed old backup: ${f}`);
    return 0;
  } catch (err) {
    io.err(`Backup failed: ${(err as Error).message}`);
    return 1;
  } finally {
    db.close();
  }
}

if (require.main === module) {
  void runBackupCli(process.argv.slice(2), process.env, processIo).then((code) => {
    process.exitCode = code;
  });
}
