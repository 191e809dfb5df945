import type { KnownBlock } from '@slack/types';

const LINES = [
  '*`/oneonone @person`* — private prep card before a 1:1: questions for your level, open action items, recent recognition',
  '*`/oneonone log @person`* — log a 1:1 after it happened (notes stay private to you)',
  '*`/kudos @person message #value`* — recognise someone; or use the *Give kudos* shortcut',
  '*`/coach tip [topic]`* — a tip for your level, any time',
  '*`/coach level frontline|mid-level|executive`* — set your level',
  '*`/coach nudges off|on`* — pause or resume your weekly nudge',
  '*`/coach settings`* — your cadence, nudge day and hour',
];

export function coachHelp(): { text: string; blocks: KnownBlock[] } {
  return {
    text: 'Leadwell helps you lead: 1:1 prep, recognition and a weekly nudge.',
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: '*Leadwell* helps you lead: 1:1 prep, recognition and a weekly nudge.' } },
      { type: 'section', text: { type: 'mrkdwn', text: LINES.join('\n') } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Open the *Home* tab of Leadwell for your team at a glance.' }] },
    ],
  };
}
