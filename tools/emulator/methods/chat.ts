import type { EmulatorState } from '../state';
import { fail, type EmulatorMessage, type Json } from '../types';
import type { MethodHandler } from '../web-api';
import { checkCanPost, knownUser, messageContent, requireStr, resolveChannel, str } from './common';

function botMessage(state: EmulatorState, channel: string, ts: string, content: { text: string; blocks?: Json[] }, args: Json): EmulatorMessage {
  const message: EmulatorMessage = {
    type: 'message',
    ts,
    channel,
    user: state.team.botUserId,
    bot_id: state.team.botId,
    app_id: state.team.appId,
    text: content.text,
    team: state.team.id,
  };
  if (content.blocks) message.blocks = content.blocks;
  if (args.metadata !== undefined) message.metadata = args.metadata;
  const thread = str(args, 'thread_ts');
  if (thread) message.thread_ts = thread;
  return message;
}

function publicMessage(m: EmulatorMessage): Json {
  const { channel: _channel, ...rest } = m;
  return rest;
}

function findMessage(state: EmulatorState, channelId: string, ts: string | undefined): EmulatorMessage {
  const message = (state.messages.get(channelId) ?? []).find((m) => m.ts === ts);
  if (!message) fail('message_not_found', `no message ${ts ?? '(no ts)'} in ${channelId}`);
  return message;
}

const postMessage: MethodHandler = (args, { state, limits }) => {
  const channel = resolveChannel(state, requireStr(args, 'channel', 'channel_not_found'));
  checkCanPost(state, channel);
  const content = messageContent(args, limits, state);
  const message = botMessage(state, channel.id, state.nextTs(), content, args);
  state.messages.get(channel.id)?.push(message);
  return { channel: channel.id, ts: message.ts, message: publicMessage(message) };
};

const postEphemeral: MethodHandler = (args, { state, limits }) => {
  const channel = resolveChannel(state, requireStr(args, 'channel', 'channel_not_found'));
  const user = knownUser(state, str(args, 'user'));
  checkCanPost(state, channel);
  if (user.deleted) fail('user_not_in_channel', `user ${user.id} is deactivated`);
  // A channel seeded without people counts everyone in (tests need not list members); otherwise membership is checked.
  const people = [...channel.members].filter((id) => id !== state.team.botUserId);
  const inChannel = channel.isIm ? channel.user === user.id : people.length === 0 || channel.members.has(user.id);
  if (!inChannel) fail('user_not_in_channel', `user ${user.id} is not a member of ${channel.id}`);
  const content = messageContent(args, limits, state);
  const ts = state.nextTs();
  state.ephemerals.push({ ts, channel: channel.id, user: user.id, text: content.text, blocks: content.blocks, source: 'chat.postEphemeral' });
  return { message_ts: ts };
};

const update: MethodHandler = (args, { state, limits }) => {
  const channel = resolveChannel(state, requireStr(args, 'channel', 'channel_not_found'));
  const message = findMessage(state, channel.id, str(args, 'ts'));
  if (message.bot_id !== state.team.botId) fail('cant_update_message', 'only the bot\'s own messages can be updated');
  if (channel.isArchived) fail('is_archived', `#${channel.name} is archived`);
  const content = messageContent({ text: message.text, ...args }, limits, state);
  message.text = content.text;
  if (content.blocks) message.blocks = content.blocks;
  else if (args.blocks !== undefined) delete message.blocks;
  message.edited = { user: state.team.botUserId, ts: state.nextTs() };
  return { channel: channel.id, ts: message.ts, text: message.text, message: publicMessage(message) };
};

const del: MethodHandler = (args, { state }) => {
  const channel = resolveChannel(state, requireStr(args, 'channel', 'channel_not_found'));
  const message = findMessage(state, channel.id, str(args, 'ts'));
  if (message.bot_id !== state.team.botId) fail('cant_delete_message', 'only the bot\'s own messages can be deleted');
  const list = state.messages.get(channel.id) ?? [];
  list.splice(list.indexOf(message), 1);
  return { channel: channel.id, ts: message.ts };
};

const getPermalink: MethodHandler = (args, { state }) => {
  const channel = resolveChannel(state, requireStr(args, 'channel', 'channel_not_found'));
  const message = findMessage(state, channel.id, str(args, 'message_ts'));
  const permalink = `https://${state.team.domain}.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}`;
  return { channel: channel.id, permalink };
};

export const chatMethods: Record<string, MethodHandler> = {
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
  'chat.delete': del,
  'chat.getPermalink': getPermalink,
};
