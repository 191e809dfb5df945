import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import type { Clock } from './domain/ports';
import { openDatabase, type Db } from './storage/database';
import { createPeopleRepository } from './storage/people-repository';
import { createDeliveryLog, createEventLog } from './storage/event-log';
import { createWorkspaceRepository } from './storage/workspace-repository';
import { createGuidanceSeenRepository } from './storage/guidance-seen-repository';
import { loadContent } from './content/loader';
import { createGuidanceSource } from './content/guidance-source';
import { createPeopleService } from './domain/people-service';
import { createWorkspaceService } from './domain/workspace-service';
import { createKudosRepository } from './storage/kudos-repository';
import { createKudosService } from './domain/kudos-service';
import { createKudosInsights } from './domain/kudos-insights';
import { createOneOnOneRepository } from './storage/one-on-one-repository';
import { createRecognitionReader } from './storage/recognition-reader';
import { createPartnerSearch } from './storage/one-on-one-people-search';
import { createOneOnOneService } from './domain/one-on-ones-service';
import { createLevelService } from './domain/levels';
import { createOrgService } from './domain/org-service';
import { createSettingsService } from './domain/settings-service';
import { createHomeService } from './domain/home-service';
import { createHomeReadModel, createTipOfWeekStore } from './storage/home-read-model';
import { createOrgReadModel } from './storage/org-read-model';
import { createKudosPoster } from './slack/kudos-poster';
import { createSlackApp, type SlackApp } from './slack/app';
import { createSlackDirectory } from './slack/directory';
import { createWebClient } from './slack/web-client';
import { startScheduler, type Scheduler } from './jobs/scheduler';
import { projectRoot } from './project-root';
import { createGoalRepository, createGoalReminderPrefs } from './storage/goal-repository';
import { createDevelopmentPlanRepository } from './storage/development-plan-repository';
import { createGoalService } from './domain/goal-service';
import { createDevelopmentPlanService } from './domain/development-plan-service';
import { createGoalSurfaces } from './domain/goal-surfaces';
import { createGoalReminders } from './domain/goal-reminders';
import { createGoalReminderClaims } from './storage/goal-reminder-repository';
import { createGoalReminderNotifier } from './slack/goal-notifier';
import { goalRemindersJob, type GoalReminderJobDeps } from './jobs/goal-reminders';
import { kudosRetryJob, valuesSummaryJob, type KudosJobDeps } from './jobs/kudos-jobs';
import { systemClock } from './clock';
import { createNudgeQueue } from './storage/nudge-repository';
import { createNudgeReadModel } from './storage/nudge-read-model';
import { createNudgeRateGate } from './storage/nudge-rate-gate';
import { createNudgeDigests } from './domain/nudge-digest';
import { createNudgeService } from './domain/nudge-service';
import { createNotifierClient, createSlackNotifier } from './slack/notifier';
import { createNudgePlanner, weeklyNudgesJob, type WeeklyNudgesDeps } from './jobs/weekly-nudges';
import { createNudgeDispatcher, nudgeDispatcherJob, type NudgeDispatcherDeps } from './jobs/nudge-dispatcher';
import { createPulseRepository, createPulseSettings } from './storage/pulse-repository';
import { createPulseClaims } from './storage/pulse-claims';
import { createReportReadModel } from './storage/report-read-model';
import { createPulseService } from './domain/pulse-service';
import { createReportService } from './domain/report-service';
import { createPulseNotifier } from './slack/pulse-notifier';
import { pulseJob, type PulseJobDeps } from './jobs/pulse';

export interface Leadwell {
  db: Db;
  slack: SlackApp;
  scheduler: Scheduler;
  stop(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Tests and the playground drive jobs by hand. */
  schedulerEnabled?: boolean;
}

function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The composition root: config → logger → db + migrations → content → services → Slack app → jobs. */
export async function startLeadwell(options: StartOptions): Promise<Leadwell> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const library = loadContent({ baseDir: path.join(projectRoot(), 'prompts'), overrideDir: config.contentDir });
  const db = openDatabase(config.databasePath);
  try {
    const peopleRepo = createPeopleRepository(db);
    const events = createEventLog(db);
    const guidance = createGuidanceSource({ library, seen: createGuidanceSeenRepository(db), clock });
    const workspaces = createWorkspaceService({ workspaces: createWorkspaceRepository(db), clock });
    const appVersion = version();
    const client = createWebClient(config, logger);
    const directory = createSlackDirectory(client);
    const people = createPeopleService({ people: peopleRepo, directory, clock });
    const kudosRepo = createKudosRepository(db);
    const kudosDelivery = createKudosPoster({ client, channel: config.kudosChannel, logger: logger.child({ area: 'kudos' }) });
    const kudos = createKudosService({
      kudos: kudosRepo,
      people,
      events,
      clock,
      delivery: kudosDelivery,
      rules: { companyValues: config.companyValues, dailyCap: config.kudosDailyCap, channelConfigured: Boolean(config.kudosChannel) },
    });
    const kudosInsights = createKudosInsights({
      kudos: kudosRepo,
      people,
      clock,
      delivery: kudosDelivery,
      companyValues: config.companyValues,
      adminUserIds: config.adminUserIds,
    });
    const goalRepo = createGoalRepository(db);
    const goalPrefs = createGoalReminderPrefs(db);
    const goals = createGoalService({ goals: goalRepo, prefs: goalPrefs, people, events, clock });
    const plans = createDevelopmentPlanService({ plans: createDevelopmentPlanRepository(db), people, events, clock });
    const goalSurfaces = createGoalSurfaces({ goals, plans, people, guidance, clock });
    const oneOnOnes = createOneOnOneService({
      oneOnOnes: createOneOnOneRepository(db),
      recognition: createRecognitionReader(db),
      people,
      guidance,
      events,
      clock,
      goals: goalSurfaces,
      names: createPartnerSearch(db),
    });
    const levels = createLevelService({ people: peopleRepo, clock, events, adminUserIds: config.adminUserIds });
    const org = createOrgService({ people, clock, events });
    const personalSettings = createSettingsService({ people: peopleRepo, levels, clock, events });
    const nudgeQueue = createNudgeQueue(db);
    const nudgeReads = createNudgeReadModel(db);
    const nudgeDigests = createNudgeDigests({ reads: nudgeReads, guidance, tips: createTipOfWeekStore(db), levelOf: (id) => levels.levelOf(id).level, clock, goals });
    const nudges = createNudgeService({ people: peopleRepo, queue: nudgeQueue, digests: nudgeDigests, events, clock });
    const home = createHomeService({
      people,
      levels,
      reads: createHomeReadModel(db),
      org: createOrgReadModel(db),
      tips: createTipOfWeekStore(db),
      guidance,
      clock,
      goalsHome: goalSurfaces,
    });
    const pulseRepo = createPulseRepository(db, { secret: config.hashSecret });
    const pulse = createPulseService({
      repo: pulseRepo,
      claims: createPulseClaims(db),
      settings: createPulseSettings(db),
      people: peopleRepo,
      notifier: createPulseNotifier({ client, minResponses: config.pulseMinResponses }),
      events,
      clock,
      minResponses: config.pulseMinResponses,
      workspaces,
      pace: { intervalMs: 60_000 / config.nudgeRatePerMinute },
    });
    const reports = createReportService({
      reads: createReportReadModel(db),
      pulse: pulseRepo,
      clock,
      isAdmin: (id) => levels.isAdmin(id),
      minResponses: config.pulseMinResponses,
      pulseEvery: () => pulse.everyMonths(),
    });
    const slack = createSlackApp({
      config,
      logger,
      clock,
      deliveries: createDeliveryLog(db),
      health: () => {
        let database: boolean;
        try {
          database = db.prepare('SELECT 1 AS ok').get() !== undefined;
        } catch {
          database = false;
        }
        return { ok: database, database, contentItems: guidance.count(), version: appVersion };
      },
      deps: {
        clock,
        settings: {
          adminUserIds: config.adminUserIds,
          companyValues: config.companyValues,
          kudosChannel: config.kudosChannel,
          kudosDailyCap: config.kudosDailyCap,
        },
        guidance,
        people,
        workspaces,
        events,
        kudos,
        kudosInsights,
        oneOnOnes,
        org,
        levels,
        home,
        personalSettings,
        goals,
        plans,
        nudges,
        reports,
        pulse,
      },
    });
    await slack.start();
    const goalReminders = createGoalReminders({
      goals: goalRepo,
      goalService: goals,
      prefs: goalPrefs,
      people: peopleRepo,
      claims: createGoalReminderClaims(db),
      notifier: createGoalReminderNotifier({ client }),
      events,
      clock,
      workspaces,
    });
    const nudgePlanner = createNudgePlanner({ reads: nudgeReads, queue: nudgeQueue, logger: logger.child({ area: 'nudges' }) });
    const nudgeDispatcher = createNudgeDispatcher({
      queue: nudgeQueue,
      gate: createNudgeRateGate(db),
      notifier: createSlackNotifier({ client: createNotifierClient(config, logger), clock }),
      digests: nudgeDigests,
      people: peopleRepo,
      workspaces,
      clock,
      logger: logger.child({ area: 'nudges' }),
      ratePerMinute: config.nudgeRatePerMinute,
    });
    nudgeDispatcher.recover();
    const scheduler = startScheduler<GoalReminderJobDeps & WeeklyNudgesDeps & NudgeDispatcherDeps & KudosJobDeps & PulseJobDeps>({
      jobs: [goalRemindersJob, weeklyNudgesJob, nudgeDispatcherJob, kudosRetryJob, valuesSummaryJob, pulseJob],
      deps: { goalReminders, nudgePlanner, nudgeDispatcher, kudosPosts: kudos, valuesSummary: kudosInsights, pulse },
      clock,
      logger,
      enabled: options.schedulerEnabled,
    });
    return {
      db,
      slack,
      scheduler,
      async stop() {
        nudgeDispatcher.stop();
        pulse.stop();
        await scheduler.stop();
        await slack.stop();
        db.close();
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
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
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    leadwell
      .stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'unclean shutdown');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  void main();
}
