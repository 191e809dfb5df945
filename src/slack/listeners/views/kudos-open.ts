import type { WebClient } from '@slack/web-api';
import type { ListenerDeps } from '../deps';
import type { KudosSource } from '../../../domain/kudos';
import { kudosModal } from '../../ui/kudos-modal';
import { kudosChannelLabel } from '../../kudos-poster';

/**
 * Level-independent recognition hints from prompts/all/ (level: all, topic: recognition). Rotated by
 * day so the modal does not always say the same thing; a built-in line covers a library without them.
 */
export const KUDOS_HINT_IDS = [
  'all-recognition-what-makes-it-land',
  'all-recognition-be-specific',
  'all-recognition-name-the-impact',
  'all-recognition-tie-to-a-value',
];
export const FALLBACK_HINT = {
  title: 'What makes recognition land',
  body: 'Name the specific thing they did, the difference it made and for whom, and the value it shows. "Thanks for your hard work" fades; "your test plan caught the billing bug before release" stays.',
};
const DAY_MS = 24 * 60 * 60 * 1000;

export function recognitionHint(deps: Pick<ListenerDeps, 'guidance' | 'clock'>): { title: string; body: string } {
  const start = Math.floor(deps.clock.now() / DAY_MS) % KUDOS_HINT_IDS.length;
  for (let i = 0; i < KUDOS_HINT_IDS.length; i += 1) {
    const item = deps.guidance.byId(KUDOS_HINT_IDS[(start + i) % KUDOS_HINT_IDS.length] as string);
    // Only level-independent items: the hint must read the same for everyone giving kudos.
    if (item && item.level === 'all') return { title: item.title, body: firstParagraph(item.body) };
  }
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
  recipientIds?: readonly string[];
  value?: string;
  message?: string;
  notice?: string;
  source?: KudosSource;
}

export async function openKudosModal(deps: ListenerDeps, client: WebClient, triggerId: string, prefill: KudosPrefill = {}): Promise<void> {
  const context: KudosModalContext = prefill.source ? { source: prefill.source } : {};
  await client.views.open({
    trigger_id: triggerId,
    view: kudosModal({
      companyValues: deps.settings.companyValues,
      recipientIds: prefill.recipientIds,
      value: prefill.value,
      message: prefill.message,
      notice: prefill.notice,
      permalink: prefill.source?.permalink,
      channelLabel: kudosChannelLabel(deps.settings.kudosChannel),
      hint: recognitionHint(deps),
      privateMetadata: JSON.stringify(context),
    }),
  });
}
