import { DomainError } from './errors';
import type { Clock, EventLog, OutboxRow, OutboxStore, UnitOfWork } from './ports';
import { duplicateNotice, KUDOS_CONFIRM, kudosGroup, kudosMessages, kudosOutcome, type KudosOutcome } from './kudos-outbox';
import type { PeopleService } from './people-service';
import type { Person } from './people';
import {
  checkDailyCap,
  checkMessage,
  DUPLICATE_WINDOW_MS,
  isSameKudos,
  localDay,
  MAX_RECIPIENTS,
  plainFromSlack,
  type Kudos,
  type KudosRepository,
  type KudosSource,
  type NewKudos,
} from './kudos';

export type NotPostedReason = 'no_channel_configured' | 'giver_opted_out';

export interface KudosRules {
  companyValues: readonly string[];
  dailyCap: number;
  /** false when KUDOS_CHANNEL is unset: kudos are stored and DMed only. */
  channelConfigured: boolean;
  /** KUDOS_CHANNEL as configured (an id or #name): the channel post's recipient. */
  channel?: string;
}

export interface GiveKudosInput {
  giverId: string;
  /** The workspace the request came from: people of other workspaces cannot receive kudos. */
  teamId?: string;
  recipientIds: readonly string[];
  value: string;
  /** As typed: plain text from a modal, or Slack-escaped text from a slash command. */
  message: string;
  messageIsEscaped: boolean;
  source?: KudosSource;
  postInChannel: boolean;
  /** Stable for one submission (e.g. the modal's view id) so a re-submit is recognised. */
  requestKey?: string;
  /** The giver hears how it went by DM once it is delivered (the modal); a slash command answers in place instead. */
  confirmByDm?: boolean;
}

export type GiveResult = { status: 'given'; kudos: Kudos } | { status: 'duplicate'; kudos: Kudos };

/** Bad input on one or more fields; `fields` maps field → message (the modal shows each on its input). */
export class KudosInputError extends DomainError {
  constructor(readonly fields: Record<string, string>) {
    super('kudos_invalid', Object.values(fields).join(' '), Object.keys(fields)[0]);
  }
}

export interface KudosService {
  /** Checks every rule, then stores the kudos once (one transaction). Throws KudosInputError / DomainError. */
  give(input: GiveKudosInput): Promise<GiveResult>;
  /** How its messages stand: the giver's confirmation. `rows`: the group's rows when the caller has just read them. */
  outcome(kudos: Kudos, rows?: readonly OutboxRow[]): Promise<KudosOutcome>;
  /** The outbox group of a kudos's messages, to deliver them now. */
  group(kudos: Kudos): string;
  /** Plans the giver's confirmation DM (after the rest of the group) when the reply could not say how it went. */
  confirmLater(kudos: Kudos): Promise<void>;
  rules: KudosRules;
}

/** What giving a kudos writes in one transaction: the duplicate and cap checks see the state the insert lands in. */
export type KudosWork = UnitOfWork<{ kudos: KudosRepository; outbox: Pick<OutboxStore, 'plan'>; events: EventLog }>;

export function createKudosService(deps: {
  uow: KudosWork;
  people: PeopleService;
  events: EventLog;
  clock: Clock;
  outbox: Pick<OutboxStore, 'plan' | 'inGroup'>;
  rules: KudosRules;
}): KudosService {
  const { uow, people, clock, outbox, rules } = deps;

  async function checkRecipients(input: GiveKudosInput, fields: Record<string, string>): Promise<void> {
    const ids = [...new Set(input.recipientIds)];
    if (ids.length === 0) fields.recipients = 'Pick at least one person to recognise.';
    else if (ids.length > MAX_RECIPIENTS) fields.recipients = `Pick at most ${MAX_RECIPIENTS} people for one kudos.`;
    if (fields.recipients) return;
    const others = ids.filter((id) => id !== input.giverId);
    // Looked up together: the modal must answer within Slack's 3 seconds.
    const found = await Promise.all(others.map((id) => people.ensure(id)));
    const problems: string[] = [];
    if (others.length < ids.length) problems.push("You can't give kudos to yourself; recognise someone whose work helped you.");
    others.forEach((id, i) => {
      const why = recipientProblem(found[i], input.teamId);
      if (why) problems.push(`<@${id}> ${why}.`);
    });
    if (problems.length > 0) fields.recipients = problems.join(' ');
  }

  async function give(input: GiveKudosInput): Promise<GiveResult> {
    const fields: Record<string, string> = {};
    await checkRecipients(input, fields);
    if (!rules.companyValues.includes(input.value)) {
      fields.value = `Pick one of the company values: ${rules.companyValues.join(', ')}.`;
    }
    const messageProblem = checkMessage(plainMessage(input));
    if (messageProblem) fields.message = messageProblem;
    if (Object.keys(fields).length > 0) throw new KudosInputError(fields);
    const giver = await people.ensure(input.giverId);
    if (!giver) throw new DomainError('kudos_giver_unknown', 'Slack could not tell me who you are; please try again in a minute.');
    return record(input, giver);
  }

  function record(input: GiveKudosInput, giver: Person): Promise<GiveResult> {
    const now = clock.now();
    const recipientIds = [...new Set(input.recipientIds)];
    const draft: NewKudos = {
      giverId: input.giverId,
      recipientIds,
      value: input.value,
      message: plainMessage(input),
      source: input.source,
      postChannel: input.postInChannel && rules.channelConfigured,
      idempotencyKey: input.requestKey ?? `kudos:${input.giverId}:${now}:${recipientIds.join(',')}`,
      createdAt: now,
    };
    return uow.run(async ({ kudos: repo, outbox, events }): Promise<GiveResult> => {
      const byKey = await repo.byIdempotencyKey(draft.idempotencyKey);
      if (byKey) return { status: 'duplicate', kudos: byKey };
      const twin = (await repo.givenSince(draft.giverId, now - DUPLICATE_WINDOW_MS)).find((k) => isSameKudos(k, draft));
      if (twin) {
        // A twin from another submission gets a word (a modal that is closed cannot show it); a re-submit of the same one does not.
        if (input.confirmByDm && input.requestKey) await outbox.plan([duplicateNotice(twin, input.requestKey, now)], now);
        return { status: 'duplicate', kudos: twin };
      }
      const day = localDay(now, giver.tz);
      checkDailyCap({ alreadyToday: await repo.recipientsGivenSince(draft.giverId, day.start), adding: recipientIds.length, cap: rules.dailyCap, now, tz: giver.tz });
      const kudos = await repo.insert(draft);
      // insert() returns the stored row; only marking it not posted changes it again.
      let stored = kudos;
      if (!draft.postChannel) {
        await repo.markNotPosted(kudos.id, rules.channelConfigured ? 'giver_opted_out' : 'no_channel_configured');
        stored = (await repo.get(kudos.id)) ?? kudos;
      }
      await outbox.plan(kudosMessages(stored, { channel: rules.channel, confirmByDm: input.confirmByDm ?? false }), now);
      await events.append(
        { kind: 'kudos.given', actorId: giver.id, refId: kudos.id, data: { value: kudos.value, recipients: recipientIds.length } },
        now,
      );
      return { status: 'given', kudos: stored };
    });
  }

  return {
    give,
    // A kudos always has a row (each recipient's DM): none handed in means none were read.
    outcome: async (kudos, rows) => kudosOutcome(kudos, (rows?.length ? rows : await outbox.inGroup(kudosGroup(kudos.id))).filter((r) => r.kind !== KUDOS_CONFIRM)),
    group: (kudos) => kudosGroup(kudos.id),
    confirmLater: async (kudos) => {
      await outbox.plan(kudosMessages(kudos, { confirmByDm: true }).filter((m) => m.kind === KUDOS_CONFIRM), clock.now());
    },
    rules,
  };
}

function recipientProblem(person: Person | undefined, teamId: string | undefined): string | undefined {
  if (!person) return "is not someone I can find in this workspace";
  if (person.isBot) return 'is a bot; kudos are for people';
  if (person.deleted) return 'has been deactivated, so they would never see it';
  if (teamId && person.teamId && person.teamId !== teamId) return 'is outside this workspace';
  return undefined;
}

function plainMessage(input: Pick<GiveKudosInput, 'message' | 'messageIsEscaped'>): string {
  return (input.messageIsEscaped ? plainFromSlack(input.message) : input.message).trim();
}
