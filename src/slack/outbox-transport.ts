import type { WebClient } from '@slack/web-api';
import type { KnownBlock } from '@slack/types';
import type { OutboxRow } from '../domain/ports';
import { DeliveryError, type OutboxTransport, type SendHooks } from '../domain/outbox/delivery';
import { tierOf } from './method-tiers';
import { toDeliveryError } from './slack-errors';
import type { ChannelTargets } from './channel-target';

export type Rendered = { text: string; blocks?: KnownBlock[] };

/** How one kind of message is shown and where it goes: the recipient's DM with Leadwell, or a channel. */
export interface OutboxRenderer {
  target: 'dm' | 'channel';
  render(model: unknown, row: OutboxRow): Rendered;
}

/** A file for the recipient's DM (the report and audit CSVs, a person's own data); kind FILE_KIND. */
export interface DmFile {
  content: string;
  contentType: string;
  filename: string;
  title: string;
  comment?: string;
}

export const FILE_KIND = 'file';

/** Marks every post so a message in Slack can be traced to its outbox row (the chaos test counts them by it). */
export const OUTBOX_METADATA_TYPE = 'leadwell_outbox';

/** Post errors that mean our picture of a channel is out of date: look it up again next time. */
const STALE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/**
 * The outbox's only way to Slack. Its client must never retry on its own (retryConfig: { retries: 0 }): a
 * retried timeout or 5xx could post twice. Every call takes a slot of its method's tier first; `committing`
 * comes right before chat.postMessage, the one call that cannot be taken back.
 */
export function createOutboxTransport(o: {
  client: WebClient;
  channels: ChannelTargets;
  renderers: Record<string, OutboxRenderer>;
  postsPerMinute: number;
}): OutboxTransport {
  const { client } = o;
  // A file needs the DM's channel id: conversations.open is idempotent, and its answer is kept.
  const dms = new Map<string, string>();

  const callWith = (hooks: SendHooks) => async <T>(method: string, call: () => Promise<T>): Promise<T> => {
    const tier = tierOf(method, o.postsPerMinute);
    await hooks.slot(tier);
    try {
      return await call();
    } catch (err) {
      throw toDeliveryError(err, tier.name);
    }
  };

  async function dmChannel(userId: string, call: ReturnType<typeof callWith>): Promise<string> {
    const known = dms.get(userId);
    if (known) return known;
    const res = await call('conversations.open', () => client.conversations.open({ users: userId }));
    const id = res.channel?.id;
    if (!id) throw new DeliveryError('channel_not_found', 'permanent');
    dms.set(userId, id);
    return id;
  }

  /**
   * files.getUploadURLExternal, the bytes to the upload URL, then files.completeUploadExternal with the DM's
   * channel: the last call is the one that shares the file, so it is the one that commits.
   */
  async function upload(row: OutboxRow, file: DmFile, hooks: SendHooks): Promise<{ channel: string; ts: string }> {
    const call = callWith(hooks);
    const channel = await dmChannel(row.recipient, call);
    const bytes = Buffer.from(file.content, 'utf8');
    const target = await call('files.getUploadURLExternal', () => client.files.getUploadURLExternal({ filename: file.filename, length: bytes.length }));
    if (!target.upload_url || !target.file_id) throw new DeliveryError('no_upload_url', 'transient');
    let res: Response;
    try {
      res = await fetch(target.upload_url, { method: 'POST', body: bytes, headers: { 'content-type': file.contentType } });
    } catch {
      throw new DeliveryError('upload_failed', 'transient');
    }
    if (!res.ok) throw new DeliveryError(`http_${res.status}`, 'transient');
    const fileId = target.file_id;
    const done = await (async () => {
      await hooks.slot(tierOf('files.completeUploadExternal', o.postsPerMinute));
      await hooks.committing();
      return call('files.completeUploadExternal', () =>
        client.files.completeUploadExternal({ files: [{ id: fileId, title: file.title }], channel_id: channel, ...(file.comment ? { initial_comment: file.comment } : {}) }),
      );
    })();
    return { channel, ts: String((done as { files?: Array<{ id?: string }> }).files?.[0]?.id ?? fileId) };
  }

  return {
    async send(row, model, hooks) {
      if (row.kind === FILE_KIND) return upload(row, model as DmFile, hooks);
      const renderer = o.renderers[row.kind];
      if (!renderer) throw new DeliveryError('no_renderer', 'permanent');
      const message = renderer.render(model, row);
      const call = callWith(hooks);
      // A DM goes straight to the user id (Slack posts it in the app's DM with them): no conversations.open, whose
      // Tier 3 budget (50 a minute) would otherwise pace every weekly nudge run.
      const channel = renderer.target === 'dm' ? row.recipient : await o.channels.resolve(row.recipient, call);
      const tier = tierOf('chat.postMessage', o.postsPerMinute);
      await hooks.slot(tier);
      await hooks.committing();
      try {
        const res = await client.chat.postMessage({
          channel,
          text: message.text,
          ...(message.blocks ? { blocks: message.blocks } : {}),
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: OUTBOX_METADATA_TYPE, event_payload: { outbox_id: row.id } },
        });
        return { channel: String(res.channel ?? channel), ts: String(res.ts) };
      } catch (err) {
        const e = toDeliveryError(err, tier.name);
        if (STALE.has(e.code) && renderer.target === 'channel') o.channels.forget(row.recipient);
        throw e;
      }
    },
  };
}
