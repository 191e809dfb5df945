import { WebClient } from '@slack/web-api';
import type { Config } from '../config';
import { boltLoggerAdapter, type Logger } from '../logger';
import type { Clock } from '../domain/ports';
import { DeliveryError, type Notifier, type NudgeDigest, type SentMessage } from '../domain/notifier';
import { nudgeMessage } from './ui/nudge-message';
import { webClientOptions } from './web-client';

/**
 * The Notifier port over the Web API. Every failure becomes a DeliveryError with a code the
 * dispatcher's policy understands (nudge-errors.ts); retrying is the dispatcher's job, never the client's.
 */

interface WebApiError {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
  original?: { code?: string; message?: string };
}

/** WebClient errors → DeliveryError codes: Slack's error, `ratelimited`, `http_503`, a network code or `timeout`. */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = err as WebApiError;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return new DeliveryError('ratelimited', Math.max(1, e.retryAfter ?? 1) * 1000);
    case 'slack_webapi_platform_error':
      return new DeliveryError(e.data?.error ?? 'unknown_platform_error');
    case 'slack_webapi_http_error':
      return new DeliveryError(`http_${e.statusCode ?? 0}`);
    case 'slack_webapi_request_error': {
      const original = e.original?.code ?? '';
      const timedOut = original === 'ECONNABORTED' || original === 'ETIMEDOUT' || /timeout/i.test(e.original?.message ?? '');
      return new DeliveryError(timedOut ? 'timeout' : original || 'network_error');
    }
    default:
      return new DeliveryError('unexpected_error');
  }
}

/**
 * A client for the dispatcher: no automatic retries (a retried 5xx or timeout could post a nudge twice)
 * and 429s returned at once, so the dispatcher applies its own policy.
 */
export function createNotifierClient(config: Config, logger: Logger): WebClient {
  return new WebClient(config.slack.botToken, {
    ...webClientOptions(config),
    retryConfig: { retries: 0 },
    logger: boltLoggerAdapter(logger),
  });
}

export function createSlackNotifier(deps: { client: WebClient; clock: Clock }): Notifier {
  const { client, clock } = deps;
  // DM channel per person: conversations.open is idempotent, the cache saves a call per nudge.
  const dmChannels = new Map<string, string>();

  async function dmChannel(personId: string): Promise<string> {
    const known = dmChannels.get(personId);
    if (known) return known;
    const res = await client.conversations.open({ users: personId });
    const id = res.channel?.id;
    if (!id) throw new DeliveryError('channel_not_found');
    dmChannels.set(personId, id);
    return id;
  }

  return {
    async sendWeeklyNudge(personId: string, digest: NudgeDigest): Promise<SentMessage> {
      try {
        const channel = await dmChannel(personId);
        const res = await client.chat.postMessage({ channel, ...nudgeMessage(digest, clock.now()), unfurl_links: false, unfurl_media: false });
        return { channel: String(res.channel ?? channel), ts: String(res.ts) };
      } catch (err) {
        throw toDeliveryError(err);
      }
    },
  };
}
