import { randomBytes } from 'node:crypto';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Db } from './storage/database';
import type { Executor } from './storage/engine';
import { createEventLog } from './storage/event-log';
import { createClaims } from './storage/claims';
import type { ContentLibrary } from './content/loader';
import type { ListenerDeps } from './slack/listeners';
import type { Job } from './jobs/job';
import type { Clock } from './domain/ports';
import { createPeopleRepository } from './storage/people-repository';
import { createWorkspaceRepository } from './storage/workspace-repository';
import { createGuidanceSeenRepository } from './storage/guidance-seen-repository';
import { createGuidanceSource } from './content/guidance-source';
import { createPeopleService } from './domain/people-service';
import { createWorkspaceService } from './domain/workspace-service';
import { createKudosRepository } from './storage/kudos-repository';
import { createKudosService } from './domain/kudos-service';
import { createKudosInsights } from './domain/kudos-insights';
import { createOneOnOneRepository } from './storage/one-on-one-repository';
import { createTextSealer } from './storage/sealed-text';
import { createPartnerSearch } from './storage/one-on-one-people-search';
import { createOneOnOneService } from './domain/one-on-ones-service';
import { createLevelService } from './domain/levels';
import { createOrgService } from './domain/org-service';
import { createReportingLineService } from './domain/reporting-lines/reporting-line-service';
import { createReportingLineRequests } from './storage/reporting-line-repository';
import { createReportingLineNotifier } from './slack/reporting-line-notifier';
import { reportingLineExpiryJob, type ReportingLineJobDeps } from './jobs/reporting-lines';
import { createSettingsService } from './domain/settings-service';
import { createHomeService } from './domain/home-service';
import { createWelcomeService } from './domain/welcome';
import { createWelcomeRepository } from './storage/welcome-repository';
import { createHomeReadModel } from './storage/home-read-model';
import { createTipOfWeekStore } from './storage/tip-of-week-store';
import { createOrgReadModel } from './storage/org-read-model';
import { createSlackDirectory } from './slack/directory';
import { createReadClient } from './slack/web-client';
import { createGoalRepository, createGoalReminderPrefs } from './storage/goal-repository';
import { createDevelopmentPlanRepository } from './storage/development-plan-repository';
import { createGoalService } from './domain/goal-service';
import { createDevelopmentPlanService } from './domain/development-plan-service';
import { createGoalSurfaces } from './domain/goal-surfaces';
import { createGoalReminders, goalReminderKind } from './domain/goal-reminders';
import { goalRemindersJob, type GoalReminderJobDeps } from './jobs/goal-reminders';
import { valuesSummaryJob, type KudosJobDeps } from './jobs/kudos-jobs';
import { createNudgeQueue } from './storage/nudge-repository';
import { createNudgeReadModel } from './storage/nudge-read-model';
import { createNudgeDigests } from './domain/nudge-digest';
import { createNudgeService } from './domain/nudge-service';
import { createNudgePlanner, weeklyNudgesJob, type WeeklyNudgesDeps } from './jobs/weekly-nudges';
import { outboxDispatcherJob, type OutboxDispatcherDeps, type OutboxDispatcherOptions } from './jobs/outbox-dispatcher';
import { createOutboxStore } from './storage/outbox-repository';
import { composeOutbox } from './compose-outbox';
import type { OutboxService } from './domain/outbox/outbox-service';
import { weeklyNudgeKind, type PersonGate } from './domain/nudge-outbox';
import { kudosKinds } from './domain/kudos-outbox';
import { createPulseRepository, createPulseSettings } from './storage/pulse-repository';
import { createPulseClaims } from './storage/pulse-claims';
import { createPulsePendingPool } from './storage/pulse-pending';
import { createReportReadModel } from './storage/report-read-model';
import { createPulseService, pulseKind } from './domain/pulse-service';
import { createReportService } from './domain/report-service';
import { pulseJob, pulsePoolJob, type PulseJobDeps } from './jobs/pulse';
import { composeLeadership, watchDepartures } from './compose-leadership';
import { executiveDigestsJob, type ExecutiveDigestJobDeps } from './jobs/executive-digests';
import { backupJob, retentionJob, type DataLifecycleJobDeps } from './jobs/data-lifecycle';
import { composeDataLifecycle } from './compose-data-lifecycle';
import { createDashboardService, type DashboardService } from './domain/dashboard/dashboard-service';
import { createDashboardReadModel } from './storage/dashboard-read-model';
import { createUnitOfWork } from './storage/unit-of-work';

export type JobDeps = GoalReminderJobDeps & WeeklyNudgesDeps & OutboxDispatcherDeps & KudosJobDeps & PulseJobDeps & ReportingLineJobDeps & ExecutiveDigestJobDeps &
  DataLifecycleJobDeps;

export interface Composition {
  /** What the Slack listeners call. */
  deps: ListenerDeps;
  /** The web dashboard's figures (served only when config.dashboard is set). */
  dashboard: DashboardService;
  /** Scheduled work, as data for the scheduler. */
  jobs: Job<JobDeps>[];
  jobDeps: JobDeps;
  /** Called once before Slack requests are taken: forgets pulse answers a stop lost, settles outbox leases a crash left. */
  prepare(): Promise<void>;
  /** Called once before the scheduler starts: settles outbox messages a crash left half-sent. */
  recover(): Promise<void>;
  /** Stops the outbox dispatcher's loop before the scheduler stops. */
  stop(): void;
  /** After the scheduler and Slack stopped: hands the pulse pool's key to the instances still running. */
  leave(): Promise<void>;
  /** What waits in the outbox, for the metrics scrape (as of the previous scrape: the metrics reader is synchronous). */
  sendQueue(): { depth: number; oldestAgeSeconds: number };
}

export interface ComposeOptions {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** SQLite only: the file (backups). */
  db?: Db;
  /** The same database behind Kysely: what converted repositories take (SQLite today, PostgreSQL too). */
  store: Executor;
  library: ContentLibrary;
  /** Tests and the chaos harness: the outbox dispatcher's lease and step hook. */
  outbox?: Partial<Pick<OutboxDispatcherOptions, 'leaseMs' | 'onStep' | 'sleep' | 'maxWaitMs'>>;
}

/**
 * Wires every repository, service and job of the product. Nothing here talks to Slack until it is called.
 * Units of work: each binds the repositories its work touches to the transaction (`trx`), on either engine.
 */
export function composeServices(options: ComposeOptions): Composition {
  const { config, logger, clock, db, store, library } = options;
  // Departures are noticed on every profile write (user_change, users.info, the org import): see compose-leadership.ts.
  const { people: peopleRepo, departures } = watchDepartures({ db: store, clock, config, people: createPeopleRepository(store) });
  const sealer = createTextSealer(config.dataKeys);
  const events = createEventLog(store);
  const guidance = createGuidanceSource({ library, seen: createGuidanceSeenRepository(store), clock });
  const workspaces = createWorkspaceService({ workspaces: createWorkspaceRepository(store), clock });
  const client = createReadClient(config, logger);
  const directory = createSlackDirectory(client);
  const outboxStore = createOutboxStore(store);
  // Producers that wait on their messages (a request) reach the dispatcher made at the end, once every kind exists.
  const late: { outbox?: ReturnType<typeof composeOutbox> } = {};
  const sendNow = {
    plan: (messages: Parameters<OutboxService['plan']>[0]) => outboxStore.plan(messages, clock.now()),
    deliverNow: (which: Parameters<OutboxService['deliverNow']>[0], budgetMs: number) => late.outbox!.dispatcher.deliverNow(which, budgetMs),
  };
  const people = createPeopleService({ people: peopleRepo, directory, clock });
  const kudosRepo = createKudosRepository(store);
  const kudos = createKudosService({
    uow: createUnitOfWork(store, (trx) => ({ kudos: createKudosRepository(trx), outbox: createOutboxStore(trx), events: createEventLog(trx) })),
    people,
    events,
    clock,
    outbox: outboxStore,
    rules: { companyValues: config.companyValues, dailyCap: config.kudosDailyCap, channelConfigured: Boolean(config.kudosChannel), channel: config.kudosChannel },
  });
  const kudosInsights = createKudosInsights({
    kudos: kudosRepo,
    people,
    clock,
    outbox: outboxStore,
    channel: config.kudosChannel,
    companyValues: config.companyValues,
    adminUserIds: config.adminUserIds,
  });
  const goalRepo = createGoalRepository(store);
  const goalPrefs = createGoalReminderPrefs(store);
  const goals = createGoalService({ goals: goalRepo, prefs: goalPrefs, uow: createUnitOfWork(store, (trx) => ({ goals: createGoalRepository(trx), prefs: createGoalReminderPrefs(trx), events: createEventLog(trx) })), people, events, clock });
  const planRepo = createDevelopmentPlanRepository(store);
  const plans = createDevelopmentPlanService({ plans: planRepo, uow: createUnitOfWork(store, (trx) => ({ plans: createDevelopmentPlanRepository(trx), events: createEventLog(trx) })), people, clock });
  const goalSurfaces = createGoalSurfaces({ goals, plans, people, guidance, clock });
  const nudgeQueue = createNudgeQueue(store);
  const leadership = composeLeadership({ db: store, config, clock, logger, guidance, events, departures, queue: nudgeQueue, outbox: outboxStore, pulse: () => pulseRepo });
  const oneOnOneRepo = createOneOnOneRepository(store, { sealer });
  const oneOnOnes = createOneOnOneService({
    oneOnOnes: oneOnOneRepo,
    uow: createUnitOfWork(store, (trx) => ({ oneOnOnes: createOneOnOneRepository(trx, { sealer }), people: createPeopleRepository(trx), events: createEventLog(trx) })),
    people,
    guidance,
    events,
    claims: createClaims(store),
    clock,
    goals: goalSurfaces,
    names: createPartnerSearch(store),
    leadership: leadership.service,
  });
  const levels = createLevelService({ people: peopleRepo, clock, events, adminUserIds: config.adminUserIds });
  const lineRequests = createReportingLineRequests(store);
  const reportingLines = createReportingLineService({
    people,
    requests: lineRequests,
    uow: createUnitOfWork(store, (trx) => ({ people: createPeopleRepository(trx), requests: createReportingLineRequests(trx), events: createEventLog(trx) })),
    notifier: createReportingLineNotifier({ outbox: sendNow, clock, logger: logger.child({ area: 'reporting-lines' }) }),
    clock,
    isAdmin: (id) => levels.isAdmin(id),
  });
  const org = createOrgService({ people, lines: reportingLines });
  const personalSettings = createSettingsService({ people: peopleRepo, levels, clock, events });
  const nudgeReads = createNudgeReadModel(store);
  const nudgeDigests = createNudgeDigests({ reads: nudgeReads, guidance, tips: createTipOfWeekStore(store), levelOf: async (id) => (await levels.levelOf(id)).level, clock, goals, leadership: leadership.service });
  const nudges = createNudgeService({ people: peopleRepo, queue: nudgeQueue, digests: nudgeDigests, events, clock });
  const home = createHomeService({
    people,
    levels,
    reads: createHomeReadModel(store),
    org: createOrgReadModel(store),
    tips: createTipOfWeekStore(store),
    guidance,
    clock,
    goalsHome: goalSurfaces,
    welcome: createWelcomeService({ welcome: createWelcomeRepository(store), clock }),
  });
  // With the pulse off there is no secret and nothing to hash: a throwaway key keeps the types simple.
  const pulseRepo = createPulseRepository(store, { secret: config.hashSecret ?? randomBytes(32).toString('hex'), sealer });
  const pulse = createPulseService({
    enabled: config.pulseEnabled,
    repo: pulseRepo,
    // SQLite has one app process per file (the running marker): a member left on record there is a crashed one.
    pool: createPulsePendingPool(store, { sealer, soleInstance: db !== undefined }),
    claims: createPulseClaims(store),
    settings: createPulseSettings(store),
    people: peopleRepo,
    outbox: outboxStore,
    events,
    clock,
    minResponses: config.pulseMinResponses,
    workspaces,
  });
  const reportReads = createReportReadModel(store);
  const pulseReads = pulse.settledReads();
  const reports = createReportService({
    reads: reportReads,
    pulse: pulseReads,
    clock,
    isAdmin: (id) => levels.isAdmin(id),
    minResponses: config.pulseMinResponses,
    pulseEvery: () => pulse.everyMonths(),
    leadership: leadership.service,
  });
  const dashboard = createDashboardService({
    reads: reportReads,
    activity: createDashboardReadModel(store),
    pulse: pulseReads,
    clock,
    isAdmin: (id) => levels.isAdmin(id),
    minResponses: config.pulseMinResponses,
  });
  const lifecycle = composeDataLifecycle({ config, sqlite: db, store, events, clock, sealer, logger, isAdmin: (id) => levels.isAdmin(id) });
  const gate: PersonGate = { people: peopleRepo, workspaces };
  const outboxParts = composeOutbox({
    config,
    logger,
    clock,
    events,
    store: outboxStore,
    isAdmin: (id) => levels.isAdmin(id),
    dispatcher: options.outbox,
    kinds: {
      weekly: weeklyNudgeKind(gate, nudgeDigests),
      ...leadership.kinds(gate),
      pulse: pulseKind({ gate }),
      'goal-reminder': goalReminderKind({ gate, goalService: goals, prefs: goalPrefs }),
      ...kudosKinds({ kudos: kudosRepo, outbox: outboxStore }),
    },
  });
  late.outbox = outboxParts;
  const outboxDispatcher = outboxParts.dispatcher;
  const deps: ListenerDeps = {
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
    reportingLines,
    levels,
    home,
    personalSettings,
    goals,
    plans,
    nudges,
    reports,
    pulse,
    leadership: { service: leadership.service, goals: leadership.goals, departures: leadership.departures, minGroup: leadership.minGroup },
    audit: lifecycle.audit,
    privacy: lifecycle.privacy,
    retentionLines: lifecycle.retentionLines,
    outbox: outboxParts.service,
  };
  const goalReminders = createGoalReminders({
    goals: goalRepo,
    goalService: goals,
    prefs: goalPrefs,
    people: peopleRepo,
    outbox: outboxStore,
    events,
    clock,
    workspaces,
  });
  const nudgePlanner = createNudgePlanner({ reads: nudgeReads, queue: nudgeQueue, outbox: outboxStore, logger: logger.child({ area: 'nudges' }) });
  let queue = { depth: 0, oldestAgeSeconds: 0 };
  const readQueue = async () => {
    const now = clock.now();
    const { depth, oldestDueAt } = await outboxStore.stats(now);
    queue = { depth, oldestAgeSeconds: oldestDueAt === undefined ? 0 : Math.max(0, Math.round((now - oldestDueAt) / 1000)) };
  };
  return {
    deps,
    dashboard,
    jobs: [goalRemindersJob, weeklyNudgesJob, outboxDispatcherJob, valuesSummaryJob, pulseJob, pulsePoolJob, reportingLineExpiryJob, executiveDigestsJob, retentionJob, ...(config.backup.dir ? [backupJob] : [])],
    jobDeps: { goalReminders, nudgePlanner, outboxDispatcher, valuesSummary: kudosInsights, pulse, reportingLines, executiveDigests: leadership.planner, ...lifecycle.jobDeps },
    prepare: async () => {
      await pulse.recoverLostAnswers();
      await outboxDispatcher.recover();
      await readQueue();
    },
    recover: async () => {
      await outboxDispatcher.recover();
    },
    stop: () => {
      outboxDispatcher.stop();
    },
    leave: () => pulse.leave(),
    sendQueue: () => {
      readQueue().catch((err: unknown) => logger.warn({ err }, 'metrics: could not read the send queue'));
      return queue;
    },
  };
}
