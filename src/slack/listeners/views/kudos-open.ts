import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { ListenerDeps } from '../deps';
import type { KudosSource } from '../../../domain/kudos';
import { kudosModal } from '../../ui/kudos-modal';
import { kudosChannelLabel } from '../../ui/kudos-post';

/** Used when the library has no level-independent recognition item (or none is enabled). */
export const FALLBACK_HINT = {
  title: 'What makes recognition land',
  body: 'Name the specific thing they did, the difference it made and for whom, and the value it shows. "Thanks for your hard work" fades; "your test plan caught the billing bug before release" stays.',
};

/**
 * The modal's hint: a level-independent recognition item from prompts/all/ (`level: 'all'` draws only
 * from those), rotated per giver without repeats, so the hint reads the same whoever gives kudos.
 */
export async function recognitionHint(deps: Pick<ListenerDeps, 'guidance'>, giverId: string | undefined): Promise<{ title: string; body: string }> {
  // Without a giver (should not happen) everyone shares one rotation rather than seeing no hint.
  const item = await deps.guidance.next({ personId: giverId ?? 'kudos-modal', level: 'all', topic: 'recognition' });
  if (item && item.level === 'all') return { title: item.title, body: firstParagraph(item.body) };
  return FALLBACK_HINT;
}

function firstParagraph(body: string): string {
  return body.trim().split(/\n\s*\n/)[0] ?? body;
}

/** What the modal carries to its submission in private_metadata. */
export interface KudosModalContext {
  source?: KudosSource;
}

export interface KudosPrefill {
  /** Who is giving: their own hint rotation. */
  giverId?: string;
  recipientIds?: readonly string[];
  value?: string;
  message?: string;
  notice?: string;
  source?: KudosSource;
}

/** The kudos form, prefilled: opened by commands and shortcuts, and shown again when a late check refuses it. */
export async function kudosFormView(deps: ListenerDeps, prefill: KudosPrefill = {}): Promise<ModalView> {
  const context: KudosModalContext = prefill.source ? { source: prefill.source } : {};
  return kudosModal({
    companyValues: deps.settings.companyValues,
    recipientIds: prefill.recipientIds,
    value: prefill.value,
    message: prefill.message,
    notice: prefill.notice,
    permalink: prefill.source?.permalink,
    channelLabel: kudosChannelLabel(deps.settings.kudosChannel),
    hint: await recognitionHint(deps, prefill.giverId),
    privateMetadata: JSON.stringify(context),
  });
}

export async function openKudosModal(
  deps: ListenerDeps,
  client: WebClient,
  triggerId: string,
  prefill: KudosPrefill = {},
): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: await kudosFormView(deps, prefill) });
}
