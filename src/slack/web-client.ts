import { WebClient } from '@slack/web-api';
import type { Config } from '../config';
import { boltLoggerAdapter, type Logger } from '../logger';

/**
 * WebClient retries: a dead API gives up in seconds, not the default 30 minutes, and a 429 is
 * returned to the caller (rejectRateLimitedCalls) so one rate-limited method never stalls the queue;
 * callers that must retry (kudos post, nudge dispatcher) honour Retry-After themselves.
 */
export const CLIENT_RETRY = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000, randomize: true };

export function webClientOptions(config: Config) {
  return {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: CLIENT_RETRY,
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  };
}

/** The client used outside a request (directory look-ups, jobs through the notifier). */
export function createWebClient(config: Config, logger: Logger): WebClient {
  return new WebClient(config.slack.botToken, { ...webClientOptions(config), logger: boltLoggerAdapter(logger) });
}
