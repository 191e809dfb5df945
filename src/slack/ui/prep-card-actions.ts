import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { PrepCard } from '../../domain/prep-card';
import { escapeMrkdwn, formatDate, truncate } from './one-on-one-format';
import { anyOf, count, countOrNone } from './words';

/**
 * The prep card's buttons and what was already done from it. Acting on a card redraws it (replace_original):
 * after a log it shows the new cadence and open items with no Log button; after an agenda, no second Send;
 * after "reports to me", no claim button. The manager never looks at a stale card.
 */

export const PREP_LOG_ACTION = 'one_on_one_log_open';
export const PREP_OTHER_QUESTIONS_ACTION = 'one_on_one_other_questions';
export const PREP_SEND_AGENDA_ACTION = 'one_on_one_send_agenda';
/** "Alice reports to me": shown when nobody is on record as the report's manager. */
export const PREP_CLAIM_ACTION = 'one_on_one_claim_report';

/** What has been done from this card, shown at its top. */
export interface CardDone {
  /** The 1:1 logged from the card, on this date ('YYYY-MM-DD'). */
  loggedOn?: string;
  agendaSent?: { questions: number; openItems: number };
  /** The report was just added to the manager's team from the card. */
  joinedTeam?: boolean;
  /** "Reports to me" was asked for and waits for these people to confirm (the reporting-line rule). */
  confirmationFrom?: string[];
}

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75) });

export function doneBlocks(done: CardDone): KnownBlock[] {
  const lines: string[] = [];
  if (done.loggedOn) lines.push(`:white_check_mark: 1:1 logged for *${formatDate(done.loggedOn)}*. The cadence and open items below are up to date.`);
  if (done.agendaSent) {
    const { questions, openItems } = done.agendaSent;
    lines.push(`:outbox_tray: Agenda sent: ${count(questions, 'question')} and ${countOrNone(openItems, 'open item', 'no open items')}.`);
  }
  if (done.joinedTeam) lines.push(':busts_in_silhouette: Added to your team: you will see them in `/oneonone`, on your Home tab and in your weekly nudge.');
  if (done.confirmationFrom && done.confirmationFrom.length > 0) {
    const asked = anyOf(done.confirmationFrom.map((id) => `<@${id}>`));
    lines.push(`:hourglass_flowing_sand: Asked ${asked} to confirm that they report to you; they join your team once someone confirms.`);
  }
  return lines.length > 0 ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: lines.join('\n') }] }] : [];
}

function agendaButton(card: PrepCard, value: string): Button {
  const name = truncate(card.report.name, 40);
  return {
    type: 'button',
    action_id: PREP_SEND_AGENDA_ACTION,
    text: plain(`Send agenda to ${name}`),
    value,
    confirm: {
      title: plain('Send the agenda?'),
      // Display names come from Slack profiles, which anyone can edit: in mrkdwn they are text, never markup.
      text: { type: 'mrkdwn', text: truncate(`${escapeMrkdwn(name)} gets a DM with these questions and your open action items, so you both come prepared. Never any notes.`, 300) },
      confirm: plain('Send'),
      deny: plain('Not now'),
    },
  };
}

/** Someone with no manager on record: one click says they report to you (App Home's team add, same rules). */
function claimButton(card: PrepCard, value: string): Button {
  return { type: 'button', action_id: PREP_CLAIM_ACTION, text: plain(`${truncate(card.report.name, 40)} reports to me`), value };
}

export function actionBlocks(card: PrepCard, done: CardDone, value: string): KnownBlock[] {
  const elements: Button[] = [];
  if (!done.loggedOn) {
    elements.push({ type: 'button', action_id: PREP_LOG_ACTION, text: plain('Log this 1:1'), style: 'primary', value });
    elements.push({ type: 'button', action_id: PREP_OTHER_QUESTIONS_ACTION, text: plain('Other questions'), value });
    if (!done.agendaSent) elements.push(agendaButton(card, value));
  }
  if (!card.report.managerId && !done.confirmationFrom) elements.push(claimButton(card, value));
  if (elements.length === 0) return [];
  const actions: ActionsBlock = { type: 'actions', elements };
  return [actions];
}
