import type { KnownBlock } from '@slack/types';
import type { TeamRow } from '../../domain/prep-card';
import { cadenceShort, truncate } from './one-on-one-format';
import { count } from './words';

export const TEAM_PREP_ACTION = 'one_on_one_team_prep';
const MAX_ROWS = 40;

/** `/oneonone` alone: the manager's reports, most urgent first, a Prep button each. */
export function teamListMessage(rows: readonly TeamRow[]): { text: string; blocks: KnownBlock[] } {
  if (rows.length === 0) return noTeamMessage();
  const shown = rows.slice(0, MAX_ROWS);
  const overdue = rows.filter((r) => r.cadence.state === 'overdue').length;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Your 1:1s' } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: overdue > 0 ? `*${overdue}* of your ${count(rows.length, 'report')} ${overdue === 1 ? 'is' : 'are'} overdue for a 1:1.` : rows.length === 1 ? 'Your report and where you stand:' : `All ${rows.length} of your reports, most urgent first.` },
    },
    ...shown.map(
      (r): KnownBlock => ({
        type: 'section',
        text: { type: 'mrkdwn', text: truncate(`<@${r.id}> — ${cadenceShort(r.cadence)}`, 3000) },
        accessory: { type: 'button', action_id: TEAM_PREP_ACTION, text: { type: 'plain_text', text: 'Prep' }, value: r.id },
      }),
    ),
  ];
  const more = rows.length - shown.length;
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${more > 0 ? `…and ${more} more. ` : ''}\`/oneonone @name\` preps any 1:1 · \`/oneonone help\` for more` }],
  });
  return { text: `Your 1:1s: ${count(rows.length, 'report')}, ${overdue} overdue.`, blocks };
}

export function noTeamMessage(): { text: string; blocks: KnownBlock[] } {
  const text = "Who's your 1:1 with? I don't know your team yet: try `/oneonone @alice`. Once you log a 1:1 with someone who has no manager on record, they join your team here.";
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
