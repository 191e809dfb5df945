import { DeliveryError } from '../domain/outbox/delivery';
import type { FailureHandling } from '../domain/outbox/policy';

/**
 * The one list of Slack errors that retrying will not fix (like GitHub's is-permanent-error). Everything that
 * sends on its own goes through the outbox, which never retries these; the admin view words them.
 */
export const PERMANENT_ERRORS: ReadonlySet<string> = new Set([
  'user_not_found',
  'users_not_found',
  'user_disabled',
  'account_inactive',
  'cannot_dm_bot',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_is_restricted',
  'restricted_action',
  'messages_tab_disabled',
  'not_allowed_token_type',
  'missing_scope',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'no_permission',
  'ekm_access_denied',
  'team_access_not_granted',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'no_text',
  'too_many_attachments',
  'invalid_arguments',
  // Our own reasons for not posting in the kudos channel (src/slack/channel-target.ts).
  'private_channel',
  'channel_archived',
  'no_channel_configured',
]);

/** Failures before the request reached Slack: nothing was processed, safe to retry. */
const NOT_SENT: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'service_unavailable', 'request_timeout', 'http_503']);

/**
 * Answers that may come after Slack processed the call: a timeout, a reset connection, a gateway error, Slack's
 * own internal_error ("some aspect of the operation may have succeeded"). A post is never repeated after these.
 */
const MAYBE_SENT: ReadonlySet<string> = new Set(['timeout', 'ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'ECONNRESET', 'EPIPE', 'internal_error', 'fatal_error']);

export function handlingOf(code: string): FailureHandling {
  if (code === 'ratelimited' || code === 'rate_limited') return 'rate-limited';
  if (PERMANENT_ERRORS.has(code)) return 'permanent';
  if (NOT_SENT.has(code)) return 'transient';
  if (MAYBE_SENT.has(code)) return 'uncertain';
  const http = /^http_(\d{3})$/.exec(code);
  if (http) return Number(http[1]) >= 500 ? 'uncertain' : 'permanent';
  // Any other Slack error string is a request Slack refused: sending the same request again cannot help.
  return 'permanent';
}

interface WebApiError {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
  original?: { code?: string; message?: string };
}

/** Slack's error code from anything the WebClient throws: `user_not_found`, `ratelimited`, `http_502`, `timeout`, a network code. */
export function slackErrorCode(err: unknown): string {
  const e = err as WebApiError;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return 'ratelimited';
    case 'slack_webapi_platform_error':
      return e.data?.error ?? 'unknown_platform_error';
    case 'slack_webapi_http_error':
      return `http_${e.statusCode ?? 0}`;
    case 'slack_webapi_request_error': {
      const original = e.original?.code ?? '';
      const timedOut = original === 'ECONNABORTED' || original === 'ETIMEDOUT' || /timeout/i.test(e.original?.message ?? '');
      return timedOut ? 'timeout' : original || 'network_error';
    }
    default:
      return e.data?.error ?? 'unexpected_error';
  }
}

/** A WebClient failure as the outbox understands it; `tier` names the rate tier of the call that failed. */
export function toDeliveryError(err: unknown, tier?: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const code = slackErrorCode(err);
  const retryAfter = code === 'ratelimited' ? Math.max(1, (err as WebApiError).retryAfter ?? 1) * 1000 : undefined;
  return new DeliveryError(code, handlingOf(code), retryAfter, tier);
}

/** Whether a failure with this code may be fixed by the admin and retried (Leadwell added to the channel, Slack back). */
export function retryMakesSense(code: string | undefined): boolean {
  if (!code) return false;
  return ['not_in_channel', 'channel_not_found', 'private_channel', 'channel_archived', 'is_archived', 'missing_scope', 'token_revoked', 'invalid_auth', 'not_authed'].includes(code) || handlingOf(code) === 'transient';
}
