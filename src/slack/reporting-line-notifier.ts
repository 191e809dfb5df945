import type { Logger } from '../logger';
import type { OutboxService } from '../domain/outbox/outbox-service';
import type { ReportingLineNotifier } from '../domain/reporting-lines/reporting-line';
import { lineNewsMessage, lineRequestMessage } from './ui/reporting-line';
import { sendDm, undelivered, type DmMessage } from './dm';


/**
 * DMs for reporting-line changes, through the outbox (drawn here by ui/ functions, sent once by the dispatcher).
 * A DM that cannot be delivered (deactivated, the app removed) is reported as not delivered; the request itself
 * stays, and anyone else asked can still answer it.
 */
export function createReportingLineNotifier(deps: { outbox: Pick<OutboxService, 'plan' | 'deliverNow'>; clock: { now(): number }; logger: Logger }): ReportingLineNotifier {
  async function send(kind: 'reporting-line.ask' | 'reporting-line.news', userId: string, key: string, message: DmMessage): Promise<boolean> {
    const row = await sendDm(deps.outbox, { kind, userId, key, message, now: deps.clock.now() });
    if (undelivered(row)) deps.logger.warn({ kind, reason: row?.reason }, 'reporting line DM not delivered');
    return !undelivered(row);
  }
  return {
    async askToConfirm(recipientId, request) {
      const expiresOn = new Date(request.expiresAt).toISOString().slice(0, 10);
      return send('reporting-line.ask', recipientId, `${request.id}:${recipientId}`, lineRequestMessage(request, recipientId, expiresOn));
    },
    async tell(recipientId, news) {
      const about = `${news.kind}:${news.personId}:${'toManagerId' in news ? news.toManagerId : news.fromManagerId}`;
      await send('reporting-line.news', recipientId, `${about}:${recipientId}:${deps.clock.now()}`, lineNewsMessage(news, recipientId));
    },
  };
}
