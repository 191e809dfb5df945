import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config';
import { systemClock } from '../clock';
import { createLeadership } from '../compose-leadership';
import { createGuidanceSource } from '../content/guidance-source';
import { ContentError, loadContent, type ContentLibrary } from '../content/loader';
import { projectRoot } from '../project-root';
import { isDomainError } from '../domain/errors';
import type { Clock } from '../domain/ports';
import { createReportService, type ReportService } from '../domain/report-service';
import type { Executor } from '../storage/engine';
import { openCliStorage } from './cli-storage';
import { createEventLog } from '../storage/event-log';
import { createGuidanceSeenRepository } from '../storage/guidance-seen-repository';
import { createPulseReads } from '../storage/pulse-repository';
import { createReportReadModel } from '../storage/report-read-model';
import { createTextSealer } from '../storage/sealed-text';
import { reportCsv } from '../slack/report-export';
import { parseCli } from './args';

const USAGE = `Usage: npm run report -- --csv [--manager <Slack user id>] [--db <file>]
   (in the Docker image: node dist/src/cli/report.js --csv ...)

Prints the Leadwell report as CSV (the same as \`/coach report export\`): one line per manager, last 12 weeks.
Without --manager: the whole organisation (what an admin sees). With --manager: that manager and everyone below.
Aggregates only: no note text, no comment, no individual pulse answer, nobody who left; pulse and turnover
columns are blank below the anonymity threshold (PULSE_MIN_RESPONSES), pulse columns also for a month still
open. Reads DATABASE_PATH unless --db is given (and PULSE_MIN_RESPONSES, ADMIN_USER_IDS, CONTENT_DIR as the app does).`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const OPTIONS = { csv: { type: 'boolean' }, manager: { type: 'string' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** The shared config parser; the CLI never calls Slack and hashes nothing (placeholder tokens, pulse off). */
function cliConfig(env: Record<string, string | undefined>, io: CliIo): Config | undefined {
  try {
    return loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-report-cli-offline',
      SLACK_APP_TOKEN: 'xapp-report-cli-offline',
      DATABASE_PATH: env.DATABASE_PATH,
      DATABASE_URL: env.DATABASE_URL,
      PULSE_MIN_RESPONSES: env.PULSE_MIN_RESPONSES,
      ADMIN_USER_IDS: env.ADMIN_USER_IDS,
      CONTENT_DIR: env.CONTENT_DIR,
      PULSE_ENABLED: 'false', // reads released answers only: no receipt, no secret
    });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(err.message);
    return undefined;
  }
}

/** The content library, as at start-up: a broken one stops here, before the database is opened. */
function cliContent(config: Config, io: CliIo): ContentLibrary | undefined {
  try {
    return loadContent({ baseDir: path.join(projectRoot(), 'prompts'), overrideDir: config.contentDir });
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    io.err(`CONTENT_DIR: ${err.message}:\n${err.problems.join('\n')}`);
    return undefined;
  }
}

/** The report service as the app builds it, leadership (turnover columns) included: the CSV must be the export's. */
function cliReports(db: Executor, config: Config, library: ContentLibrary, clock: Clock, manager: string | undefined): ReportService {
  // The CSV carries no comment: the pulse reads need no data key (a sealed comment would read as nothing).
  const pulse = createPulseReads(db, { sealer: createTextSealer({}) });
  const guidance = createGuidanceSource({ library, seen: createGuidanceSeenRepository(db), clock });
  return createReportService({
    reads: createReportReadModel(db),
    pulse,
    clock,
    // Without --manager the operator asks for the whole organisation, as an admin would.
    isAdmin: () => manager === undefined,
    minResponses: config.pulseMinResponses,
    leadership: createLeadership({ db, config, clock, guidance, pulse: () => pulse }),
  });
}

/** The CLI's work, testable: returns the exit code. */
export async function runReportCli(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo, clock: Clock = systemClock): Promise<number> {
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
  const config = cliConfig(env, io);
  const library = config && cliContent(config, io);
  if (!config || !library) return 2;
  const manager = args.values.manager;
  // An unreachable server or a file that cannot be opened: one line, not a stack trace.
  const storage = await openCliStorage(config, args.values.db).catch((err: Error) => void io.err(err.message));
  if (!storage) return 1;
  const db = storage.db;
  try {
    const rows = await cliReports(db, config, library, clock, manager).exportRows(manager ?? 'cli');
    await createEventLog(db).append({ kind: 'report.exported', actorId: 'cli', subjectId: manager, data: { managers: rows.managers.length, via: 'cli' } }, clock.now());
    io.out(reportCsv(rows.managers));
    return 0;
  } catch (err) {
    if (isDomainError(err)) {
      io.err(err.userMessage);
      return 1;
    }
    throw err;
  } finally {
    await storage.close();
  }
}

if (require.main === module) {
  void runReportCli(process.argv.slice(2), process.env, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(`${t}\n`) }).then((code) => {
    process.exitCode = code;
  });
}
