import type { ModalView } from '@slack/types';
import { truncate } from './home-format';

/** A one-message modal for App Home buttons, which have no channel to answer in. */
export function homeNoticeModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: truncate(title, 24) },
    close: { type: 'plain_text', text: 'OK' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } }],
  };
}
