import type { EmulatorState } from '../state';
import { fail, type EmulatorFile, type Json } from '../types';
import type { MethodHandler } from '../web-api';
import { checkCanPost, requireStr, resolveChannel, str } from './common';

const getUploadURLExternal: MethodHandler = (args, { state, origin }) => {
  const filename = requireStr(args, 'filename');
  const length = Number(args.length);
  if (!Number.isInteger(length) || length <= 0) fail('invalid_arguments', `length must be a positive integer, got ${String(args.length)}`);
  const file: EmulatorFile = { id: state.nextId('F'), filename, length, completed: false, channels: [], created: state.clock.now(), user: state.team.botUserId };
  state.files.set(file.id, file);
  return { upload_url: `${origin}/upload/${file.id}`, file_id: file.id };
};

function fileJson(state: EmulatorState, f: EmulatorFile): Json {
  return {
    id: f.id,
    created: Math.floor(f.created / 1000),
    timestamp: Math.floor(f.created / 1000),
    name: f.filename,
    title: f.title ?? f.filename,
    mimetype: 'application/octet-stream',
    filetype: f.filename.split('.').pop() ?? '',
    user: f.user,
    user_team: state.team.id,
    size: f.bytes?.length ?? f.length,
    is_external: false,
    is_public: f.channels.some((c) => state.channels.get(c)?.isPrivate === false),
    url_private: `https://files.slack.com/files-pri/${state.team.id}-${f.id}/${encodeURIComponent(f.filename)}`,
    permalink: `https://${state.team.domain}.slack.com/files/${f.user}/${f.id}/${encodeURIComponent(f.filename)}`,
  };
}

const completeUploadExternal: MethodHandler = (args, { state }) => {
  if (!Array.isArray(args.files) || args.files.length === 0) fail('invalid_arguments', 'files must be a JSON array of { id, title? }');
  const files = (args.files as Json[]).map((entry) => {
    const file = state.files.get(String(entry.id));
    if (!file) fail('file_not_found', `file ${String(entry.id)} was not created with files.getUploadURLExternal`);
    if (!file.bytes) fail('file_not_found', `file ${file.id} has no bytes: POST them to its upload_url first`);
    if (file.completed) fail('file_not_found', `file ${file.id} was already completed`);
    return { file, title: typeof entry.title === 'string' ? entry.title : undefined };
  });
  const channelRef = str(args, 'channel_id');
  const channel = channelRef ? resolveChannel(state, channelRef) : undefined;
  if (channel) checkCanPost(state, channel);
  for (const { file, title } of files) {
    file.completed = true;
    file.title = title ?? file.filename;
    file.initialComment = str(args, 'initial_comment');
    if (channel) file.channels.push(channel.id);
  }
  if (channel) {
    state.messages.get(channel.id)?.push({
      type: 'message',
      ts: state.nextTs(),
      channel: channel.id,
      user: state.team.botUserId,
      bot_id: state.team.botId,
      text: str(args, 'initial_comment') ?? '',
      files: files.map(({ file }) => fileJson(state, file)),
      team: state.team.id,
    });
  }
  return { files: files.map(({ file }) => ({ id: file.id, title: file.title })) };
};

/** Socket Mode: a one-time ticket the WebSocket server checks. */
const connectionsOpen: MethodHandler = (_args, { state, origin }) => {
  const ticket = state.nextId('ticket-');
  state.socketTickets.add(ticket);
  return { url: `${origin.replace(/^http/, 'ws')}/link/?ticket=${ticket}&app_id=${state.team.appId}` };
};

export const fileMethods: Record<string, MethodHandler> = {
  'files.getUploadURLExternal': getUploadURLExternal,
  'files.completeUploadExternal': completeUploadExternal,
  'apps.connections.open': connectionsOpen,
};
