/**
 * What the dispatcher does after a failed send. A duplicate nudge is worse than a missed one, so only
 * failures where Slack certainly posted nothing are retried; a timeout (the request may have landed)
 * is recorded as uncertain and never resent.
 */
export type FailureHandling = 'rate-limited' | 'transient' | 'permanent' | 'uncertain';

/** Slack errors that will not change on retry: the nudge is marked failed with the reason. */
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
]);

/** Slack says it could not process the call: nothing was posted. */
const TRANSIENT_PLATFORM_ERRORS: ReadonlySet<string> = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** Failures before the request reached Slack: safe to retry. */
const NETWORK_BEFORE_SEND: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The request may have reached Slack and been processed; a retry could post twice. */
const AMBIGUOUS: ReadonlySet<string> = new Set(['timeout', 'ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'ECONNRESET', 'EPIPE']);

export function classifyFailure(code: string): FailureHandling {
  if (code === 'ratelimited' || code === 'rate_limited') return 'rate-limited';
  if (PERMANENT_ERRORS.has(code)) return 'permanent';
  if (TRANSIENT_PLATFORM_ERRORS.has(code) || NETWORK_BEFORE_SEND.has(code)) return 'transient';
  if (AMBIGUOUS.has(code)) return 'uncertain';
  const http = /^http_(\d{3})$/.exec(code);
  if (http) return Number(http[1]) >= 500 ? 'transient' : 'permanent';
  // Any other Slack error string is a request Slack refused: retrying the same request cannot help.
  return 'permanent';
}

/** Longest Retry-After honoured; Slack sends seconds to a minute, anything longer is treated as this. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 60_000, maxDelayMs: 60 * 60_000 };

/** Exponential backoff after the nth failed attempt (1-based): 1, 2, 4, 8… minutes, capped. */
export function backoffMs(attempt: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}
