import type { KnownBlock } from '@slack/types';
import type { PrepHabits } from '../../domain/leadership/leadership-service';
import { followThroughPhrase, habitsPhrase, TREND_WORDS } from './leadership-format';
import { escapeMrkdwn, truncate } from './one-on-one-format';

export const PREP_MANAGER_HABITS_BLOCK = 'prep_manager_habits';

/**
 * The prep card's block for a 1:1 with someone who manages people: their team habits in one line and a question
 * about them. Counts only: nobody on their team is named. A separate builder so the card can place it anywhere.
 */
export function prepManagerHabitsBlocks(p: PrepHabits | undefined): KnownBlock[] {
  if (!p) return [];
  const h = p.habits;
  const name = escapeMrkdwn(truncate(h.name, 60));
  const lines = [`:busts_in_silhouette: *${name}'s team habits:* ${habitsPhrase(h)} · ${followThroughPhrase(h)} · ${TREND_WORDS[h.trend]}`];
  if (p.question) lines.push(`*Ask about them:* ${escapeMrkdwn(p.question.question)}`);
  return [{ type: 'section', block_id: PREP_MANAGER_HABITS_BLOCK, text: { type: 'mrkdwn', text: truncate(lines.join('\n'), 3000) } }];
}
