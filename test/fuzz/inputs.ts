import type { Emulator, Json } from '../../tools/emulator';
import { commandForm, eventCallback, globalShortcutPayload, messageShortcutPayload, teamJson } from '../../tools/emulator/driver-payloads';
import { dmWith } from '../../tools/emulator/state';
import type { AppIds } from './ids';
import type { Rng } from './rng';

export type Kind = 'command' | 'block_actions' | 'view_submission' | 'view_closed' | 'shortcut' | 'message_action' | 'event' | 'url_verification';
export const KINDS: Kind[] = ['command', 'block_actions', 'view_submission', 'view_closed', 'shortcut', 'message_action', 'event', 'url_verification'];

/** A Slack body before encoding: a form (commands) or a JSON object (interactive payloads, events). */
export type Base = { kind: Kind; form?: Record<string, string>; json?: Json };

export interface Ctx {
  em: Emulator;
  rng: Rng;
  ids: AppIds;
  users: string[];
  channel: { id: string; name: string };
  seq: () => number;
}

/** Strings a hostile client can put in any text field (never empty: `type` and ids keep their meaning). */
export const HOSTILE = [
  'x'.repeat(5000),
  '<!channel> <!here> <@U0NOTREAL|ghost>',
  "'; DROP TABLE people; --",
  '{"__proto__":{"admin":true}}',
  '\u0000\u0001\u202e\ufeff',
  '🙂🔥👍🏽'.repeat(200),
  '&lt;&gt;&amp;<script>',
  'constructor',
  '__proto__',
  'null',
  'W0OTHERORG',
  'http://127.0.0.1:1/never',
  '9'.repeat(40),
  '2026-13-45',
];

const TEXTS = ['', 'help', '@bob thanks for the calm incident review #craft', 'stats', 'summary on', 'report', 'level', 'nudges off', 'log @alice', 'history', 'prep', 'new', 'list'];

function actionPayload(c: Ctx, user: string, inView: boolean): Json {
  const { em, rng, ids } = c;
  const n = c.seq();
  const action: Json = { type: rng.pick(['button', 'static_select', 'overflow', 'users_select']), action_id: rng.pick(ids.actions), block_id: `b${n}`, action_ts: `${n}.000100`, value: rng.pick([...HOSTILE, 'v1', '1', '{}']) };
  if (rng.chance(0.3)) action.selected_option = { text: { type: 'plain_text', text: 'x' }, value: rng.pick(HOSTILE) };
  const base: Json = { type: 'block_actions', token: 'legacy', api_app_id: em.state.team.appId, team: teamJson(em.state), user: { id: user, username: 'u', team_id: em.state.team.id }, trigger_id: em.issueTrigger(user), actions: [action], is_enterprise_install: false, enterprise: null };
  if (inView) {
    base.container = { type: 'view', view_id: `V${n}` };
    base.view = { id: `V${n}`, type: 'modal', callback_id: rng.pick(ids.callbacks), private_metadata: rng.pick(['', '{}', ...HOSTILE]), state: { values: {} }, hash: `h${n}` };
  } else {
    base.container = { type: 'message', message_ts: `${n}.000200`, channel_id: c.channel.id, is_ephemeral: false };
    base.channel = { id: c.channel.id, name: c.channel.name };
    base.message = { ts: `${n}.000200`, type: 'message', text: rng.pick(HOSTILE), blocks: [] };
    base.response_url = em.issueResponseUrl({ userId: user, channelId: c.channel.id });
  }
  return base;
}

function stateValues(c: Ctx): Json {
  const { rng } = c;
  const values: Record<string, Json> = {};
  const entries = [
    () => ({ type: 'plain_text_input', value: rng.pick([null, ...HOSTILE]) }),
    () => ({ type: 'static_select', selected_option: rng.chance(0.5) ? null : { text: { type: 'plain_text', text: 'x' }, value: rng.pick(HOSTILE) } }),
    () => ({ type: 'multi_users_select', selected_users: c.users.slice(0, 1 + rng.int(3)).concat(rng.chance(0.3) ? ['U0NOTREAL'] : []) }),
    () => ({ type: 'datepicker', selected_date: rng.pick([null, '2026-12-01', '2026-13-45', '0000-00-00']) }),
    () => ({ type: 'checkboxes', selected_options: [] }),
  ];
  const blockIds = ['kudos_recipients', 'kudos_value', 'kudos_message', 'kudos_post', 'team_add', 'team_remove', 'goal_title', 'goal_due', 'pulse_rating', 'oo_date', 'junk'];
  for (let i = 0; i < 1 + rng.int(5); i += 1) {
    values[rng.pick(blockIds)] = { [rng.pick(['recipients', 'value', 'message', 'users', 'title', 'due_on', 'rating', 'date', 'x'])]: rng.pick(entries)() };
  }
  return values;
}

function viewPayload(c: Ctx, user: string, type: 'view_submission' | 'view_closed'): Json {
  const n = c.seq();
  return {
    type,
    team: teamJson(c.em.state),
    user: { id: user, username: 'u', team_id: c.em.state.team.id },
    api_app_id: c.em.state.team.appId,
    token: 'legacy',
    trigger_id: c.em.issueTrigger(user),
    view: { id: `V${n}`, type: 'modal', callback_id: c.rng.pick(c.ids.callbacks), private_metadata: c.rng.pick(['', '{}', '{"page":2}', ...HOSTILE]), hash: `h${n}`, state: { values: stateValues(c) } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
    ...(type === 'view_closed' ? { is_cleared: false } : {}),
  };
}

function eventPayload(c: Ctx, user: string): Json {
  const { rng, em } = c;
  const type = rng.pick(['app_home_opened', 'user_change', 'message', 'app_mention', 'reaction_added', 'member_joined_channel', 'team_join', 'emoji_changed']);
  const event: Json = { user: type === 'user_change' || type === 'team_join' ? { id: user, name: rng.pick(HOSTILE), real_name: rng.pick(HOSTILE), team_id: em.state.team.id, deleted: rng.chance(0.1), tz: rng.pick(['UTC', 'Mars/Olympus']) } : user };
  if (type === 'app_home_opened') Object.assign(event, { channel: dmWith(em.state, user).id, tab: rng.pick(['home', 'messages', 'junk']) });
  if (type === 'message' || type === 'app_mention') Object.assign(event, { channel: c.channel.id, text: rng.pick(HOSTILE), ts: `${c.seq()}.000300` });
  if (type === 'reaction_added') Object.assign(event, { reaction: 'tada', item: { type: 'message', channel: c.channel.id, ts: '1.2' } });
  return eventCallback(em.state, type, event, `Ev${c.seq()}${rng.int(1e9)}`);
}

/** One valid request of the given kind, from a real user of the emulator, with hostile values where text goes. */
export function baseInput(c: Ctx, kind: Kind): Base {
  const { em, rng } = c;
  const user = rng.pick(c.users);
  const u = em.state.users.get(user)!;
  switch (kind) {
    case 'command': {
      const command = rng.chance(0.9) ? rng.pick(c.ids.commands) : '/zzz-unknown';
      const text = rng.chance(0.5) ? rng.pick(TEXTS) : `${rng.pick(TEXTS)} ${rng.pick(HOSTILE)}`;
      const ch = dmWith(em.state, user);
      return { kind, form: commandForm(em.state, { user: u, channel: ch, command, text, responseUrl: em.issueResponseUrl({ userId: user, channelId: ch.id }), triggerId: em.issueTrigger(user) }) };
    }
    case 'block_actions':
      return { kind, json: actionPayload(c, user, rng.chance(0.4)) };
    case 'view_submission':
    case 'view_closed':
      return { kind, json: viewPayload(c, user, kind) };
    case 'shortcut':
      return { kind, json: globalShortcutPayload(em.state, u, rng.pick([...c.ids.shortcuts, 'zzz_unknown']), em.issueTrigger(user)) };
    case 'message_action': {
      const message = { type: 'message', ts: `${c.seq()}.000400`, user: rng.pick(c.users), text: rng.pick(HOSTILE) };
      return { kind, json: messageShortcutPayload(em.state, { user: u, channel: em.state.channels.get(c.channel.id)!, message, callbackId: rng.pick([...c.ids.shortcuts, 'zzz_unknown']), triggerId: em.issueTrigger(user), responseUrl: em.issueResponseUrl({ userId: user, channelId: c.channel.id }) }) };
    }
    case 'event':
      return { kind, json: eventPayload(c, user) };
    case 'url_verification':
      return { kind, json: { token: 'legacy', challenge: rng.pick(HOSTILE), type: 'url_verification' } };
  }
}
