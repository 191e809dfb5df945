import { checkBlocks } from './block-kit';
import { withIds } from './normalize';
import type { BlockKitLimits } from './spec';
import type { EmulatorState } from './state';
import { summarizeArgs, type EphemeralMessage, type Json } from './types';

/** block-kit/limits.json surfaces."response_url.uses" / "response_url.lifetime_minutes". */
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

export interface ResponseTarget {
  userId: string;
  channelId: string;
  /** The message the interaction came from (block_actions, message shortcut), for replace/delete_original. */
  messageTs?: string;
  isEphemeral?: boolean;
}

interface ResponseUrlRecord extends ResponseTarget {
  issuedAt: number;
  uses: number;
}

export interface DeliveryResult {
  status: number;
  body: Json | string;
}

export function createResponseUrls(state: EmulatorState, limits: BlockKitLimits) {
  const records = new Map<string, ResponseUrlRecord>();

  function issue(origin: string, target: ResponseTarget): string {
    const id = state.nextId('R').toLowerCase() + Math.random().toString(36).slice(2, 8);
    records.set(id, { ...target, issuedAt: state.clock.now(), uses: 0 });
    return `${origin}/response/${id}`;
  }

  function violation(error: string, detail: string, args: Json): DeliveryResult {
    state.violations.push({ method: 'response_url', args: summarizeArgs(args), error, detail, rule: 'block_kit' });
    return { status: 400, body: error };
  }

  /** A message from the app for the user: response_url POSTs and slash-command replies go through here. */
  function deliver(target: ResponseTarget, payload: Json, source: EphemeralMessage['source']): DeliveryResult {
    const text = typeof payload.text === 'string' ? payload.text : '';
    const blocks = Array.isArray(payload.blocks) && payload.blocks.length > 0 ? withIds(payload.blocks as Json[], state) : undefined;
    if (payload.delete_original === true || payload.delete_original === 'true') return deleteOriginal(target);
    if (payload.blocks !== undefined) {
      const issue = checkBlocks(payload.blocks, 'message', limits)[0];
      if (issue) return violation('invalid_blocks', `${issue.pointer}: ${issue.message}`, payload);
    }
    if (text === '' && !blocks && !Array.isArray(payload.attachments)) return violation('no_text', 'a message needs text or blocks', payload);
    if (payload.replace_original === true || payload.replace_original === 'true') return replaceOriginal(target, text, blocks);
    const ts = state.nextTs();
    const inChannel = payload.response_type === 'in_channel';
    if (inChannel) {
      state.messages.get(target.channelId)?.push({
        type: 'message', ts, channel: target.channelId, user: state.team.botUserId, bot_id: state.team.botId,
        app_id: state.team.appId, text, ...(blocks ? { blocks } : {}), team: state.team.id,
      });
    } else {
      state.ephemerals.push({ ts, channel: target.channelId, user: target.userId, text, blocks, source });
    }
    // A slash command's response_url has no original message until it posts one: later replace_original targets it.
    if (target.messageTs === undefined) Object.assign(target, { messageTs: ts, isEphemeral: !inChannel });
    return { status: 200, body: { ok: true } };
  }

  function deleteOriginal(target: ResponseTarget): DeliveryResult {
    if (target.isEphemeral) {
      const eph = state.ephemerals.find((e) => e.ts === target.messageTs && e.user === target.userId);
      if (eph) eph.deleted = true;
      return { status: 200, body: { ok: true } };
    }
    const list = state.messages.get(target.channelId) ?? [];
    const index = list.findIndex((m) => m.ts === target.messageTs);
    if (index < 0) return { status: 404, body: 'message_not_found' };
    list.splice(index, 1);
    return { status: 200, body: { ok: true } };
  }

  function replaceOriginal(target: ResponseTarget, text: string, blocks?: Json[]): DeliveryResult {
    if (target.isEphemeral) {
      const eph = state.ephemerals.find((e) => e.ts === target.messageTs && e.user === target.userId);
      if (!eph) return { status: 404, body: 'message_not_found' };
      eph.text = text;
      eph.blocks = blocks;
      return { status: 200, body: { ok: true } };
    }
    const message = (state.messages.get(target.channelId) ?? []).find((m) => m.ts === target.messageTs);
    if (!message) return { status: 404, body: 'message_not_found' };
    message.text = text;
    if (blocks) message.blocks = blocks;
    else delete message.blocks;
    return { status: 200, body: { ok: true } };
  }

  /** POST /response/<id> from the app. */
  function post(id: string, payload: Json): DeliveryResult {
    const record = records.get(id);
    if (!record) return { status: 404, body: 'no_such_response_url' };
    if (state.clock.now() - record.issuedAt > RESPONSE_URL_LIFETIME_MS) {
      state.violations.push({ method: 'response_url', args: payload, error: 'expired', detail: 'response_url is older than 30 minutes', rule: 'response_url' });
      return { status: 404, body: 'expired' };
    }
    if (record.uses >= RESPONSE_URL_USES) {
      state.violations.push({ method: 'response_url', args: payload, error: 'used_up', detail: 'response_url was already used 5 times', rule: 'response_url' });
      return { status: 404, body: 'used_up' };
    }
    record.uses += 1;
    state.calls.push({ method: 'response_url', args: payload, ok: true, at: state.clock.now() });
    const result = deliver(record, payload, 'response_url');
    state.changed();
    return result;
  }

  /** The app's answer to a slash command, delivered as if through that command's response_url (not counted as a use). */
  function deliverAck(url: string, payload: Json): DeliveryResult {
    const record = records.get(url.split('/').pop() ?? '');
    if (!record) throw new Error(`not a response_url of this emulator: ${url}`);
    return deliver(record, payload, 'command_response');
  }

  return { issue, post, deliver, deliverAck };
}

export type ResponseUrls = ReturnType<typeof createResponseUrls>;
