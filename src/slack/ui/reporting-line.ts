import type { KnownBlock } from '@slack/types';
import type { ReportingLineNews, ReportingLineRequest } from '../../domain/reporting-lines/reporting-line';

export const LINE_CONFIRM_ACTION = 'reporting_line_confirm';
export const LINE_DECLINE_ACTION = 'reporting_line_decline';

type Message = { text: string; blocks: KnownBlock[] };
const who = (id: string) => `<@${id}>`;
const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

const WHAT_IT_UNLOCKS =
  'Their manager in Leadwell sees their 1:1 cadence, goals shared with their manager and their development plan. ' +
  "1:1 history stays with the manager who wrote it: it never moves.";

function askText(r: ReportingLineRequest, recipientId: string): string {
  if (recipientId === r.personId) {
    const now = r.fromManagerId ? ` (today it's ${who(r.fromManagerId)})` : '';
    return `${who(r.requestedBy)} asked Leadwell to record that you report to ${who(r.toManagerId)}${now}. Is that right?`;
  }
  return `${who(r.toManagerId)} asked to add ${who(r.personId)}, who reports to you in Leadwell, to their team. Is that right?`;
}

/** The DM asking someone who can vouch for a change to confirm it. Buttons carry only the request's random id. */
export function lineRequestMessage(r: ReportingLineRequest, recipientId: string, expiresOn: string): Message {
  const text = askText(r, recipientId);
  return {
    text,
    blocks: [
      section(`:busts_in_silhouette: ${text}`),
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${WHAT_IT_UNLOCKS} Nothing changes until someone confirms; this request lapses on ${expiresOn}.` }] },
      {
        type: 'actions',
        block_id: 'reporting_line_answer',
        elements: [
          { type: 'button', action_id: LINE_CONFIRM_ACTION, style: 'primary', text: { type: 'plain_text', text: 'Confirm' }, value: r.id },
          { type: 'button', action_id: LINE_DECLINE_ACTION, text: { type: 'plain_text', text: recipientId === r.personId ? 'Not me' : 'Not right' }, value: r.id },
        ],
      },
    ],
  };
}

/** Replaces the request in the DM of whoever answered it. */
export function lineDecidedMessage(outcome: 'confirmed' | 'declined', r: ReportingLineRequest): Message {
  const text = outcome === 'confirmed'
    ? `:white_check_mark: Confirmed: ${who(r.personId)} now reports to ${who(r.toManagerId)} in Leadwell.`
    : `:x: Declined: nothing changed for ${who(r.personId)}. ${who(r.requestedBy)} has been told.`;
  return { text, blocks: [section(text)] };
}

/** A plain answer to a click that changed nothing (expired, answered already, not theirs). */
export function lineRefusalMessage(message: string): Message {
  return { text: message, blocks: [section(`:information_source: ${message}`)] };
}

/** What the old manager, the person and the new manager are told once a line changed or was declined. */
export function lineNewsMessage(news: ReportingLineNews, recipientId: string): Message {
  let text: string;
  if (news.kind === 'removed') {
    text = `${who(news.fromManagerId)} took you off their team in Leadwell, so you have no manager on record now.`;
  } else if (news.kind === 'declined') {
    text = `${who(news.decidedBy)} said ${who(news.personId)} does not report to ${who(news.toManagerId)}, so nothing changed in Leadwell.`;
  } else if (recipientId === news.personId) {
    text = `You now report to ${who(news.toManagerId)} in Leadwell${news.fromManagerId ? ` (before: ${who(news.fromManagerId)})` : ''}; confirmed by ${who(news.decidedBy)}.`;
  } else if (recipientId === news.fromManagerId) {
    text = `${who(news.personId)} now reports to ${who(news.toManagerId)} in Leadwell; confirmed by ${who(news.decidedBy)}. Your 1:1 history with them stays yours alone.`;
  } else {
    text = `${who(news.personId)} is now on your team in Leadwell; confirmed by ${who(news.decidedBy)}.`;
  }
  return { text, blocks: [section(text)] };
}
