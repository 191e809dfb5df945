import type { KnownBlock } from '@slack/types';
import type { Level, RenderedGuidance } from '../../domain/ports';

export const LEVEL_LABEL: Record<Level, string> = { frontline: 'frontline managers', 'mid-level': 'mid-level managers', executive: 'executives' };

/** `/coach tip`: one piece of guidance for the person's level, with questions to try. */
export function tipMessage(model: { tip: RenderedGuidance; level: Level; managesPeople?: boolean }): { text: string; blocks: KnownBlock[] } {
  const { tip, level } = model;
  // Someone who manages nobody (yet) is not told the tip is "for frontline managers" as if they were one.
  const who = model.managesPeople === false ? "A tip for when you manage people (you don't, in Leadwell, yet)" : `For ${LEVEL_LABEL[level]}`;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: tip.title.slice(0, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: tip.body.slice(0, 3000) } },
  ];
  if (tip.questions.length > 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Try asking*\n${tip.questions.map((q) => `• ${q}`).join('\n')}`.slice(0, 3000) } });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${who} · topic: ${tip.topic} · \`/coach tip ${tip.topic}\` for another` }],
  });
  return { text: `${tip.title}: ${tip.body}`.slice(0, 3000), blocks };
}

export function tipTopicsMessage(model: { asked?: string; topics: string[] }): { text: string; blocks: KnownBlock[] } {
  const lead = model.asked ? `I have no tips on \`${model.asked.slice(0, 40)}\` for your level.` : 'Pick a topic:';
  const text = `${lead} Topics: ${model.topics.join(', ')}.`;
  return {
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `${lead}\n${model.topics.map((t) => `\`${t}\``).join(' · ')}` } }],
  };
}
