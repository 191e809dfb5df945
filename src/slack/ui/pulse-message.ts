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

/**
 * What holds, said exactly (docs/adr/0003-pulse-anonymity.md): Leadwell keeps that you answered (to stop a
 * second answer) but never with what you answered; answers are stored only in shuffled groups of at least
 * `minResponses` about the same manager; smaller groups are deleted unread. Slack itself carries your
 * answer from the form to Leadwell, as it carries everything in Slack.
 */
function storagePromise(minResponses: number): string {
  return `Leadwell records that you answered, never with what: your answer is stored only shuffled in with at least ${minResponses - 1} others about the same manager, with the month but no date, time or name (if fewer than ${minResponses} people answer, the answers are deleted unread).`;
}

export function pulseMessage(prompt: PulsePrompt, minResponses: number): { text: string; blocks: KnownBlock[] } {
  const who = escapeMrkdwn(truncate(prompt.managerName, 80));
  return {
    text: `Monthly pulse: ${PULSE_QUESTION} (no name kept with your answer, one minute)`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `:bar_chart: *Monthly pulse — ${monthName(prompt.period)}*\n${prompt.again ? 'Leadwell restarted before your answer could be stored with others\', so it was not kept: please answer again.\n' : ''}About *${who}*: ${PULSE_QUESTION}`,
        },
      },
      {
        type: 'actions',
        block_id: 'pulse_actions',
        elements: [{ type: 'button', style: 'primary', action_id: PULSE_ANSWER_ACTION, value: prompt.period, text: { type: 'plain_text', text: 'Answer (1 minute)' } }],
      },
      {
        type: 'context',
        elements: [{
          type: 'mrkdwn',
          text: `${storagePromise(minResponses)} ${who} sees results only after the month closes. Open until ${closeDay(prompt.closesAt)}.`,
        }],
      },
    ],
  };
}

/** What replaces the DM once answered: never the rating itself. */
export function pulseThanksMessage(): { text: string; blocks: KnownBlock[] } {
  const text = ':white_check_mark: Thanks — your answer is in. It is stored with no name, shuffled in with others\' answers. See you next month.';
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
    submit: { type: 'plain_text', text: 'Send' },
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
        hint: { type: 'plain_text', text: 'Your manager reads comments word for word, in random order, only when enough people answered. Leave out details that identify you.' },
        element: { type: 'plain_text_input', action_id: PULSE_COMMENT_ACTION, multiline: true, max_length: MAX_COMMENT },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${storagePromise(options.minResponses)} Results appear after the month closes.` }] },
    ],
  };
}
