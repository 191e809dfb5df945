/** Public shapes of the emulator: what tests and the playground read. */

export interface EmulatorClock {
  now(): number;
}

export interface EmulatorUser {
  id: string;
  name: string;
  realName: string;
  displayName: string;
  email?: string;
  tz: string;
  tzOffset: number;
  isBot: boolean;
  botId?: string;
  deleted: boolean;
  isAdmin: boolean;
  statusText: string;
  statusEmoji: string;
  updated: number;
}

export interface EmulatorChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  isIm: boolean;
  /** For DMs: the other user. */
  user?: string;
  members: Set<string>;
  botMember: boolean;
  created: number;
}

export type Json = Record<string, unknown>;

export interface EmulatorMessage {
  type: 'message';
  ts: string;
  channel: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  text: string;
  blocks?: Json[];
  metadata?: unknown;
  files?: Json[];
  thread_ts?: string;
  edited?: { user: string; ts: string };
  team: string;
}

export interface EphemeralMessage {
  ts: string;
  channel: string;
  user: string;
  text: string;
  blocks?: Json[];
  /** Where it came from: chat.postEphemeral, a response_url or the app's reply to a slash command. */
  source: 'chat.postEphemeral' | 'response_url' | 'command_response';
  deleted?: boolean;
}

export interface EmulatorView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title?: Json;
  submit?: Json;
  close?: Json;
  blocks: Json[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  previous_view_id: string | null;
  root_view_id: string;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
  state: { values: Record<string, Record<string, Json>> };
  /** Field errors from the app's last `response_action: errors`, by block_id. */
  errors?: Record<string, string>;
  /** The user whose view this is. */
  user: string;
}

export interface EmulatorFile {
  id: string;
  filename: string;
  title?: string;
  length: number;
  bytes?: Buffer;
  completed: boolean;
  channels: string[];
  initialComment?: string;
  created: number;
  user: string;
}

export interface ApiCall {
  method: string;
  args: Json;
  token?: string;
  ok: boolean;
  error?: string;
  at: number;
}

/**
 * Which kind of rule a call broke: `method`/`auth`/`arguments`/`block_kit`/`trigger` are contract bugs in the
 * caller; `state` errors (channel_not_found, user_not_found, is_archived…) may be handled on purpose by the app;
 * `ack` is an app that answered Slack after the 3-second deadline.
 */
export type ViolationRule = 'method' | 'auth' | 'arguments' | 'block_kit' | 'trigger' | 'response_url' | 'state' | 'ack';

export interface Violation {
  method: string;
  args: Json;
  error: string;
  detail: string;
  rule: ViolationRule;
}

export type Fault =
  | { type: 'rate_limited'; retryAfter: number }
  | { type: 'http_error'; status: 500 | 502 | 503 }
  | { type: 'delay'; ms: number }
  | { type: 'error'; error: string };

/** A Slack error raised by a method handler: answered as `{ ok: false, error }` and recorded. */
export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly extra: Json = {},
    readonly rule?: ViolationRule,
  ) {
    super(`${code}: ${detail}`);
  }
}

export function fail(code: string, detail: string, extra: Json = {}, rule?: ViolationRule): never {
  throw new SlackApiError(code, detail, extra, rule);
}

/** A violation's view of the arguments: scalars kept (long ones cut), blocks and views summed up, so failures read well. */
export function summarizeArgs(args: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(args)) {
    if (Array.isArray(value)) out[key] = `[${value.length} ${key}]`;
    else if (typeof value === 'object' && value !== null) {
      const v = value as Json;
      const blocks = Array.isArray(v.blocks) ? `, ${v.blocks.length} blocks` : '';
      out[key] = `{${[v.type, v.callback_id].filter((x) => typeof x === 'string' && x !== '').join(' ')}${blocks}}`;
    } else if (typeof value === 'string' && value.length > 120) out[key] = `${value.slice(0, 117)}…`;
    else out[key] = value;
  }
  return out;
}
