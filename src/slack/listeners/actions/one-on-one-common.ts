import { z } from 'zod';
import type { WebClient } from '@slack/web-api';
import type { RespondFn } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { isDomainError } from '../../../domain/errors';
import type { OneOnOneService } from '../../../domain/one-on-ones-service';
import { displayName } from '../../../domain/people';
import { DEFAULT_ITEM_ROWS, logModal, type LogDraft, type LogModalMeta } from '../../ui/one-on-one-log-modal';
import { oneOnOneNotice } from '../../ui/one-on-one-messages';
import { isChosenSituation, type ChosenSituation } from '../../../domain/situations';
import { respondVia } from '../../response-url';

type Message = { text: string; blocks: KnownBlock[] };

const buttonValueSchema = z.object({ r: z.string().min(1).max(40), g: z.array(z.string().max(200)).max(8).default([]), s: z.string().max(40).optional() });

/** The prep card's button value: the report, the guidance items on the card, the chosen situation. */
export function parseButtonValue(raw: string | undefined): { r: string; g: string[]; s?: string } | undefined {
  try {
    const parsed = buttonValueSchema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** What a card showed (its button value, or the log modal's metadata), to redraw that card as it was. */
export function shownOnCard(value: { g?: string[]; s?: string }): { itemIds: string[]; chosen?: ChosenSituation } {
  return { itemIds: value.g ?? [], ...(isChosenSituation(value.s) ? { chosen: value.s } : {}) };
}

/** A DomainError becomes a friendly private answer; anything else goes to the app's error handler. */
export async function answerDomainError(respond: RespondFn, err: unknown): Promise<void> {
  if (!isDomainError(err)) throw err;
  await respond({ response_type: 'ephemeral', replace_original: false, ...oneOnOneNotice(err.userMessage) });
}

export async function respondPrivately(respond: RespondFn, message: Message, replaceOriginal = false): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: replaceOriginal, ...message });
}

/**
 * Lets the event loop take pending I/O (other requests waiting for their ack) before this request's
 * card is built: acks stay within Slack's budget under load, cards queue behind them.
 */
export function yieldToAcks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Posts to a response_url (a modal submission has no `respond`): replace the card it came from, or add a message. */
export function postToResponseUrl(url: string, message: Message, replaceOriginal: boolean): Promise<void> {
  return respondVia(url)({ response_type: 'ephemeral', replace_original: replaceOriginal, ...message });
}

/** Opens the log modal for manager → report (trigger ids live 3 s: call right after ack). */
export async function openLogModal(opts: {
  service: OneOnOneService;
  client: WebClient;
  triggerId: string;
  managerId: string;
  reportId: string;
  responseUrl?: string;
  /** Opened from a prep card: the items it showed, so the card can be redrawn once the log is saved. */
  cardItems?: string[];
  openedAt?: number;
  draft?: LogDraft;
  /** The situation chosen on the prep card, stored with the log so the next prep can follow up. */
  situation?: string;
}): Promise<void> {
  const ctx = await opts.service.logContext(opts.managerId, opts.reportId);
  const fromCard = opts.responseUrl && opts.cardItems ? { g: opts.cardItems, t: opts.openedAt } : {};
  const meta: LogModalMeta = {
    r: opts.reportId,
    n: DEFAULT_ITEM_ROWS,
    ...(opts.responseUrl ? { u: opts.responseUrl } : {}),
    ...fromCard,
    ...(isChosenSituation(opts.situation) ? { s: opts.situation } : {}),
  };
  const view = logModal({ meta, managerId: opts.managerId, reportName: displayName(ctx.report), today: ctx.today, openItems: ctx.openItems, draft: opts.draft });
  await opts.client.views.open({ trigger_id: opts.triggerId, view });
}
