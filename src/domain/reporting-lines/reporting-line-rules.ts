import { displayName, type PeopleRepository, type Person } from '../people';
import type { PeopleService } from '../people-service';
import type { DecisionRefusal, ReportingLineRequest, ReportingLineRequests, ReportingLineResult } from './reporting-line';

const DAY_MS = 24 * 60 * 60 * 1000;
/** New asks a non-admin may make in a rolling day. Each DMs the person and their manager: this bounds the DMs one person can cause. */
export const ASKS_PER_DAY = 30;
/** After a "Not me" or "Not right", the same person is not asked again for the same manager for this long. */
export const DECLINED_QUIET_MS = 30 * DAY_MS;

export const TOO_MANY_ASKS =
  `you have asked for ${ASKS_PER_DAY} people in the last day, as many as Leadwell asks for at once. ` +
  'Ask again tomorrow, or ask a Leadwell admin to import the org chart';

export type Checked = { person: Person } | { refused: Extract<ReportingLineResult, { outcome: 'refused' }> } | { already: true };

/** Whether `managerId` can become the manager of `personId` at all (before asking anyone). */
export async function checkLine(people: PeopleService, managerId: string, personId: string): Promise<Checked> {
  const person = await people.ensure(personId);
  const name = person ? displayName(person) : personId;
  const refuse = (reason: string): Checked => ({ refused: { outcome: 'refused', personId, name, reason } });
  if (!person) return refuse('Slack does not know this user');
  if (person.isBot) return refuse('apps and bots cannot be on a team');
  if (person.deleted) return refuse('this account is deactivated');
  if (personId === managerId) return refuse('you cannot be your own manager');
  if (person.managerId === managerId) return { already: true };
  if (await people.repository.wouldCycle(personId, managerId)) return refuse(`${name} is above you in the org chart (that would make a loop)`);
  return { person };
}

/**
 * A new ask that would only badger people: they said no to this manager lately, or the requester already asked for
 * as many people as a day allows. A repeat of a pending ask is never refused here (it sends nothing new).
 */
export async function askRefusal(requests: ReportingLineRequests, now: number, requesterId: string, personId: string, toManagerId: string): Promise<string | undefined> {
  if (await requests.pending(personId, toManagerId)) return undefined;
  const declinedAt = await requests.lastDeclinedAt(personId, toManagerId, now - DECLINED_QUIET_MS);
  if (declinedAt !== undefined) {
    const again = new Date(declinedAt + DECLINED_QUIET_MS).toISOString().slice(0, 10);
    return `they (or their manager) said no to this on ${new Date(declinedAt).toISOString().slice(0, 10)}, so I won't ask them again before ${again}. A Leadwell admin can set it if it is right`;
  }
  if ((await requests.countRequestedBy(requesterId, now - DAY_MS)) >= ASKS_PER_DAY) return TOO_MANY_ASKS;
  return undefined;
}

/** The manager on record who can still vouch for the person: none when absent or deactivated. */
export async function activeManagerOf(repo: PeopleRepository, person: Person): Promise<Person | undefined> {
  const manager = person.managerId ? await repo.get(person.managerId) : undefined;
  return manager && !manager.deleted ? manager : undefined;
}

/** Who may answer a request: the person, the manager on record when it was made (if still active), and admins. */
export async function mayDecide(repo: PeopleRepository, request: ReportingLineRequest, actorId: string, isAdmin: (id: string) => boolean): Promise<boolean> {
  if (actorId === request.personId || isAdmin(actorId)) return true;
  if (!request.fromManagerId || actorId !== request.fromManagerId) return false;
  const from = await repo.get(request.fromManagerId);
  return Boolean(from && !from.deleted);
}

export const REFUSALS: Record<DecisionRefusal, string> = {
  unknown: "I can't find that request: it may have been replaced by a newer one. Nothing was changed.",
  not_yours: 'Only the person, their manager on record or a Leadwell admin can answer this request. Nothing was changed.',
  already_decided: 'This request was already answered, so nothing changed this time.',
  expired: 'This request has expired and nothing was changed. The new manager can ask again from Leadwell.',
  outdated: "The org chart changed since this was asked, so I didn't apply it. The new manager can ask again if it's still right.",
};
