import { channelJson, profileJson, userJson } from '../serialize';
import { dmWith } from '../state';
import { fail } from '../types';
import type { MethodHandler } from '../web-api';
import { knownUser, requireStr, str } from './common';

const authTest: MethodHandler = (_args, { state }) => ({
  url: `https://${state.team.domain}.slack.com/`,
  team: state.team.name,
  user: state.team.botName,
  team_id: state.team.id,
  user_id: state.team.botUserId,
  bot_id: state.team.botId,
  app_id: state.team.appId,
  is_enterprise_install: false,
});

function userIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value !== '') return value.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}

const conversationsOpen: MethodHandler = (args, { state }) => {
  const channelRef = str(args, 'channel');
  if (channelRef) {
    const existing = state.channels.get(channelRef);
    if (!existing || !existing.isIm) fail('channel_not_found', `no DM ${channelRef}`);
    return { channel: { id: existing.id }, no_op: true, already_open: true };
  }
  const ids = userIds(args.users);
  if (ids.length === 0) fail('users_list_not_supplied', 'conversations.open needs users or channel');
  if (ids.length > 1) fail('method_not_supported_for_channel_type', 'group DMs (several users) are not emulated');
  const user = knownUser(state, ids[0]);
  if (user.isBot || user.id === state.team.botUserId) fail('cannot_dm_bot', `${user.id} is a bot user`);
  if (user.deleted) fail('user_disabled', `${user.id} is deactivated`);
  const before = state.channels.size;
  const dm = dmWith(state, user.id);
  const existed = state.channels.size === before;
  const channel = args.return_im === true || args.return_im === 'true' ? channelJson(state, dm) : { id: dm.id };
  return existed ? { channel, no_op: true, already_open: true } : { channel };
};

const conversationsJoin: MethodHandler = (args, { state }) => {
  const id = requireStr(args, 'channel', 'channel_not_found');
  const channel = state.channels.get(id);
  if (!channel) fail('channel_not_found', `no channel ${id}`);
  if (channel.isIm || channel.isPrivate) fail('method_not_supported_for_channel_type', `${id} is ${channel.isIm ? 'a DM' : 'private'}: a bot cannot join it, it must be invited`);
  if (channel.isArchived) fail('is_archived', `#${channel.name} is archived`);
  const already = channel.botMember;
  channel.botMember = true;
  channel.members.add(state.team.botUserId);
  const body = { channel: channelJson(state, channel) };
  return already ? { ...body, warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } } : body;
};

const conversationsInfo: MethodHandler = (args, { state }) => {
  const id = requireStr(args, 'channel', 'channel_not_found');
  const channel = state.channels.get(id);
  // Slack hides private channels from non-members.
  if (!channel || (channel.isPrivate && !channel.isIm && !channel.botMember)) fail('channel_not_found', `no channel ${id} visible to the bot`);
  return { channel: channelJson(state, channel) };
};

/** Channels the bot can see (private ones only as a member), filtered by `types`, cursor-paginated. */
const conversationsList: MethodHandler = (args, { state }) => {
  const types = new Set((str(args, 'types') ?? 'public_channel').split(',').map((t) => t.trim()));
  const excludeArchived = args.exclude_archived === true || args.exclude_archived === 'true';
  const visible = [...state.channels.values()].filter(
    (c) =>
      !c.isIm &&
      (c.isPrivate ? types.has('private_channel') && c.botMember : types.has('public_channel')) &&
      !(excludeArchived && c.isArchived),
  );
  const cursor = str(args, 'cursor');
  let start = 0;
  if (cursor) {
    const id = Buffer.from(cursor, 'base64').toString('utf8').replace(/^channel:/, '');
    start = visible.findIndex((c) => c.id === id);
    if (start < 0) fail('invalid_cursor', `cursor ${cursor} does not point at a channel`);
  }
  const limitArg = Number(str(args, 'limit') ?? 0);
  const limit = limitArg > 0 ? Math.min(limitArg, 1000) : 100;
  const next = visible[start + limit];
  return {
    channels: visible.slice(start, start + limit).map((c) => channelJson(state, c)),
    response_metadata: { next_cursor: next ? Buffer.from(`channel:${next.id}`).toString('base64') : '' },
  };
};

const usersInfo: MethodHandler = (args, { state }) => ({ user: userJson(state, knownUser(state, str(args, 'user'))) });

const encodeCursor = (userId: string) => Buffer.from(`user:${userId}`).toString('base64');
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64').toString('utf8').replace(/^user:/, '');

const usersList: MethodHandler = (args, { state }) => {
  const all = [...state.users.values()];
  const cursor = str(args, 'cursor');
  let start = 0;
  if (cursor) {
    start = all.findIndex((u) => u.id === decodeCursor(cursor));
    if (start < 0) fail('invalid_cursor', `cursor ${cursor} does not point at a user`);
  }
  const limitArg = Number(str(args, 'limit') ?? 0);
  const limit = limitArg > 0 ? Math.min(limitArg, 1000) : all.length;
  const page = all.slice(start, start + limit);
  const next = all[start + limit];
  return {
    members: page.map((u) => userJson(state, u)),
    cache_ts: Math.floor(state.clock.now() / 1000),
    response_metadata: { next_cursor: next ? encodeCursor(next.id) : '' },
  };
};

const lookupByEmail: MethodHandler = (args, { state }) => {
  const email = requireStr(args, 'email', 'users_not_found').toLowerCase();
  const user = [...state.users.values()].find((u) => u.email?.toLowerCase() === email && !u.deleted);
  if (!user) fail('users_not_found', `no active user with email ${email}`);
  return { user: userJson(state, user) };
};

const profileGet: MethodHandler = (args, { state }) => {
  const user = knownUser(state, str(args, 'user') ?? state.team.botUserId);
  return { profile: profileJson(state, user) };
};

const teamInfo: MethodHandler = (args, { state }) => {
  const team = str(args, 'team');
  if (team !== undefined && team !== state.team.id) fail('team_not_found', `team ${team} is not this workspace`);
  const icon = (size: number) => `https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-${size}.png`;
  return {
    team: {
      id: state.team.id,
      name: state.team.name,
      url: `https://${state.team.domain}.slack.com/`,
      domain: state.team.domain,
      email_domain: '',
      icon: { image_default: true, image_34: icon(34), image_44: icon(44), image_68: icon(68), image_88: icon(88), image_102: icon(102), image_132: icon(132), image_230: icon(230) },
      avatar_base_url: 'https://ca.slack-edge.com/',
      is_verified: false,
    },
  };
};

export const directoryMethods: Record<string, MethodHandler> = {
  'auth.test': authTest,
  'conversations.open': conversationsOpen,
  'conversations.join': conversationsJoin,
  'conversations.info': conversationsInfo,
  'conversations.list': conversationsList,
  'users.info': usersInfo,
  'users.list': usersList,
  'users.lookupByEmail': lookupByEmail,
  'users.profile.get': profileGet,
  'team.info': teamInfo,
};
