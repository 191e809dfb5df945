import { ConfigError, loadConfig } from '../config';
import { systemClock } from '../clock';
import { isDomainError } from '../domain/errors';
import type { Clock } from '../domain/ports';
import { createReportService } from '../domain/report-service';
import { openDatabase } from '../storage/database';
import { createEventLog } from '../storage/event-log';
import { createPulseReads } from '../storage/pulse-repository';
import { createReportReadModel } from '../storage/report-read-model';
import { createTextSealer } from '../storage/sealed-text';
import { reportCsv } from '../slack/report-export';
import { parseCli } from './args';

const USAGE = `Usage: npm run report -- --csv [--manager <Slack user id>] [--db <file>]
   (in the Docker image: node dist/src/cli/report.js --csv ...)

Prints the Leadwell report as CSV (the same as \`/coach report export\`): one line per manager, last 12 weeks.
Without --manager: the whole organisation (what an admin sees). With --manager: that manager and everyone below.
Aggregates only: no note text, no comment, no individual pulse answer; pulse columns are blank below the
anonymity threshold (PULSE_MIN_RESPONSES) and for a month still open. Reads DATABASE_PATH unless --db is given.`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const OPTIONS = { csv: { type: 'boolean' }, manager: { type: 'string' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** The CLI's work, testable: returns the exit code. */
export function runReportCli(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo, clock: Clock = systemClock): number {
  const args = parseCli(argv, OPTIONS, USAGE);
  if (!args.ok) {
    io.err(args.message);
    return 2;
  }
  if (args.values.help || !args.values.csv || args.positionals.length > 0) {
    if (args.positionals.length > 0) io.err(`Unexpected argument: ${args.positionals[0]}\n`);
    io.err(USAGE);
    return args.values.help && args.positionals.length === 0 ? 0 : 2;
  }
  let config;
  try {
    // The CLI never calls Slack and hashes nothing: it reads only where the database is and the threshold
    // (placeholder tokens let the shared config parser run where no Slack credentials are set).
    config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-report-cli-offline',
      SLACK_APP_TOKEN: 'xapp-report-cli-offline',
      DATABASE_PATH: env.DATABASE_PATH,
      PULSE_MIN_RESPONSES: env.PULSE_MIN_RESPONSES,
      PULSE_ENABLED: 'false', // reads released answers only: no receipt, no secret
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message);
      return 2;
    }
    throw err;
  }
  const manager = args.values.manager;
  const db = openDatabase(args.values.db ?? config.databasePath);
  try {
    const reports = createReportService({
      reads: createReportReadModel(db),
      // The CSV carries no comment: the pulse reads need no data key (a sealed comment would read as nothing).
      pulse: createPulseReads(db, { sealer: createTextSealer({}) }),
      clock,
      // Without --manager the operator asks for the whole organisation, as an admin would.
      isAdmin: () => manager === undefined,
      minResponses: config.pulseMinResponses,
    });
    const rows = reports.exportRows(manager ?? 'cli');
    createEventLog(db).append({ kind: 'report.exported', actorId: 'cli', subjectId: manager, data: { managers: rows.managers.length, via: 'cli' } }, clock.now());
    io.out(reportCsv(rows.managers));
    return 0;
  } catch (err) {
    if (isDomainError(err)) {
      io.err(err.userMessage);
      return 1;
    }
    throw err;
  } finally {
    db.close();
  }
}

if (require.main === module) {
  const code = runReportCli(process.argv.slice(2), process.env, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(`${t}\n`) });
  process.exitCode = code;
}
