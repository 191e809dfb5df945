import type { FaultQueue } from './faults';
import type { RateLimiter } from './rate-limits';
import type { ApiSpec, BlockKitLimits } from './spec';
import type { EmulatorState } from './state';
import { SlackApiError, summarizeArgs, type Json, type ViolationRule } from './types';

export interface MethodContext {
  state: EmulatorState;
  limits: BlockKitLimits;
  /** `http://127.0.0.1:<port>`, for URLs the emulator hands out (uploads, socket). */
  origin: string;
  appToken?: string;
  /** The caller's token (openid.connect.userInfo answers for the person its user token belongs to). */
  token?: string;
}

export type MethodHandler = (args: Json, ctx: MethodContext) => Json | Promise<Json>;

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: Json | string;
}

export interface WebApiOptions {
  state: EmulatorState;
  spec: ApiSpec;
  limits: BlockKitLimits;
  faults: FaultQueue;
  handlers: Record<string, MethodHandler>;
  botToken: string;
  appToken?: string;
  origin: () => string;
  rateLimiter?: RateLimiter;
  /** Sign in with Slack: user tokens (xoxp-) issued by openid.connect.token, the only ones userInfo takes. */
  isUserToken?: (token: string) => boolean;
}

/** Arguments that @slack/web-api sends JSON-encoded inside a form body. */
const JSON_ARGS = ['blocks', 'view', 'attachments', 'files', 'metadata', 'channels', 'users'];

export function decodeArgs(raw: Json): Json {
  const args: Json = { ...raw };
  for (const key of JSON_ARGS) {
    const v = args[key];
    if (typeof v === 'string' && /^\s*[[{]/.test(v)) {
      try {
        args[key] = JSON.parse(v);
      } catch {
        // Left as a string: the method's checks answer it the way Slack answers malformed JSON.
      }
    }
  }
  return args;
}

const ERROR_RULE: Record<string, ViolationRule> = {
  unknown_method: 'method',
  not_authed: 'auth',
  invalid_auth: 'auth',
  not_allowed_token_type: 'auth',
  invalid_arguments: 'arguments',
  invalid_blocks: 'block_kit',
  invalid_blocks_format: 'block_kit',
  no_text: 'arguments',
  push_limit_reached: 'arguments',
  duplicate_external_id: 'arguments',
  invalid_cursor: 'arguments',
  users_list_not_supplied: 'arguments',
  expired_trigger_id: 'trigger',
  invalid_trigger_id: 'trigger',
  exchanged_trigger_id: 'trigger',
};

export function createWebApi(o: WebApiOptions) {
  const { state } = o;

  function checkAuth(method: string, token: string | undefined): void {
    // The code exchange authenticates with the client id and secret in its arguments, as Slack's does.
    if (method === 'openid.connect.token') return;
    if (method === 'openid.connect.userInfo') {
      if (!token) throw new SlackApiError('not_authed', 'openid.connect.userInfo takes the user token from openid.connect.token');
      if (!token.startsWith('xoxp-') || !o.isUserToken?.(token)) throw new SlackApiError('invalid_auth', 'not a user token issued by openid.connect.token');
      return;
    }
    if (!token) throw new SlackApiError('not_authed', 'no token in the Authorization header or the token argument');
    if (method === 'apps.connections.open') {
      if (!token.startsWith('xapp-')) throw new SlackApiError('not_allowed_token_type', 'apps.connections.open takes the app-level token (xapp-…)');
      if (token !== o.appToken) throw new SlackApiError('invalid_auth', 'not the emulator\'s app token');
      return;
    }
    if (token.startsWith('xapp-')) throw new SlackApiError('not_allowed_token_type', 'an app-level token (xapp-…) only works for apps.connections.open');
    if (!token.startsWith('xoxb-')) throw new SlackApiError('not_allowed_token_type', 'Leadwell is a bot: it must call with its bot token (xoxb-…)');
    if (token !== o.botToken) throw new SlackApiError('invalid_auth', 'not the emulator\'s bot token');
  }

  function checkRequired(method: string, args: Json): void {
    const spec = o.spec.method(method);
    const missing = (spec?.required ?? []).filter((name) => args[name] === undefined || args[name] === '');
    if (missing.length > 0) {
      throw new SlackApiError('invalid_arguments', `missing required argument(s) ${missing.join(', ')} (web-api/slack_web_openapi_v2.json)`, {
        response_metadata: { messages: missing.map((m) => `[ERROR] missing required field: ${m}`) },
      });
    }
  }

  async function run(method: string, args: Json, token: string | undefined): Promise<Json> {
    if (!o.spec.method(method)) throw new SlackApiError('unknown_method', `${method} is not in Slack's Web API spec`);
    const handler = o.handlers[method];
    if (!handler) throw new SlackApiError('unknown_method', `${method} exists in Slack's spec but is not emulated`);
    checkAuth(method, token);
    checkRequired(method, args);
    return handler(args, { state, limits: o.limits, origin: o.origin(), appToken: o.appToken, token });
  }

  /** One Web API call: faults first (they stand for Slack's infrastructure), then the method. */
  async function call(method: string, rawArgs: Json, token: string | undefined): Promise<ApiResponse> {
    const args = decodeArgs(rawArgs);
    delete args.token;
    const record = (ok: boolean, error?: string) => {
      state.calls.push({ method, args, token, ok, error, at: state.clock.now() });
      state.changed();
    };
    // One fault per call: a delay slows this call down, then it is served normally.
    const fault = o.faults.take(method);
    if (fault?.type === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    const retryAfter = fault?.type === 'rate_limited' ? fault.retryAfter : o.rateLimiter?.check(method, args);
    if (retryAfter !== undefined) {
      record(false, 'ratelimited');
      return { status: 429, headers: { 'retry-after': String(retryAfter) }, body: { ok: false, error: 'ratelimited' } };
    }
    if (fault?.type === 'http_error') {
      record(false, `http_${fault.status}`);
      return { status: fault.status, headers: { 'content-type': 'text/html' }, body: `<html><body>${fault.status} emulated upstream error</body></html>` };
    }
    if (fault?.type === 'error') {
      record(false, fault.error);
      return { status: 200, headers: {}, body: { ok: false, error: fault.error } };
    }
    try {
      const body = await run(method, args, token);
      record(true);
      return { status: 200, headers: {}, body: { ok: true, ...body } };
    } catch (err) {
      if (!(err instanceof SlackApiError)) throw err;
      record(false, err.code);
      state.violations.push({ method, args: summarizeArgs(args), error: err.code, detail: err.detail, rule: err.rule ?? ERROR_RULE[err.code] ?? 'state' });
      return { status: 200, headers: {}, body: { ok: false, error: err.code, ...err.extra } };
    }
  }

  return { call };
}
