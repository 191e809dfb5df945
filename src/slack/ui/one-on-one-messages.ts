import type { KnownBlock } from '@slack/types';
import type { ActionItem } from '../../domain/one-on-ones';
import type { Agenda, LogResult } from '../../domain/one-on-ones-service';
import { escapeMrkdwn, formatDate, truncate } from './one-on-one-format';
import { count, countOrNone } from './words';

type Message = { text: string; blocks: KnownBlock[] };

/** A short private answer (refusals, confirmations): plain words, the same in text and blocks. */
export function oneOnOneNotice(text: string): Message {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } }] };
}

function itemLines(items: ReadonlyArray<Pick<ActionItem, 'ownerId' | 'text'>>, done = false): string {
  return items.map((i) => `${done ? ':white_check_mark:' : '•'} <@${i.ownerId}>: ${escapeMrkdwn(truncate(i.text, 300))}`).join('\n');
}

/** The DM the report gets after the 1:1. Built from the log result, which carries no notes at all. */
export function summaryDm(result: Pick<LogResult, 'managerId' | 'heldOn' | 'items' | 'completed' | 'nextDueOn'>): Message {
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*Summary of your 1:1 with <@${result.managerId}>* on ${formatDate(result.heldOn)}` } },
  ];
  if (result.items.length > 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*Action items*\n${itemLines(result.items)}`, 3000) } });
  if (result.completed.length > 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*Done since last time*\n${itemLines(result.completed, true)}`, 3000) } });
  if (result.items.length === 0 && result.completed.length === 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: 'No action items this time.' } });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Next 1:1 planned by ${formatDate(result.nextDueOn)}. Sent by Leadwell for <@${result.managerId}>.` }] });
  return { text: `Summary of your 1:1 on ${formatDate(result.heldOn)}: ${result.items.length} action items.`, blocks };
}

/** The DM that prepares the report for the 1:1: the manager's questions and the open items. */
export function agendaDm(agenda: Agenda): Message {
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*<@${agenda.managerId}> is preparing your next 1:1* and shared the agenda, so you can think ahead and add your own topics.` } },
  ];
  if (agenda.questions.length > 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*Questions to talk about*\n${agenda.questions.map((q) => `• ${q}`).join('\n')}`, 3000) } });
  blocks.push({
    type: 'section',
    text: { type: 'mrkdwn', text: agenda.openItems.length > 0 ? truncate(`*Open action items*\n${itemLines(agenda.openItems)}`, 3000) : '*Open action items*\nNone.' },
  });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Bring anything else that is on your mind — the 1:1 is your time too.' }] });
  return { text: `Agenda for your next 1:1 with your manager: ${count(agenda.questions.length, 'question')}, ${countOrNone(agenda.openItems.length, 'open item', 'no open items')}.`, blocks };
}
