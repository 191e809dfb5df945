import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger';
import { postDm, withRetryAfter } from './dm';
import type { ReportingLineNotifier } from '../domain/reporting-lines/reporting-line';
import { lineNewsMessage, lineRequestMessage } from './ui/reporting-line';

const errorOf = (err: unknown) => (err as { data?: { error?: string } }).data?.error ?? (err as Error).message;

/**
 * DMs for reporting-line changes. A DM that cannot be delivered (deactivated, rate limited twice) is logged and
 * reported as not delivered; the request itself stays, and anyone else asked can still answer it.
 */
export function createReportingLineNotifier(deps: { client: WebClient; logger: Logger }): ReportingLineNotifier {
  const send = (userId: string, message: Parameters<typeof postDm>[2]) => postDm(deps.client, userId, message, (call) => withRetryAfter(call));
  return {
    async askToConfirm(recipientId, request) {
      const expiresOn = new Date(request.expiresAt).toISOString().slice(0, 10);
      try {
        await send(recipientId, lineRequestMessage(request, recipientId, expiresOn));
        return true;
      } catch (err) {
        deps.logger.warn({ err: errorOf(err), requestId: request.id }, 'reporting line confirmation DM not delivered');
        return false;
      }
    },
    async tell(recipientId, news) {
      try {
        await send(recipientId, lineNewsMessage(news, recipientId));
      } catch (err) {
        deps.logger.warn({ err: errorOf(err), kind: news.kind }, 'reporting line news DM not delivered');
      }
    },
  };
}
