import { existingDm } from './state';
import type { Emulator } from './index';
import type { DemoOrg } from './seed';
import type { EmulatorView, Json } from './types';

/** One line of a conversation as the page draws it: channel messages and the viewer's ephemerals together. */
export interface ShownMessage {
  ts: string;
  user?: string;
  bot: boolean;
  ephemeral: boolean;
  text: string;
  blocks?: Json[];
}

export interface ShownConversation {
  id: string;
  name: string;
  kind: 'channel' | 'dm';
  messages: ShownMessage[];
}

export interface PlaygroundSnapshot {
  version: number;
  me: string;
  /** App clock minus real time: the page shows the app's "now" ticking. */
  clockOffsetMs: number;
  users: Array<{ id: string; name: string; realName: string; title: string; tz: string; isBot: boolean; managerId?: string }>;
  conversations: ShownConversation[];
  home: Json | null;
  modal: Json | null;
  modalDepth: number;
}

function viewForPage(view: EmulatorView | undefined): Json | null {
  if (!view) return null;
  const { id, hash, type, title, submit, close, blocks, callback_id, errors } = view;
  return { id, hash, type, title, submit, close, blocks, callback_id, errors: errors ?? {} };
}

/** Everything one person sees right now, read from the emulator's state. */
export function snapshotFor(emulator: Emulator, org: DemoOrg, me: string, version: number, clockOffsetMs: number): PlaygroundSnapshot {
  const { state } = emulator;
  const demo = new Map(org.people.map((p) => [p.id, p]));
  const users = [...state.users.values()]
    .filter((u) => !u.deleted)
    .map((u) => ({ id: u.id, name: u.name, realName: u.realName, title: demo.get(u.id)?.title ?? (u.isBot ? 'App' : ''), tz: u.tz, isBot: u.isBot, managerId: demo.get(u.id)?.managerId }));
  const mine = (channelId: string): ShownMessage[] =>
    emulator.ephemerals(me, channelId).map((e) => ({ ts: e.ts, user: state.team.botUserId, bot: true, ephemeral: true, text: e.text, blocks: e.blocks }));
  const shown = (channelId: string): ShownMessage[] =>
    [
      ...emulator.messages(channelId).map((m) => ({ ts: m.ts, user: m.user ?? (m.bot_id ? state.team.botUserId : undefined), bot: Boolean(m.bot_id), ephemeral: false, text: m.text, blocks: m.blocks })),
      ...mine(channelId),
    ].sort((a, b) => Number(a.ts) - Number(b.ts));
  const conversations: ShownConversation[] = [...state.channels.values()]
    .filter((c) => !c.isIm && !c.isArchived && (!c.isPrivate || c.members.has(me)))
    .map((c) => ({ id: c.id, name: c.name, kind: 'channel' as const, messages: shown(c.id) }));
  const dm = existingDm(state, me);
  conversations.push({ id: dm?.id ?? '', name: 'Leadwell', kind: 'dm', messages: dm ? shown(dm.id) : [] });
  return {
    version,
    me,
    clockOffsetMs,
    users,
    conversations,
    home: viewForPage(emulator.home(me)),
    modal: viewForPage(emulator.openView(me)),
    modalDepth: emulator.viewStack(me).length,
  };
}
