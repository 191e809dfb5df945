import { DomainError } from './errors';
import type { Person } from './people';
import type { KnownPeople, PeopleService } from './people-service';
import type { PartnerSearch } from './one-on-ones';

/** The person part of a command, already split by the Slack parser. */
export interface TargetText {
  /** Ids from escaped mentions `<@U…|name>`. */
  userIds: readonly string[];
  /** Plain `@name` words. */
  names: readonly string[];
  /** Anything else: a display name typed without @. */
  rest: string;
  /** The raw text, for the length check. */
  raw: string;
}

export const MAX_TARGET_CHARS = 200;
const NAME_SHAPE = /^[\p{L}\p{N}][\p{L}\p{N} ._'’-]*$/u;

export function isEmptyTarget(t: TargetText): boolean {
  return t.userIds.length === 0 && t.names.length === 0 && t.rest.trim() === '';
}

function fail(code: string, message: string): never {
  throw new DomainError(code, message);
}

/** Checks that a resolved person can be someone's 1:1 partner; throws a friendly DomainError otherwise. */
export function checkPartner(managerId: string, teamId: string, person: Person): Person {
  if (person.id === managerId) fail('oneonone_self', "That's you! A 1:1 needs two people — try `/oneonone @name` with someone on your team.");
  // A mention, not the display name: these messages are mrkdwn, and a profile name (anyone's, an external
  // user's too) is text its owner typed, which must never become a link or a ping.
  const who = `<@${person.id}>`;
  if (person.isBot) fail('oneonone_bot', `${who} is a bot, and bots don't do 1:1s. Pick a person instead.`);
  if (person.deleted) {
    fail('oneonone_deactivated', `${who}'s Slack account is deactivated, so there's no 1:1 to prepare. Their history is kept.`);
  }
  if (teamId && person.teamId && person.teamId !== teamId) {
    fail('oneonone_other_workspace', `${who} is in another workspace. Leadwell prepares 1:1s with people in this workspace only.`);
  }
  return person;
}

/**
 * Resolves the one person a command names: an escaped mention, a plain `@name`, or a display
 * name typed without @. Every refusal is a DomainError with a message safe to show.
 */
export async function resolvePartner(
  people: PeopleService,
  managerId: string,
  teamId: string,
  t: TargetText,
  search?: PartnerSearch,
  known?: KnownPeople,
): Promise<Person> {
  if (t.raw.length > MAX_TARGET_CHARS) {
    fail('oneonone_too_long', `That's longer than I can read (${MAX_TARGET_CHARS} characters at most). Just mention one person, like \`/oneonone @alice\`.`);
  }
  if (t.userIds.length + t.names.length > 1) {
    fail('oneonone_many', 'One person at a time, please: `/oneonone @alice`. 1:1s are one to one.');
  }
  const [userId] = t.userIds;
  if (userId) {
    if (userId === managerId) return checkPartner(managerId, teamId, { id: managerId } as Person);
    // This request's row when it read one (refreshed from Slack when stale, as ensure() does), otherwise a read.
    const row = known?.get(userId);
    const person = row ? await people.ensureRead(userId, row) : await people.ensure(userId);
    if (!person) fail('oneonone_other_workspace', "I can't find that person in this workspace. Are they in another workspace, or was the mention pasted from elsewhere?");
    return checkPartner(managerId, teamId, person);
  }
  const typed = (t.names[0] ?? t.rest).trim();
  if (t.names.length === 0 && t.rest.trim() !== '' && !NAME_SHAPE.test(typed)) {
    fail('oneonone_garbled', "I couldn't read a name in that. Mention the person with @, like `/oneonone @alice` — or `/oneonone help`.");
  }
  let found = await people.findByName(typed);
  // "@alice" for Alice Doe: her first name, when nobody is called exactly that.
  if (found.length === 0 && search) found = await people.repository.getMany((await search.byFirstName(typed, 6)).map((p) => p.id));
  if (found.length === 0) fail('oneonone_unknown', `I don't know anyone called “${typed}”. Mention them with @ so Slack fills in the right person.`);
  if (found.length > 1) {
    const who = found.slice(0, 5).map((p) => `<@${p.id}>`).join(', ');
    fail('oneonone_ambiguous', `Several people are called “${typed}” (${who}). Mention the one you mean with @.`);
  }
  return checkPartner(managerId, teamId, found[0] as Person);
}
