import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import type { Clock } from './domain/ports';
import type { Db } from './storage/database';
import type { EngineKind, Executor } from './storage/engine';
import { openStorage, schemaVersion, type Storage } from './storage/open-storage';
import { startCheckpointer } from './storage/checkpointer';
import { createDatabaseHealth, type DatabaseHealth } from './storage/health';
import { createDeliveryLog } from './storage/event-log';
import { createSeenRequests } from './storage/seen-requests';
import { createClaims } from './storage/claims';
import { loadContent } from './content/loader';
import { OLD_FORMAT_WARNING } from './content/legacy';
import { createSlackApp, type SlackApp } from './slack/app';
import { startScheduler, type Scheduler } from './jobs/scheduler';
import { projectRoot } from './project-root';
import { systemClock } from './clock';
import { composeServices, type ComposeOptions } from './compose';
import { createMetrics, type Metrics } from './metrics';
import { installLastResort } from './last-resort';
import { holdRunningMarker } from './storage/running-marker';
import { checkDataKeyAtStart, sealLegacyText } from './data-keys-at-start';
import { createDashboardRoutes } from './web/dashboard/routes';

export interface Leadwell {
  /** SQLite only: the file's own connection (tests, the playground). */
  db?: Db;
  /** The database on either engine. */
  store: Executor;
  engine: EngineKind;
  slack: SlackApp;
  scheduler: Scheduler;
  metrics: Metrics;
  stop(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Real time for request signatures (defaults to the system clock; tests move it to replay a request later). */
  requestClock?: Clock;
  /** Tests and the playground drive jobs by hand. */
  schedulerEnabled?: boolean;
  /** The shipped library; tests point it at a small fixture library of their own. Default: prompts/. */
  contentBaseDir?: string;
  /** How long to keep retrying an unreachable Slack at start-up (default 2 minutes). */
  startupDeadlineMs?: number;
  /** Tests: the outbox dispatcher's step hook (the chaos harness kills the process there). */
  outbox?: ComposeOptions['outbox'];
  /** Tests: storage opened by the caller (PGlite); default: opened from DATABASE_URL or DATABASE_PATH. */
  storage?: Storage;
}

/** SIGTERM must end the process even if something hangs: orchestrators kill after ~30 s anyway. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The composition root: config → logger → db + migrations → content → services → Slack app → jobs. */
export async function startLeadwell(options: StartOptions): Promise<Leadwell> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  // Content first: a broken library stops start-up before anything is opened.
  const library = loadContent({ baseDir: options.contentBaseDir ?? path.join(projectRoot(), 'prompts'), overrideDir: config.contentDir });
  logContentWarnings(logger, library.warnings);
  const storage = options.storage ?? (await openStorage(config, { onIdleError: (err) => logger.warn({ err }, 'a PostgreSQL connection broke while idle; the pool replaces it') }));
  const { db: store, sqlite: db } = storage;
  logger.info({ engine: storage.engine, database: storage.where }, 'storage ready');
  // SQLite: checkpoints run on a timer, on their own thread, off the request path (docs/performance.md).
  const checkpointer = db ? startCheckpointer(db, { onError: (err) => logger.error({ err }, 'WAL checkpoint failed') }) : undefined;
  let slack: SlackApp | undefined;
  let marker: { release(): void } | undefined;
  try {
    const dataKeys = await checkDataKeyAtStart(store, config);
    if (db) marker = holdRunningMarker(config.databasePath);
    const composition = composeServices({ config, logger, clock, db, store, library, outbox: options.outbox });
    await composition.prepare();
    const appVersion = version();
    const metrics = createMetrics();
    metrics.setQueueReader(() => composition.sendQueue());
    const requestClock = options.requestClock ?? systemClock;
    const dashboard = config.dashboard;
    const routes = dashboard
      ? createDashboardRoutes({
          config: dashboard,
          apiUrl: config.slack.apiUrl,
          service: composition.dashboard,
          isInstallation: (teamId) => composition.deps.workspaces.isInstallation(teamId),
          audit: composition.deps.audit,
          logger: logger.child({ area: 'dashboard' }),
          claims: createClaims(store),
          now: () => requestClock.now(),
        })
      : [];
    slack = createSlackApp({
      routes,
      metrics,
      startupDeadlineMs: options.startupDeadlineMs,
      config,
      logger,
      clock,
      deliveries: createDeliveryLog(store),
      health: healthCheck(createDatabaseHealth(store, { file: db ? config.databasePath : undefined }), () => composition.deps.guidance.count(), appVersion, storage.engine, () => schemaVersion(store)),
      seenRequests: createSeenRequests(store, db),
      requestClock,
      deps: composition.deps,
    });
    await slack.start();
    await composition.recover();
    sealLegacyText(store, dataKeys, logger);
    const scheduler = startScheduler({
      jobs: composition.jobs,
      deps: composition.jobDeps,
      clock,
      logger,
      enabled: options.schedulerEnabled,
      metrics,
    });
    const app = slack;
    return {
      db,
      store,
      engine: storage.engine,
      slack: app,
      scheduler,
      metrics,
      async stop() {
        composition.stop();
        await scheduler.stop();
        await app.stop();
        await composition.leave().catch((err: unknown) => logger.warn({ err }, 'pulse: could not hand the pool key over at shutdown; waiting answers are asked again'));
        marker?.release();
        await checkpointer?.stop();
        if (!options.storage) await storage.close();
      },
    };
  } catch (err) {
    await slack?.stop().catch(() => undefined);
    marker?.release();
    await checkpointer?.stop();
    if (!options.storage) await storage.close();
    throw err;
  }
}

/** /healthz: not ok (503) with a plain reason when the database is corrupt, read-only, full or unreachable. */
function healthCheck(database: () => Promise<DatabaseHealth>, contentItems: () => number, appVersion: string, engine: EngineKind, version: () => Promise<number>) {
  return async () => {
    const db = await database();
    const schema = db.ok ? await version().catch(() => 0) : 0;
    return { ok: db.ok, database: db.ok, ...(db.reason ? { reason: db.reason } : {}), engine, schemaVersion: schema, contentItems: contentItems(), version: appVersion };
  };
}

/** `npm start`: parse config, start, and shut down gracefully on SIGTERM/SIGINT. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel });
  installLastResort(logger);
  let leadwell: Leadwell;
  try {
    leadwell = await startLeadwell({ config, logger });
  } catch (err) {
    const e = err as { code?: string; message?: string; problems?: string[]; data?: { error?: string } };
    const detail = e.problems ? `\n  - ${e.problems.join('\n  - ')}` : '';
    const slackError = e.data?.error ? ` (Slack said: ${e.data.error}; check SLACK_BOT_TOKEN and SLACK_API_URL)` : '';
    console.error(`Leadwell cannot start: ${e.message ?? String(err)}${slackError}${detail}`);
    process.exit(1);
  }
  const shutdown = createShutdown({ stop: () => leadwell.stop(), logger, exit: (code) => process.exit(code) });
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/**
 * Graceful shutdown with a watchdog: stop everything and exit 0; exit 1 if stopping fails, takes longer than
 * the timeout, or a second signal arrives (an operator pressing Ctrl-C twice means "now").
 */
export function createShutdown(options: { stop: () => Promise<void>; logger: Logger; exit: (code: number) => void; timeoutMs?: number }) {
  const timeoutMs = options.timeoutMs ?? SHUTDOWN_TIMEOUT_MS;
  let stopping = false;
  return (signal: string): void => {
    if (stopping) {
      options.logger.warn({ signal }, 'second signal during shutdown: exiting now');
      options.exit(1);
      return;
    }
    stopping = true;
    options.logger.info({ signal }, 'shutting down');
    const watchdog = setTimeout(() => {
      options.logger.error({ timeoutMs }, 'shutdown did not finish in time: exiting');
      options.exit(1);
    }, timeoutMs);
    watchdog.unref();
    options
      .stop()
      .then(() => {
        clearTimeout(watchdog);
        options.exit(0);
      })
      .catch((err: unknown) => {
        clearTimeout(watchdog);
        options.logger.error({ err }, 'unclean shutdown');
        options.exit(1);
      });
  };
}

if (require.main === module) {
  void main();
}

/** An operator's old-format files are named one by one (with how to update them); style notes are only counted. */
function logContentWarnings(logger: Logger, warnings: readonly string[]): void {
  const migrated = warnings.filter((w) => w.includes(OLD_FORMAT_WARNING));
  for (const w of migrated) logger.warn({ content: w }, 'content item in the old format, migrated on read');
  if (warnings.length > migrated.length) logger.info({ count: warnings.length - migrated.length }, 'content style warnings: run npm run content:check');
}
