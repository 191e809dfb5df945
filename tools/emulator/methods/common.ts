import { checkBlocks } from '../block-kit';
import { formatIssues } from '../block-kit-view';
import type { BlockKitLimits } from '../spec';
import { withIds } from '../normalize';
import { dmWith, findChannelByName, type EmulatorState } from '../state';
import { fail, type EmulatorChannel, type EmulatorUser, type Json } from '../types';

export function str(args: Json, key: string): string | undefined {
  const v = args[key];
  if (v === undefined || v === null || v === '') return undefined;
  return typeof v === 'string' ? v : String(v);
}

export function requireStr(args: Json, key: string, error = 'invalid_arguments'): string {
  const v = str(args, key);
  if (v === undefined) fail(error, `${key} is required`);
  return v;
}

/** A known, active-or-not user of this workspace; anyone else is from another workspace. */
export function knownUser(state: EmulatorState, id: string | undefined, error = 'user_not_found'): EmulatorUser {
  const user = id === undefined ? undefined : state.users.get(id);
  if (!user) fail(error, `user ${id ?? '(none)'} is not in this workspace`);
  return user;
}

/** A channel by id or name; a user id means the bot's DM with that user (as chat.postMessage allows). */
export function resolveChannel(state: EmulatorState, ref: string): EmulatorChannel {
  if (/^[UW][A-Z0-9]+$/.test(ref)) {
    const user = state.users.get(ref);
    if (!user) fail('channel_not_found', `channel ${ref} is a user id not in this workspace`);
    if (user.isBot || ref === state.team.botUserId) fail('cannot_dm_bot', `${ref} is a bot user`);
    return dmWith(state, ref);
  }
  const channel = state.channels.get(ref) ?? findChannelByName(state, ref);
  if (!channel) fail('channel_not_found', `no channel ${ref} in this workspace`);
  return channel;
}

/** Slack lets a bot with chat:write.public post in any public channel; private ones need membership. */
export function checkCanPost(state: EmulatorState, channel: EmulatorChannel): void {
  if (channel.isArchived) fail('is_archived', `#${channel.name} is archived`);
  if (channel.isPrivate && !channel.isIm && !channel.botMember) fail('not_in_channel', `the bot is not a member of private channel #${channel.name}`);
  if (channel.isIm) {
    const other = state.users.get(channel.user ?? '');
    if (other?.deleted) fail('account_inactive', `the DM's user ${other.id} is deactivated`);
  }
}

/** text / blocks / attachments of a message: one is needed, blocks must pass Block Kit's message limits. */
export function messageContent(args: Json, limits: BlockKitLimits, state: EmulatorState): { text: string; blocks?: Json[] } {
  const raw = str(args, 'text');
  // Slack keeps no more than 40,000 characters of text (block-kit/limits.json surfaces."message.text.truncated_above").
  const text = raw?.slice(0, limits.get('surfaces', 'message.text.truncated_above').max);
  const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
  const maxAttachments = limits.get('surfaces', 'message.attachments.maxItems').max ?? 100;
  if (Array.isArray(args.attachments) && args.attachments.length > maxAttachments) fail('too_many_attachments', `more than ${maxAttachments} attachments (block-kit/limits.json surfaces."message.attachments.maxItems")`, {}, 'block_kit');
  const markdown = str(args, 'markdown_text');
  if (markdown !== undefined) {
    if (raw !== undefined || args.blocks !== undefined) fail('markdown_text_conflict', 'markdown_text cannot be combined with text or blocks (block-kit/limits.json surfaces."message.markdown_text")', {}, 'arguments');
    const max = limits.get('surfaces', 'message.markdown_text').max ?? 12000;
    if (markdown.length > max) fail('msg_too_long', `markdown_text longer than ${max} (block-kit/limits.json surfaces."message.markdown_text")`, {}, 'block_kit');
    return { text: markdown };
  }
  if (args.blocks !== undefined) {
    if (typeof args.blocks === 'string') fail('invalid_blocks_format', 'blocks is not valid JSON');
    const issues = checkBlocks(args.blocks, 'message', limits);
    const first = issues[0];
    if (first) fail('invalid_blocks', `${first.pointer}: ${first.message}`, { response_metadata: { messages: formatIssues(issues) } });
  }
  const blocks = Array.isArray(args.blocks) && args.blocks.length > 0 ? withIds(args.blocks as Json[], state) : undefined;
  if (text === undefined && !blocks && !hasAttachments) fail('no_text', 'a message needs text, blocks or attachments');
  return { text: text ?? '', blocks };
}
