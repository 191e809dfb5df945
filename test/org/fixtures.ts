import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import type { Db } from '../../src/storage/database';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { createEventLog } from '../../src/storage/event-log';
import type { SlackDirectory, SlackProfile } from '../../src/domain/people';
import { createPeopleService } from '../../src/domain/people-service';

export const NOW = Date.UTC(2026, 10, 25, 10, 0, 0); // Wednesday 25 Nov 2026, 10:00 UTC

export function profile(id: string, extra: Partial<SlackProfile> = {}): SlackProfile {
  const name = extra.name ?? id.toLowerCase();
  return {
    id, teamId: 'T1', name, realName: name, email: `${name}@example.com`, tz: 'Europe/London',
    isBot: false, deleted: false, ...extra,
  };
}

/** A directory answering from a fixed list, counting calls, like users.info / users.lookupByEmail would. */
export function fakeDirectory(profiles: SlackProfile[]): SlackDirectory & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async getUser(id) {
      calls.push(`info:${id}`);
      return profiles.find((p) => p.id === id);
    },
    async lookupByEmail(email) {
      calls.push(`email:${email}`);
      return profiles.find((p) => p.email?.toLowerCase() === email.toLowerCase());
    },
    async listUsers() {
      calls.push('list');
      return profiles;
    },
  };
}

export function clockAt(start = NOW) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms), set: (t: number) => void (now = t) };
}

/**
 * Seeds people and manager lines: `lines` maps report id → manager id.
 * Returns the real repository and service over the database.
 */
export async function seedOrg(db: Db, ids: string[], lines: Record<string, string>, clock = clockAt()) {
  const people = createPeopleRepository(sqliteKysely(db));
  for (const id of ids) await people.upsertProfile(profile(id), clock.now());
  for (const [report, manager] of Object.entries(lines)) await people.setManager(report, manager, clock.now());
  const directory = fakeDirectory(ids.map((id) => profile(id)));
  const service = createPeopleService({ people, directory, clock });
  return { people, service, directory, clock, events: createEventLog(sqliteKysely(db)) };
}

/** CEO → VP1 → M1 → E1, E2; VP1 → M2 → E3; CEO → VP2 (no reports); E4 has no manager. */
export const THREE_LEVEL = {
  ids: ['UCEO', 'UVP1', 'UVP2', 'UM1', 'UM2', 'UE1', 'UE2', 'UE3', 'UE4'],
  lines: { UVP1: 'UCEO', UVP2: 'UCEO', UM1: 'UVP1', UM2: 'UVP1', UE1: 'UM1', UE2: 'UM1', UE3: 'UM2' } as Record<string, string>,
};
