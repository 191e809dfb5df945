/**
 * The outbox's retry policy, in one place. A duplicate message is worse than a late one, so only failures where
 * Slack certainly posted nothing are retried; a send that may have reached Slack is recorded as uncertain and
 * never sent again. Which Slack error means what is decided in src/slack/slack-errors.ts, not here.
 */
export type FailureHandling = 'rate-limited' | 'transient' | 'permanent' | 'uncertain';

/** Longest Retry-After honoured; Slack sends seconds to a minute, anything longer is treated as this. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** 1, 2, 4 … 32 minutes, then hourly: about four hours of a Slack outage before a message is given up on. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 60_000, maxDelayMs: 60 * 60_000 };

/** Exponential backoff after the nth failed attempt (1-based), capped. */
export function backoffMs(attempt: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** Why a row became uncertain when its process died mid-send (the admin view words it). */
export const INTERRUPTED = 'interrupted';
