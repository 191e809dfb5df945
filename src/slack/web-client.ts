import { WebClient } from '@slack/web-api';
import type { Config } from '../config';
import { boltLoggerAdapter, type Logger } from '../logger';

/**
 * Every WebClient sets its retries here, on purpose. A retried timeout, reset or 5xx can post a message twice,
 * so the client that posts (Bolt's, for request-time replies, and the outbox's) never retries on its own: the
 * outbox applies its own policy. Only the directory client, which only reads, retries briefly.
 * A 429 is returned to the caller (rejectRateLimitedCalls) so one rate-limited method never stalls the queue.
 */
export const NO_RETRY = { retries: 0 };
export const READ_RETRY = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000, randomize: true };

export function webClientOptions(config: Config) {
  return {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: NO_RETRY,
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  };
}

/** The client that posts outside a request: the outbox's. Never retries on its own. */
export function createWebClient(config: Config, logger: Logger): WebClient {
  return new WebClient(config.slack.botToken, { ...webClientOptions(config), logger: boltLoggerAdapter(logger) });
}

/** Directory look-ups (users.info, users.list): reads only, so a short retry cannot duplicate anything. */
export function createReadClient(config: Config, logger: Logger): WebClient {
  return new WebClient(config.slack.botToken, { ...webClientOptions(config), retryConfig: READ_RETRY, logger: boltLoggerAdapter(logger) });
}
