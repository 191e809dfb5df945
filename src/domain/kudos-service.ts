import { DomainError } from './errors';
import type { Clock, EventLog } from './ports';
import type { PeopleService } from './people-service';
import type { Person } from './people';
import type { ValuesInActionSummary } from './kudos-summary';
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

/** What the channel post came to, as the delivery side reports it. */
export type PostOutcome =
  | { status: 'posted'; channel: string; ts: string }
  | { status: 'not_posted'; reason: NotPostedReason; channel?: string }
  | { status: 'failed'; error: string; channel?: string };

export type NotPostedReason =
  | 'no_channel_configured'
  | 'giver_opted_out'
  | 'channel_not_found'
  | 'private_channel'
  | 'channel_archived';

/** The Slack side of recognition, implemented in slack/kudos-poster.ts. */
export interface KudosDelivery {
  postToChannel(kudos: Kudos): Promise<PostOutcome>;
  /** DMs each recipient; returns the ids that could not be reached. */
  notifyRecipients(kudos: Kudos): Promise<string[]>;
  /** Posts the monthly "values in action" summary in the kudos channel. */
  postSummary(summary: ValuesInActionSummary): Promise<PostOutcome>;
}

export interface KudosRules {
  companyValues: readonly string[];
  dailyCap: number;
  /** false when KUDOS_CHANNEL is unset: kudos are stored and DMed only. */
  channelConfigured: boolean;
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
}

export type GiveResult = { status: 'given'; kudos: Kudos } | { status: 'duplicate'; kudos: Kudos };

export interface DeliveryReport {
  kudos: Kudos;
  post: PostOutcome;
  unreachable: string[];
}

/** Bad input on one or more fields; `fields` maps field → message (the modal shows each on its input). */
export class KudosInputError extends DomainError {
  constructor(readonly fields: Record<string, string>) {
    super('kudos_invalid', Object.values(fields).join(' '), Object.keys(fields)[0]);
  }
}

export interface KudosService {
  /** Checks every rule, then stores the kudos once (one transaction). Throws KudosInputError / DomainError. */
  give(input: GiveKudosInput): Promise<GiveResult>;
  /** Posts in the kudos channel (unless already posted) and DMs the recipients; records the outcome. */
  deliver(kudos: Kudos): Promise<DeliveryReport>;
  /** Channel posts that failed earlier, tried again without a duplicate. For a scheduled job. */
  retryFailedPosts(): Promise<number>;
  rules: KudosRules;
}

const RETRY_PENDING_AFTER_MS = 5 * 60_000;

export function createKudosService(deps: {
  kudos: KudosRepository;
  people: PeopleService;
  events: EventLog;
  clock: Clock;
  delivery: KudosDelivery;
  rules: KudosRules;
}): KudosService {
  const { kudos: repo, people, events, clock, delivery, rules } = deps;

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

  function record(input: GiveKudosInput, giver: Person): GiveResult {
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
    return repo.atomically((): GiveResult => {
      const byKey = repo.byIdempotencyKey(draft.idempotencyKey);
      if (byKey) return { status: 'duplicate', kudos: byKey };
      const twin = repo.givenSince(draft.giverId, now - DUPLICATE_WINDOW_MS).find((k) => isSameKudos(k, draft));
      if (twin) return { status: 'duplicate', kudos: twin };
      const day = localDay(now, giver.tz);
      checkDailyCap({ alreadyToday: repo.recipientsGivenSince(draft.giverId, day.start), adding: recipientIds.length, cap: rules.dailyCap, now, tz: giver.tz });
      const kudos = repo.insert(draft);
      if (!draft.postChannel) {
        repo.markNotPosted(kudos.id, rules.channelConfigured ? 'giver_opted_out' : 'no_channel_configured');
      }
      events.append(
        { kind: 'kudos.given', actorId: giver.id, refId: kudos.id, data: { value: kudos.value, recipients: recipientIds.length } },
        now,
      );
      return { status: 'given', kudos: repo.get(kudos.id) ?? kudos };
    });
  }

  async function postOnce(kudos: Kudos): Promise<PostOutcome> {
    const fresh = repo.get(kudos.id) ?? kudos;
    // A post that already went out is never repeated: post_ts is the proof.
    if (fresh.postTs && fresh.postChannel) return { status: 'posted', channel: fresh.postChannel, ts: fresh.postTs };
    if (fresh.postStatus === 'not_posted') {
      return { status: 'not_posted', reason: (fresh.postError ?? 'giver_opted_out') as NotPostedReason, channel: fresh.postChannel };
    }
    let outcome: PostOutcome;
    try {
      outcome = await delivery.postToChannel(fresh);
    } catch (err) {
      outcome = { status: 'failed', error: errorCode(err) };
    }
    if (outcome.status === 'posted') repo.markPosted(fresh.id, outcome.channel, outcome.ts);
    else if (outcome.status === 'not_posted') repo.markNotPosted(fresh.id, outcome.reason, outcome.channel);
    else repo.markFailed(fresh.id, outcome.error, outcome.channel);
    return outcome;
  }

  async function deliver(kudos: Kudos): Promise<DeliveryReport> {
    const post = await postOnce(kudos);
    let unreachable: string[];
    try {
      unreachable = await delivery.notifyRecipients(kudos);
    } catch {
      unreachable = [...kudos.recipientIds];
    }
    return { kudos: repo.get(kudos.id) ?? kudos, post, unreachable };
  }

  async function retryFailedPosts(): Promise<number> {
    let posted = 0;
    for (const k of repo.retryable(clock.now() - RETRY_PENDING_AFTER_MS, 50)) {
      if ((await postOnce(k)).status === 'posted') posted += 1;
    }
    return posted;
  }

  return { give, deliver, retryFailedPosts, rules };
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

function errorCode(err: unknown): string {
  const e = err as { data?: { error?: string }; code?: string; message?: string };
  return e.data?.error ?? e.code ?? e.message ?? 'unknown_error';
}
