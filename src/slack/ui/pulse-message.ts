import type { KnownBlock, View } from '@slack/types';
import { MAX_COMMENT, PULSE_QUESTION, RATING_LABELS } from '../../domain/pulse';
import type { PulsePrompt } from '../../domain/pulse-ports';
import { escapeMrkdwn, truncate } from './one-on-one-format';

/**
 * The pulse DM and its answer modal. The DM's button carries the period only: the rating is chosen in
 * the modal, so it travels only inside `view.state`, which Leadwell's logs always redact, and never in an
 * action payload.
 */
export const PULSE_ANSWER_ACTION = 'pulse_answer_open';
export const PULSE_MODAL_CALLBACK = 'pulse_answer';
export const PULSE_RATING_BLOCK = 'pulse_rating';
export const PULSE_RATING_ACTION = 'rating';
export const PULSE_COMMENT_BLOCK = 'pulse_comment';
export const PULSE_COMMENT_ACTION = 'comment';

function monthName(period: string): string {
  const d = new Date(`${period}-01T00:00:00Z`);
  return d.toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function closeDay(closesAt: number): string {
  return new Date(closesAt - 1).toLocaleString('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
}

export function pulseMessage(prompt: PulsePrompt, minResponses: number): { text: string; blocks: KnownBlock[] } {
  const who = escapeMrkdwn(truncate(prompt.managerName, 80));
  return {
    text: `Monthly pulse: ${PULSE_QUESTION} (anonymous, one minute)`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:bar_chart: *Monthly pulse — ${monthName(prompt.period)}*\nAbout *${who}*: ${PULSE_QUESTION}` } },
      {
        type: 'actions',
        block_id: 'pulse_actions',
        elements: [{ type: 'button', style: 'primary', action_id: PULSE_ANSWER_ACTION, value: prompt.period, text: { type: 'plain_text', text: 'Answer (anonymous, 1 minute)' } }],
      },
      {
        type: 'context',
        elements: [{
          type: 'mrkdwn',
          text: `Anonymous by design: your answer is stored without your name or the time you gave it. ${who} sees results only after the month closes and only when at least ${minResponses} people answered. Open until ${closeDay(prompt.closesAt)}.`,
        }],
      },
    ],
  };
}

/** What replaces the DM once answered: never the rating itself. */
export function pulseThanksMessage(): { text: string; blocks: KnownBlock[] } {
  const text = ':white_check_mark: Thanks — your answer is in, anonymously. See you next month.';
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export function pulseNotice(text: string): { text: string; blocks: KnownBlock[] } {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export interface PulseModalMeta {
  period: string;
  channel?: string;
  ts?: string;
}

export function pulseModal(options: { period: string; managerName: string; minResponses: number; meta: PulseModalMeta }): View {
  return {
    type: 'modal',
    callback_id: PULSE_MODAL_CALLBACK,
    private_metadata: JSON.stringify(options.meta),
    title: { type: 'plain_text', text: 'Monthly pulse' },
    submit: { type: 'plain_text', text: 'Send anonymously' },
    close: { type: 'plain_text', text: 'Not now' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `About *${escapeMrkdwn(truncate(options.managerName, 80))}* — ${monthName(options.period)}` } },
      {
        type: 'input',
        block_id: PULSE_RATING_BLOCK,
        label: { type: 'plain_text', text: truncate(PULSE_QUESTION, 2000) },
        element: {
          type: 'radio_buttons',
          action_id: PULSE_RATING_ACTION,
          options: RATING_LABELS.map((label, i) => ({ text: { type: 'plain_text', text: `${i + 1} — ${label}` }, value: String(i + 1) })),
        },
      },
      {
        type: 'input',
        block_id: PULSE_COMMENT_BLOCK,
        optional: true,
        label: { type: 'plain_text', text: 'Anything to add? (optional)' },
        hint: { type: 'plain_text', text: 'Your manager sees comments, in random order, only when enough people answered. Avoid details that identify you.' },
        element: { type: 'plain_text_input', action_id: PULSE_COMMENT_ACTION, multiline: true, max_length: MAX_COMMENT },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Stored with no name and the day only. Results need at least ${options.minResponses} answers and appear after the month closes.` }] },
    ],
  };
}
