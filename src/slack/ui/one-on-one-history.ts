import type { KnownBlock } from '@slack/types';
import type { OneOnOneHistoryEntry } from '../../domain/one-on-ones';
import { escapeMrkdwn, formatDate, truncate } from './one-on-one-format';

/** `/oneonone history @alice`: the last 1:1s; note text appears only on the viewer's own entries. */
export function historyMessage(model: { viewerId: string; reportId: string; reportName: string; entries: readonly OneOnOneHistoryEntry[] }): {
  text: string;
  blocks: KnownBlock[];
} {
  const { entries } = model;
  const title = `Last 1:1s with ${model.reportName}`;
  // The title goes to a plain_text header; the fallback text and sections are mrkdwn, so the name is escaped there.
  const safeName = escapeMrkdwn(model.reportName);
  if (entries.length === 0) {
    const text = `No 1:1s with ${safeName} logged yet. After your next one: \`/oneonone log <@${model.reportId}>\``;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(title, 150) } }];
  for (const e of entries) {
    const who = e.managerId === model.viewerId ? '' : ` · with <@${e.managerId}>`;
    const energy = e.energy ? ` · energy ${e.energy}/5` : '';
    const items = e.items.length === 0 ? '_No action items._' : e.items.map((i) => `${i.doneAt ? ':white_check_mark:' : ':white_circle:'} <@${i.ownerId}>: ${escapeMrkdwn(truncate(i.text, 200))}`).join('\n');
    const lines = [`*${formatDate(e.heldOn)}*${who}${energy}${e.careerTalk ? ' · career talk' : ''}`, items];
    // Notes come only from storage for the manager who wrote them; never shown for anyone else's entry.
    if (e.notes && e.managerId === model.viewerId) lines.push(`>${escapeMrkdwn(truncate(e.notes, 1200)).replace(/\n/g, '\n>')}`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), 3000) } });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Only you can see this. Your notes are shown to you alone.' }] });
  return { text: `Last 1:1s with ${safeName}: ${entries.length} shown.`, blocks };
}
