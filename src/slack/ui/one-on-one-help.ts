import type { KnownBlock } from '@slack/types';

const LINES = [
  '*`/oneonone @person`* — a private prep card: guidance and 3–5 questions for your level and situation, days since your last 1:1, open action items and recent recognition. Buttons: *Log this 1:1*, *Other questions*, *Send agenda* (DMs them the questions and open items).',
  "*`/oneonone @person resigned`* — say what the 1:1 is about (performance, feedback, review, promotion, career, top performer, resigned, letting go, conflict, struggling, back from leave, new to the team, reorg) for guidance written for that moment; or pick it on the card under *What's this 1:1 about?*",
  '*`/oneonone`* — your reports and who is due for a 1:1, with a Prep button each.',
  '*`/oneonone log @person`* — log a 1:1: date, private notes, action items, tick off old ones, energy 1–5, and an optional summary to them (never with your notes).',
  '*`/oneonone history @person`* — your last 5 1:1s with them and their action items.',
  '*`/coach level frontline|mid-level|executive`* — change the level your guidance is written for (or use the menu on a prep card).',
];

export function oneOnOneHelpMessage(): { text: string; blocks: KnownBlock[] } {
  return {
    text: 'How /oneonone works: prep a 1:1, log it, see history.',
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: '*1:1s with Leadwell* — prepare before, log after. Everything here is private to you.' } },
      { type: 'section', text: { type: 'mrkdwn', text: LINES.join('\n\n') } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Your notes are readable only by you — not by the person, not by admins, not in reports or exports. Mention people with @ so Slack picks the right one.' }],
      },
    ],
  };
}
