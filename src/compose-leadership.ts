import type { Config } from './config';
import type { Logger } from './logger';
import type { Executor } from './storage/engine';
import type { Clock, EventLog, GuidanceSource } from './domain/ports';
import type { PeopleRepository } from './domain/people';
import type { PulseAggregate } from './domain/pulse';
import type { NudgeQueue } from './domain/nudge-ports';
import type { OutboxStore } from './domain/ports';
import { createEventLog } from './storage/event-log';
import { createDepartureRepository } from './storage/departure-repository';
import { createOrgGoalRepository } from './storage/org-goal-repository';
import { createLeadershipReadModel } from './storage/leadership-read-model';
import { createDepartureService, type DepartureService } from './domain/leadership/departures';
import { createLeadershipService, type LeadershipService } from './domain/leadership/leadership-service';
import { createOrgGoalService, type OrgGoalService } from './domain/leadership/org-goal-service';
import { createExecutiveDigestPlanner, executiveKind, type ExecutiveDigestPlanner } from './jobs/executive-digests';
import type { OutboxKind } from './domain/outbox/delivery';
import type { PersonGate } from './domain/nudge-outbox';
import { EXECUTIVE_KIND } from './domain/leadership/executive-schedule';

/**
 * Wiring for "coaching the coaches" (issue 21), kept out of compose.ts so the features beside it merge cleanly.
 * `watchDepartures` wraps the people repository first, so every profile write (user_change, users.info, the org
 * import) records a departure; the rest needs the guidance source and the pulse reads.
 */

export function watchDepartures(options: { db: Executor; clock: Clock; config: Pick<Config, 'adminUserIds'>; people: PeopleRepository }): { people: PeopleRepository; departures: DepartureService } {
  const departures = createDepartureService({
    departures: createDepartureRepository(options.db),
    people: options.people,
    events: createEventLog(options.db),
    clock: options.clock,
    isAdmin: (id) => options.config.adminUserIds.includes(id),
  });
  return { people: departures.watching(options.people), departures };
}

type PulseAggregates = () => { aggregates(period: string, managerIds?: readonly string[]): Promise<PulseAggregate[]> };

/**
 * The leadership service alone: what the app composes below and what `npm run report` builds, so the CLI's
 * CSV has the same turnover columns as `/coach report export`.
 */
export function createLeadership(options: { db: Executor; config: Pick<Config, 'adminUserIds' | 'pulseMinResponses'>; clock: Clock; guidance: GuidanceSource; pulse: PulseAggregates }): LeadershipService {
  const { db, config } = options;
  return createLeadershipService({
    reads: createLeadershipReadModel(db),
    departures: createDepartureRepository(db),
    goals: createOrgGoalRepository(db),
    guidance: options.guidance,
    pulse: { aggregates: (period, ids) => options.pulse().aggregates(period, ids) },
    clock: options.clock,
    minGroup: config.pulseMinResponses,
    isAdmin: (id) => config.adminUserIds.includes(id),
  });
}

export interface LeadershipComposition {
  service: LeadershipService;
  goals: OrgGoalService;
  departures: DepartureService;
  planner: ExecutiveDigestPlanner;
  /** The executive digest's kind for the outbox dispatcher. */
  kinds(gate: PersonGate): Record<string, OutboxKind>;
  minGroup: number;
}

export function composeLeadership(options: {
  db: Executor;
  config: Pick<Config, 'adminUserIds' | 'pulseMinResponses'>;
  clock: Clock;
  logger: Logger;
  guidance: GuidanceSource;
  events: EventLog;
  departures: DepartureService;
  queue: NudgeQueue;
  outbox: Pick<OutboxStore, 'plan'>;
  /** The pulse's aggregate reads, looked up when a digest is built (the pulse is wired later in compose). */
  pulse: PulseAggregates;
}): LeadershipComposition {
  const { db, config, clock } = options;
  const isAdmin = (id: string) => config.adminUserIds.includes(id);
  const service = createLeadership(options);
  const goals = createOrgGoalService({ goals: createOrgGoalRepository(db), index: () => service.index({ fresh: true }), clock, events: options.events, isAdmin });
  const planner = createExecutiveDigestPlanner({ candidates: () => service.executiveCandidates(), queue: options.queue, outbox: options.outbox, logger: options.logger.child({ area: 'executive-digests' }) });
  return {
    service,
    goals,
    departures: options.departures,
    planner,
    kinds: (gate) => ({
      [EXECUTIVE_KIND]: executiveKind({ gate, build: (personId, period) => service.executiveDigest(personId, period) }),
    }),
    minGroup: config.pulseMinResponses,
  };
}
