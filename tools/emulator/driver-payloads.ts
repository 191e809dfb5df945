import { findChannelByName, findUserByName, type EmulatorState } from './state';
import type { EmulatorChannel, EmulatorUser, Json } from './types';

/** The verification token Slack still puts in payloads (deprecated; Bolt ignores it). */
export const VERIFICATION_TOKEN = 'emulator-verification-token';

/**
 * What Slack does to slash-command text when "Escape channels, users, and links" is on: `@alice` becomes
 * `<@U123|alice>`, `#kudos` becomes `<#C123|kudos>`. Unknown names are left as typed.
 */
export function escapeCommandText(state: EmulatorState, text: string): string {
  return text
    .replace(/(^|[\s(])@([a-z0-9][a-z0-9._-]*)/gi, (whole, pre: string, name: string) => {
      const user = findUserByName(state, name);
      return user ? `${pre}<@${user.id}|${user.name}>` : whole;
    })
    .replace(/(^|[\s(])#([a-z0-9][a-z0-9_-]*)/gi, (whole, pre: string, name: string) => {
      const channel = findChannelByName(state, name);
      return channel ? `${pre}<#${channel.id}|${channel.name}>` : whole;
    });
}

export function teamJson(state: EmulatorState): Json {
  return { id: state.team.id, domain: state.team.domain };
}

export function userRef(state: EmulatorState, u: EmulatorUser): Json {
  return { id: u.id, username: u.name, name: u.name, team_id: state.team.id };
}

export function channelRef(c: EmulatorChannel): Json {
  return { id: c.id, name: c.isIm ? 'directmessage' : c.name };
}

export function actionTs(state: EmulatorState): string {
  const now = state.clock.now();
  return `${Math.floor(now / 1000)}.${String((now % 1000) * 1000).padStart(6, '0')}`;
}

export interface CommandInput {
  user: EmulatorUser;
  channel: EmulatorChannel;
  command: string;
  text: string;
  responseUrl: string;
  triggerId: string;
}

/** Field order and names of fixtures/http/slash_command.parsed.json. */
export function commandForm(state: EmulatorState, c: CommandInput): Record<string, string> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: state.team.id,
    team_domain: state.team.domain,
    channel_id: c.channel.id,
    channel_name: c.channel.isIm ? 'directmessage' : c.channel.name,
    user_id: c.user.id,
    user_name: c.user.name,
    command: c.command,
    text: escapeCommandText(state, c.text),
    api_app_id: state.team.appId,
    is_enterprise_install: 'false',
    response_url: c.responseUrl,
    trigger_id: c.triggerId,
  };
}

export function globalShortcutPayload(state: EmulatorState, user: EmulatorUser, callbackId: string, triggerId: string): Json {
  return {
    type: 'shortcut',
    token: VERIFICATION_TOKEN,
    action_ts: actionTs(state),
    team: teamJson(state),
    user: { id: user.id, username: user.name, team_id: state.team.id },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: callbackId,
    trigger_id: triggerId,
  };
}

export interface MessageShortcutInput {
  user: EmulatorUser;
  channel: EmulatorChannel;
  message: Json;
  callbackId: string;
  triggerId: string;
  responseUrl: string;
}

export function messageShortcutPayload(state: EmulatorState, m: MessageShortcutInput): Json {
  return {
    type: 'message_action',
    token: VERIFICATION_TOKEN,
    action_ts: actionTs(state),
    team: teamJson(state),
    user: { id: m.user.id, name: m.user.name, username: m.user.name, team_id: state.team.id },
    channel: channelRef(m.channel),
    is_enterprise_install: false,
    enterprise: null,
    callback_id: m.callbackId,
    trigger_id: m.triggerId,
    message_ts: m.message.ts,
    message: m.message,
    response_url: m.responseUrl,
  };
}

/** An Events API `event_callback` wrapper (fixtures/http/event_callback_*.json), with today's `authorizations`. */
export function eventCallback(state: EmulatorState, type: string, event: Json, eventId: string): Json {
  const nowSec = Math.floor(state.clock.now() / 1000);
  const inner: Json = { type, ...event };
  // tokens_revoked and app_uninstalled carry no event_ts in Slack's payloads.
  if (inner.event_ts === undefined && type !== 'tokens_revoked' && type !== 'app_uninstalled') inner.event_ts = actionTs(state);
  return {
    token: VERIFICATION_TOKEN,
    team_id: state.team.id,
    api_app_id: state.team.appId,
    event: inner,
    type: 'event_callback',
    event_id: eventId,
    event_time: nowSec,
    authorizations: [{ enterprise_id: null, team_id: state.team.id, user_id: state.team.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${type}-${state.team.id}`,
  };
}
