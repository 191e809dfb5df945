import type { KnownBlock } from '@slack/types';
import type { Level, RenderedGuidance } from '../../domain/ports';

export const LEVEL_LABEL: Record<Level, string> = { frontline: 'frontline managers', 'mid-level': 'mid-level managers', executive: 'executives' };

/**
 * The tip's extras, shared by `/coach tip`, the weekly nudge and App Home: the one question to ask and the
 * words to open with. `reflect` is never shown here: those are the manager's own questions, not ones to ask.
 */
export function tipExtras(tip: Pick<RenderedGuidance, 'askFirst' | 'say'>): string | undefined {
  const lines = [...(tip.askFirst ? [`*Try asking:* ${tip.askFirst}`] : []), ...(tip.say ? [`*You could say:*\n>${tip.say}`] : [])];
  return lines.length > 0 ? lines.join('\n').slice(0, 3000) : undefined;
}

/** `/coach tip`: one piece of guidance for the person's level: the question to try, the words, the advice. */
export function tipMessage(model: { tip: RenderedGuidance; level: Level; managesPeople?: boolean }): { text: string; blocks: KnownBlock[] } {
  const { tip, level } = model;
  const extras = tipExtras(tip);
  // Someone who manages nobody (yet) is not told the tip is "for frontline managers" as if they were one.
  const who = model.managesPeople === false ? "A tip for when you manage people (you don't, in Leadwell, yet)" : `For ${LEVEL_LABEL[level]}`;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: tip.title.slice(0, 150) } },
    ...(extras ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: extras } }] : []),
    { type: 'section', text: { type: 'mrkdwn', text: tip.body.slice(0, 3000) } },
  ];
  if (tip.hrCheck) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `:warning: *HR check:* ${tip.hrCheck}`.slice(0, 3000) }] });
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
