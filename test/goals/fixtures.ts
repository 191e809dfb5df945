import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import type { Db } from '../../src/storage/database';
import type { SlackDirectory, SlackProfile } from '../../src/domain/people';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { createPeopleService } from '../../src/domain/people-service';
import { createEventLog } from '../../src/storage/event-log';
import { createGoalRepository, createGoalReminderPrefs } from '../../src/storage/goal-repository';
import { createDevelopmentPlanRepository } from '../../src/storage/development-plan-repository';
import { createGoalService } from '../../src/domain/goal-service';
import { createDevelopmentPlanService } from '../../src/domain/development-plan-service';
import { createFixedClock, type FixedClock } from '../../src/clock';
import { unitOfWork } from '../helpers/unit-of-work';

export const NOW = Date.UTC(2026, 10, 27, 15, 0, 0); // Friday 27 Nov 2026, 15:00 UTC
export const DAY = 24 * 60 * 60 * 1000;

export function profile(id: string, name: string, extra: Partial<SlackProfile> = {}): SlackProfile {
  return { id, teamId: 'T1', name, realName: `${name} Example`, tz: 'Europe/Paris', isBot: false, deleted: false, ...extra };
}

function directory(profiles: SlackProfile[]): SlackDirectory {
  return { getUser: async (id) => profiles.find((p) => p.id === id), lookupByEmail: async () => undefined, listUsers: async () => profiles };
}

/**
 * The org every goals test uses: Maria manages Alice and Bob (teammates); Carol reports to Olga
 * (another team: a stranger to Alice); Adam is an admin with no reporting line to anyone.
 */
export const ORG = {
  manager: 'UMARIA',
  owner: 'UALICE',
  teammate: 'UBOB',
  stranger: 'UCAROL',
  otherManager: 'UOLGA',
  admin: 'UADAM',
} as const;

export async function goalsWorld(db: Db, clock: FixedClock = createFixedClock(NOW)) {
  const profiles = [
    profile(ORG.manager, 'Maria'),
    profile(ORG.owner, 'Alice', { tz: 'America/Los_Angeles' }),
    profile(ORG.teammate, 'Bob'),
    profile(ORG.stranger, 'Carol'),
    profile(ORG.otherManager, 'Olga'),
    profile(ORG.admin, 'Adam'),
  ];
  const peopleRepo = createPeopleRepository(sqliteKysely(db));
  for (const p of profiles) await peopleRepo.upsertProfile(p, clock.now());
  await peopleRepo.setManager(ORG.owner, ORG.manager, clock.now());
  await peopleRepo.setManager(ORG.teammate, ORG.manager, clock.now());
  await peopleRepo.setManager(ORG.stranger, ORG.otherManager, clock.now());
  const people = createPeopleService({ people: peopleRepo, directory: directory(profiles), clock });
  const events = createEventLog(sqliteKysely(db));
  const goalRepo = createGoalRepository(sqliteKysely(db));
  const prefs = createGoalReminderPrefs(sqliteKysely(db));
  const goals = createGoalService({ goals: goalRepo, prefs, uow: unitOfWork(db, (trx) => ({ goals: createGoalRepository(trx), prefs: createGoalReminderPrefs(trx), events: createEventLog(trx) })), people, events, clock });
  const planRepo = createDevelopmentPlanRepository(sqliteKysely(db));
  const plans = createDevelopmentPlanService({ plans: planRepo, uow: unitOfWork(db, (trx) => ({ plans: createDevelopmentPlanRepository(trx), events: createEventLog(trx) })), people, clock });
  return { clock, people, peopleRepo, goals, goalRepo, plans, events };
}

let seq = 0;
/** A valid goal as the modal would send it. */
export function goalInput(extra: Record<string, string | undefined> = {}) {
  return { title: 'Ship the billing migration', why: 'Customers wait on it', measure: 'All accounts moved', dueOn: '2027-01-15', kind: 'personal', visibility: 'manager', ...extra };
}
export const key = (p = 'k') => `${p}:${(seq += 1)}`;
