import type { KnownBlock, ModalView } from '@slack/types';
import type { LogResult } from '../../domain/one-on-ones-service';
import { formatDate, truncate } from './one-on-one-format';
import { count, countOrNone } from './words';


/** The relationship line: what happened to the org chart when this 1:1 was logged. */
export function relationshipLine(result: Pick<LogResult, 'relationship' | 'otherManagerId' | 'reportId'>): string | undefined {
  if (result.relationship === 'unconfirmed') {
    return `<@${result.reportId}> has no manager in Leadwell yet: I've asked them to confirm they report to you. They join your team (\`/oneonone\`, nudges) once they do.`;
  }
  if (result.relationship === 'other-manager') {
    return `<@${result.reportId}> reports to <@${result.otherManagerId}> in Leadwell, so I didn't move them to your team. If that's out of date, ask for the change from Leadwell's *Home* tab.`;
  }
  if (result.relationship === 'would-cycle') return `<@${result.reportId}> is above you in the org chart, so they were not added to your team.`;
  return undefined;
}

/** What the log modal turns into once saved (or when the same submission arrives twice). */
export function logSavedView(result: LogResult): ModalView {
  const headline = result.created
    ? `:white_check_mark: Logged your 1:1 with <@${result.reportId}> on *${formatDate(result.heldOn)}*.`
    : `:white_check_mark: This 1:1 with <@${result.reportId}> was already saved — nothing was stored twice.`;
  const lines = [headline];
  if (result.created) {
    const added = countOrNone(result.items.length, 'action item added', 'No new action items', 'action items added');
    lines.push(result.completed.length > 0 ? `${added}, ${count(result.completed.length, 'earlier item')} marked done.` : `${added}.`);
    lines.push(`Next 1:1 due by *${formatDate(result.nextDueOn)}*.`);
    if (result.sendSummary) lines.push(`A summary is on its way to <@${result.reportId}> — without your notes.`);
    const rel = relationshipLine(result);
    if (rel) lines.push(rel);
  }
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), 3000) } }];
  return { type: 'modal', title: { type: 'plain_text', text: '1:1 logged' }, close: { type: 'plain_text', text: 'Done' }, blocks };
}
