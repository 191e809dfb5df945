import type { KnownBlock } from '@slack/types';
import type { MidLevelSection } from '../../domain/leadership/mid-level';
import { attentionReasons, followThroughPhrase, habitsPhrase, mention, TREND_WORDS } from './leadership-format';
import { count } from './words';
import { escapeMrkdwn, truncate } from './one-on-one-format';

/**
 * The weekly nudge's section for someone whose reports manage people: their managers' habits, the one who most
 * needs attention and a question for the next 1:1. Managers are named (they are this person's own reports);
 * nobody on the managers' teams is, by id or by name.
 */

const SECTION_MAX = 3000;
const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_MAX) } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, SECTION_MAX) }] });

export function midLevelBlocks(s: MidLevelSection | undefined): KnownBlock[] {
  if (!s) return [];
  const lines = s.managers.map((h) => `• ${mention(h.id)} — ${habitsPhrase(h)} · ${followThroughPhrase(h)} · ${TREND_WORDS[h.trend]}`);
  if (s.more > 0) lines.push(`…and ${count(s.more, 'more manager')}: \`/coach report\` has everyone.`);
  const blocks: KnownBlock[] = [{ type: 'divider' }, section(`:busts_in_silhouette: *The managers who report to you*\n${lines.join('\n')}`)];
  if (s.focus) blocks.push(section(`:mag: *Most needs your attention: ${mention(s.focus.id)}* — ${attentionReasons(s.focus)}.`));
  else blocks.push(section(':sparkles: Nobody stands out this week: every manager is close to their cadence and recognising their team.'));
  if (s.question) {
    const who = s.focus ? mention(s.focus.id) : 'each of them';
    blocks.push(section(`:speech_balloon: *Ask ${who} in your next 1:1:* ${escapeMrkdwn(s.question.question)}`));
    blocks.push(context(`From “${escapeMrkdwn(truncate(s.question.title, 80))}” · habits only, over the last 4 weeks; nobody on their teams is shown.`));
  } else blocks.push(context('Habits only, over the last 4 weeks; nobody on their teams is shown.'));
  return blocks;
}
