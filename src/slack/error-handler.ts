import crypto from 'node:crypto';
import type { ExtendedErrorHandlerArgs } from '@slack/bolt/dist/App';
import type { WebClient } from '@slack/web-api';
import { logOf } from './request-log';
import { isDomainError } from '../domain/errors';
import { errorMessage } from './ui/error-message';
import { sendDm } from './dm';
import { postJson } from './response-url';
import type { OutboxService } from '../domain/outbox/outbox-service';

/** A short id the user can quote and an operator can grep for in the logs. */
export function referenceId(): string {
  return crypto.randomBytes(4).toString('hex');
}

interface BodyShape {
  response_url?: string;
  user_id?: string;
  channel_id?: string;
  user?: { id?: string };
  channel?: { id?: string };
  container?: { channel_id?: string };
  type?: string;
}

/**
 * The last line of defence: logs the error with a reference id and tells the user, privately,
 * that something went wrong and which id to quote. Never rethrows: the process keeps serving.
 */
export function createErrorHandler(deps: { client: WebClient; outbox?: Pick<OutboxService, 'plan' | 'deliverNow'>; now?: () => number }) {
  return async ({ error, logger, context, body }: ExtendedErrorHandlerArgs): Promise<void> => {
    // Slack is owed an answer within 3 s; telling the user below may take longer.
    await (context.ackNow as (() => Promise<void>) | undefined)?.().catch(() => undefined);
    const ref = referenceId();
    const log = logOf(context);
    const cause = (error as { original?: unknown }).original ?? error;
    if (log) log.error({ err: cause, ref }, 'listener failed');
    else logger.error(`listener failed ref=${ref}`, cause);
    const userText = isDomainError(cause) ? cause.userMessage : undefined;
    const message = errorMessage({ ref, userText });
    const b = (body ?? {}) as BodyShape;
    try {
      if (b.response_url) {
        await postJson(b.response_url, { response_type: 'ephemeral', replace_original: false, ...message });
        return;
      }
      const user = b.user_id ?? b.user?.id;
      const channel = b.channel_id ?? b.channel?.id ?? b.container?.channel_id;
      if (user && channel) await deps.client.chat.postEphemeral({ channel, user, ...message });
      else if (user && deps.outbox) await sendDm(deps.outbox, { kind: 'reply', userId: user, key: `error:${ref}`, message, now: deps.now?.() ?? Date.now() });
    } catch (notifyErr) {
      (log ?? logger).warn?.({ err: notifyErr, ref } as never, 'could not tell the user about an error');
    }
  };
}
