import { DateTime } from 'luxon';
import type {
  ApiCall,
  EmulatorChannel,
  EmulatorClock,
  EmulatorFile,
  EmulatorMessage,
  EmulatorUser,
  EmulatorView,
  EphemeralMessage,
  Violation,
} from './types';

export interface TeamInfo {
  id: string;
  name: string;
  domain: string;
  appId: string;
  botId: string;
  botUserId: string;
  botName: string;
}

export interface TriggerRecord {
  userId: string;
  issuedAt: number;
  used: boolean;
}

/** Everything the emulated workspace knows. Plain maps: the routers change it, the readers copy out of it. */
export interface EmulatorState {
  clock: EmulatorClock;
  team: TeamInfo;
  users: Map<string, EmulatorUser>;
  channels: Map<string, EmulatorChannel>;
  messages: Map<string, EmulatorMessage[]>;
  ephemerals: EphemeralMessage[];
  /** Modal stacks by user, bottom first. */
  modals: Map<string, EmulatorView[]>;
  homes: Map<string, EmulatorView>;
  files: Map<string, EmulatorFile>;
  triggers: Map<string, TriggerRecord>;
  socketTickets: Set<string>;
  calls: ApiCall[];
  violations: Violation[];
  nextId(prefix: string): string;
  nextTs(): string;
  /** Listeners told after anything changed (a Web API call, a response_url, a driver action): the playground redraws. */
  listeners: Set<() => void>;
  changed(): void;
}

export function createState(clock: EmulatorClock, team: TeamInfo): EmulatorState {
  const counters = new Map<string, number>();
  let lastTsMicros = 0;
  return {
    clock,
    team,
    users: new Map(),
    channels: new Map(),
    messages: new Map(),
    ephemerals: [],
    modals: new Map(),
    homes: new Map(),
    files: new Map(),
    triggers: new Map(),
    socketTickets: new Set(),
    calls: [],
    violations: [],
    listeners: new Set(),
    changed() {
      for (const listener of this.listeners) listener();
    },
    nextId(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}0${n.toString(36).toUpperCase().padStart(8, '0')}`;
    },
    nextTs() {
      // Slack ts: seconds.microseconds, unique per workspace here (strictly increasing even when the clock stands still).
      lastTsMicros = Math.max(lastTsMicros + 1, clock.now() * 1000);
      const sec = Math.floor(lastTsMicros / 1e6);
      return `${sec}.${String(lastTsMicros % 1e6).padStart(6, '0')}`;
    },
  };
}

export function tzOffsetSeconds(tz: string, atMs: number): number {
  const dt = DateTime.fromMillis(atMs, { zone: tz });
  return dt.isValid ? dt.offset * 60 : 0;
}

export interface UserInput {
  id?: string;
  name: string;
  realName?: string;
  displayName?: string;
  email?: string;
  tz?: string;
  isBot?: boolean;
  botId?: string;
  deleted?: boolean;
  isAdmin?: boolean;
  statusText?: string;
  statusEmoji?: string;
}

export function addUser(state: EmulatorState, input: UserInput): EmulatorUser {
  const tz = input.tz ?? 'UTC';
  const user: EmulatorUser = {
    id: input.id ?? state.nextId('U'),
    name: input.name,
    realName: input.realName ?? input.name,
    displayName: input.displayName ?? '',
    email: input.email,
    tz,
    tzOffset: tzOffsetSeconds(tz, state.clock.now()),
    isBot: input.isBot ?? false,
    botId: input.botId,
    deleted: input.deleted ?? false,
    isAdmin: input.isAdmin ?? false,
    statusText: input.statusText ?? '',
    statusEmoji: input.statusEmoji ?? '',
    updated: Math.floor(state.clock.now() / 1000),
  };
  state.users.set(user.id, user);
  return user;
}

export interface ChannelInput {
  id?: string;
  name: string;
  isPrivate?: boolean;
  isArchived?: boolean;
  members?: string[];
  botMember?: boolean;
}

export function addChannel(state: EmulatorState, input: ChannelInput): EmulatorChannel {
  const channel: EmulatorChannel = {
    id: input.id ?? state.nextId(input.isPrivate ? 'G' : 'C'),
    name: input.name.replace(/^#/, ''),
    isPrivate: input.isPrivate ?? false,
    isArchived: input.isArchived ?? false,
    isIm: false,
    members: new Set(input.members ?? []),
    botMember: input.botMember ?? false,
    created: Math.floor(state.clock.now() / 1000),
  };
  if (channel.botMember) channel.members.add(state.team.botUserId);
  state.channels.set(channel.id, channel);
  state.messages.set(channel.id, []);
  return channel;
}

/** The bot's DM with a user, created on first use (conversations.open or an interaction from the DM). */
export function dmWith(state: EmulatorState, userId: string): EmulatorChannel {
  for (const c of state.channels.values()) if (c.isIm && c.user === userId) return c;
  const channel: EmulatorChannel = {
    id: state.nextId('D'),
    name: userId,
    isPrivate: true,
    isArchived: false,
    isIm: true,
    user: userId,
    members: new Set([userId, state.team.botUserId]),
    botMember: true,
    created: Math.floor(state.clock.now() / 1000),
  };
  state.channels.set(channel.id, channel);
  state.messages.set(channel.id, []);
  return channel;
}

export function existingDm(state: EmulatorState, userId: string): EmulatorChannel | undefined {
  for (const c of state.channels.values()) if (c.isIm && c.user === userId) return c;
  return undefined;
}

export function findChannelByName(state: EmulatorState, name: string): EmulatorChannel | undefined {
  const bare = name.replace(/^#/, '');
  for (const c of state.channels.values()) if (!c.isIm && c.name === bare) return c;
  return undefined;
}

export function findUserByName(state: EmulatorState, name: string): EmulatorUser | undefined {
  const bare = name.replace(/^@/, '');
  for (const u of state.users.values()) if (u.name === bare || (u.displayName !== '' && u.displayName === bare)) return u;
  return undefined;
}
