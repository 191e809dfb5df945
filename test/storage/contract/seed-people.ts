import type { SlackProfile } from '../../../src/domain/people';
import type { Executor } from '../../../src/storage/engine';
import { createPeopleRepository } from '../../../src/storage/people-repository';

export const T = 1_800_000_000_000;
export const DAY = 86_400_000;

/** A Slack profile as users.info would give it; `name` defaults to the lower-cased id. */
export function profile(id: string, extra: Partial<SlackProfile> = {}): SlackProfile {
  const name = extra.name ?? id.toLowerCase();
  return { id, teamId: 'T1', name, realName: name, email: `${name}@example.com`, tz: 'Europe/London', isBot: false, deleted: false, ...extra };
}

/** People through the repository under test, then manager lines (`lines`: report id → manager id). */
export async function org(db: Executor, ids: readonly string[], lines: Record<string, string> = {}, at = T) {
  const people = createPeopleRepository(db);
  for (const id of ids) await people.upsertProfile(profile(id), at);
  for (const [report, manager] of Object.entries(lines)) await people.setManager(report, manager, at);
  return people;
}

/** CEO → VP1 → M1 → E1, E2; VP1 → M2 → E3; CEO → VP2 (no reports); E4 has no manager. */
export const THREE_LEVEL = {
  ids: ['UCEO', 'UVP1', 'UVP2', 'UM1', 'UM2', 'UE1', 'UE2', 'UE3', 'UE4'],
  lines: { UVP1: 'UCEO', UVP2: 'UCEO', UM1: 'UVP1', UM2: 'UVP1', UE1: 'UM1', UE2: 'UM1', UE3: 'UM2' } as Record<string, string>,
};
