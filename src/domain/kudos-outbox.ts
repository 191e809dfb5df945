import type { OutboxRow, OutboxStore, PlannedMessage } from './ports';
import type { Kudos, KudosRepository } from './kudos';
import type { OutboxKind } from './outbox/delivery';

/**
 * What a kudos sends, as outbox messages of one group: the channel post, a DM to each recipient, and (after all of
 * them are settled) the giver's confirmation saying how it went. Planned in the same transaction as the kudos, so
 * a stored kudos always has its messages, and sent at most once each.
 */
export const KUDOS_POST = 'kudos.post';
export const KUDOS_RECIPIENT = 'kudos.recipient';
export const KUDOS_CONFIRM = 'kudos.confirm';
export const KUDOS_SUMMARY = 'kudos.summary';

export const kudosGroup = (kudosId: number) => `kudos:${kudosId}`;

export type PostOutcome =
  | { status: 'posted'; channel: string; ts: string }
  | { status: 'pending'; reason?: string }
  | { status: 'not_posted'; reason: string; channel?: string }
  | { status: 'failed'; error: string; channel?: string };

/** How a kudos's delivery stands: what the giver's confirmation (DM or reply) says. */
export interface KudosOutcome {
  recipientIds: string[];
  value: string;
  post?: PostOutcome;
  /** Recipients whose DM could not be delivered. */
  unreachable: string[];
  /** Something is still waiting for Slack (a failed try will be retried). */
  pending: boolean;
  duplicate?: boolean;
}

export function kudosMessages(kudos: Kudos, o: { channel?: string; confirmByDm: boolean }): PlannedMessage[] {
  const group = kudosGroup(kudos.id);
  const base = { dueAt: kudos.createdAt, payload: { kudosId: kudos.id }, group };
  const out: PlannedMessage[] = [];
  if (kudos.postStatus === 'pending' && o.channel) out.push({ ...base, kind: KUDOS_POST, recipient: o.channel, dedupeKey: `${group}:post` });
  for (const id of kudos.recipientIds) out.push({ ...base, kind: KUDOS_RECIPIENT, recipient: id, dedupeKey: `${group}:to:${id}` });
  if (o.confirmByDm) out.push({ ...base, kind: KUDOS_CONFIRM, recipient: kudos.giverId, dedupeKey: `${group}:confirm`, waits: true });
  return out;
}

/** "You already sent these": once per re-submission that found its twin. */
export function duplicateNotice(kudos: Kudos, requestKey: string, now: number): PlannedMessage {
  return { kind: KUDOS_CONFIRM, recipient: kudos.giverId, dedupeKey: `${kudosGroup(kudos.id)}:duplicate:${requestKey}`, dueAt: now, payload: { kudosId: kudos.id, duplicate: true } };
}

const ACTIVE = new Set(['planned', 'claimed', 'sending']);

function postOutcome(kudos: Kudos, post: OutboxRow | undefined): PostOutcome {
  if (!post) return { status: 'not_posted', reason: kudos.postError ?? 'giver_opted_out' };
  if (post.status === 'sent') return { status: 'posted', channel: post.channelId ?? '', ts: post.messageTs ?? '' };
  if (ACTIVE.has(post.status)) return { status: 'pending', reason: post.reason };
  if (post.status === 'uncertain') return { status: 'failed', error: 'uncertain' };
  const reason = post.reason ?? 'unknown_error';
  return ['private_channel', 'channel_archived', 'channel_not_found'].includes(reason) ? { status: 'not_posted', reason } : { status: 'failed', error: reason };
}

/** The outcome from the group's rows (the confirmation row itself aside). */
export function kudosOutcome(kudos: Kudos, rows: readonly OutboxRow[]): KudosOutcome {
  const post = rows.find((r) => r.kind === KUDOS_POST);
  const dms = rows.filter((r) => r.kind === KUDOS_RECIPIENT);
  return {
    recipientIds: kudos.recipientIds,
    value: kudos.value,
    post: postOutcome(kudos, post),
    unreachable: dms.filter((r) => r.status === 'failed').map((r) => r.recipient),
    pending: [post, ...dms].some((r) => r !== undefined && ACTIVE.has(r.status)),
  };
}

/** The kudos kinds: rendered at send time from the stored kudos, so an erased kudos is never sent. */
export function kudosKinds(o: { kudos: Pick<KudosRepository, 'get'>; outbox: Pick<OutboxStore, 'inGroup'> }): Record<string, OutboxKind> {
  const load = async (row: OutboxRow) => (typeof row.payload.kudosId === 'number' ? o.kudos.get(row.payload.kudosId) : undefined);
  const message: OutboxKind = {
    async prepare(row) {
      const k = await load(row);
      if (!k) return { skip: 'kudos_gone' };
      return { model: { giverId: k.giverId, recipientIds: k.recipientIds, value: k.value, message: k.message, source: k.source } };
    },
  };
  return {
    [KUDOS_POST]: message,
    [KUDOS_RECIPIENT]: message,
    [KUDOS_CONFIRM]: {
      async prepare(row) {
        const k = await load(row);
        if (!k) return { skip: 'kudos_gone' };
        if (row.payload.duplicate === true) return { model: { recipientIds: k.recipientIds, value: k.value, unreachable: [], pending: false, duplicate: true } };
        return { model: kudosOutcome(k, (await o.outbox.inGroup(kudosGroup(k.id))).filter((r) => r.id !== row.id)) };
      },
    },
  };
}
