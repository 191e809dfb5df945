import { createOutboxStore } from '../../src/storage/outbox-repository';
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { createFixedClock, type FixedClock } from '../../src/clock';
import { freshDb } from '../helpers/db';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { createEventLog } from '../../src/storage/event-log';
import { createKudosRepository } from '../../src/storage/kudos-repository';
import { createPeopleService } from '../../src/domain/people-service';
import { createKudosService } from '../../src/domain/kudos-service';
import { kudosKinds } from '../../src/domain/kudos-outbox';
import { outboxWorld } from '../helpers/outbox';
import type { SlackProfile } from '../../src/domain/people';
import { unitOfWork } from '../helpers/unit-of-work';

export const VALUES = ['Customer first', 'Ownership', 'Craft'];
export const TEAM = 'T111';

export function profile(id: string, extra: Partial<SlackProfile> = {}): SlackProfile {
  return { id, teamId: TEAM, name: id.toLowerCase(), realName: `Person ${id}`, tz: 'Europe/Paris', isBot: false, deleted: false, ...extra };
}

/** The real service over a real database; Slack's directory is the only fake (a map of profiles). */
export function kudosWorld(options: { cap?: number; start?: number; channel?: boolean; directory?: SlackProfile[] } = {}) {
  const { db, cleanup } = freshDb();
  const clock: FixedClock = createFixedClock(options.start ?? Date.UTC(2026, 10, 25, 12, 0, 0));
  const directory = new Map((options.directory ?? defaultDirectory()).map((p) => [p.id, p]));
  const peopleRepo = createPeopleRepository(sqliteKysely(db));
  const people = createPeopleService({
    people: peopleRepo,
    clock,
    directory: {
      getUser: async (id) => directory.get(id),
      lookupByEmail: async () => undefined,
      listUsers: async () => [...directory.values()],
    },
  });
  // The real outbox (store and dispatcher) with a fake Slack edge: what was "sent" is in outbox.transport.
  const repo = createKudosRepository(sqliteKysely(db));
  const outbox = outboxWorld(db, clock, (store) => kudosKinds({ kudos: repo, outbox: store }));
  const channel = options.channel ?? true;
  const events = createEventLog(sqliteKysely(db));
  const service = createKudosService({
    uow: unitOfWork(db, (trx) => ({ kudos: createKudosRepository(trx), outbox: createOutboxStore(trx), events: createEventLog(trx) })),
    people,
    events,
    clock,
    outbox: outbox.store,
    rules: { companyValues: VALUES, dailyCap: options.cap ?? 10, channelConfigured: channel, channel: channel ? 'CKUDOS' : undefined },
  });
  return { db, cleanup, clock, directory, people, repo, service, outbox };
}

export function defaultDirectory(): SlackProfile[] {
  return [
    profile('UGIVER'),
    ...['UA', 'UB', 'UC', 'UD', 'UE', 'UF', 'UG', 'UH', 'UI', 'UJ', 'UK', 'UL'].map((id) => profile(id)),
    profile('UBOT', { isBot: true }),
    profile('UGONE', { deleted: true }),
    profile('UOUTSIDER', { teamId: 'T999' }),
    profile('UTOKYO', { tz: 'Asia/Tokyo' }),
  ];
}

export const baseInput = {
  giverId: 'UGIVER',
  teamId: TEAM,
  recipientIds: ['UA'],
  value: 'Craft',
  message: 'Your test plan caught the billing bug before release.',
  messageIsEscaped: false,
  postInChannel: true,
};
