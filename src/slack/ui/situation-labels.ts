import type { KnownBlock } from '@slack/types';
import { CHOSEN_SITUATIONS, type ChosenSituation } from '../../domain/situations';

/** Human words for the situations: the card's menu, its "For …" line, the follow-up, the hint. */

/** Menu options ("What's this 1:1 about?"), ≤ 75 characters each. */
export const CHOSEN_LABELS: Record<ChosenSituation, string> = {
  performance: 'A performance concern',
  feedback: 'Hard feedback to give',
  review: 'A review or calibration outcome',
  'pay-promotion': 'Pay or promotion (or not promoted)',
  'career-conversation': 'Career and growth',
  'top-performer': 'Keeping a strong performer',
  resignation: 'They resigned or may leave',
  exit: 'Letting them go',
  conflict: 'Conflict with a colleague',
  wellbeing: "They're struggling",
  'back-from-leave': 'Back from leave',
  'new-report': 'New to the team',
  restructure: 'A reorg, layoff or big change',
  everyday: 'A regular 1:1',
};

/** Words a manager can type after the name, one or two per situation (the parser knows more). */
export const TYPED_EXAMPLES: Record<ChosenSituation, string> = {
  performance: 'performance, underperforming',
  feedback: 'feedback',
  review: 'review, calibration',
  'pay-promotion': 'pay, promotion, not promoted',
  'career-conversation': 'career',
  'top-performer': 'top performer, stay',
  resignation: 'resigned, leaving',
  exit: 'letting go',
  conflict: 'conflict',
  wellbeing: 'struggling',
  'back-from-leave': 'back from leave',
  'new-report': 'new to the team',
  restructure: 'reorg, layoff',
  everyday: 'regular',
};

/** "_For …_" on the card: every situation a guidance item can have been picked for. */
export const SITUATION_LINES: Record<string, string> = {
  'first-1:1': 'your first 1:1 together',
  'after-missed': 'picking up after a missed 1:1',
  overdue: 'an overdue 1:1',
  'new-manager': 'your first 90 days as a manager',
  'new-report': 'someone new to your team',
  'report-manages-others': 'a report who manages people',
  'career-conversation': 'a conversation about career and growth',
  performance: 'a performance concern',
  feedback: 'hard feedback to give',
  review: 'a review or calibration outcome',
  'pay-promotion': 'a pay or promotion conversation',
  'top-performer': 'keeping a strong performer stretched and staying',
  resignation: 'someone who resigned or may leave',
  exit: 'letting someone go',
  conflict: 'a conflict with a colleague',
  wellbeing: 'someone who is struggling',
  'back-from-leave': 'someone back from leave',
  restructure: 'a reorg, layoff or big change',
};

/** The follow-up on the next card: "Last time: performance concern — how has it gone since?" */
export const FOLLOW_UP_NOUNS: Record<ChosenSituation, string> = {
  performance: 'performance concern',
  feedback: 'hard feedback',
  review: 'review outcome',
  'pay-promotion': 'pay or promotion',
  'career-conversation': 'career and growth',
  'top-performer': 'keeping them stretched',
  resignation: 'talk of leaving',
  exit: 'their exit',
  conflict: 'conflict with a colleague',
  wellbeing: 'a hard time',
  'back-from-leave': 'back from leave',
  'new-report': 'settling in',
  restructure: 'the reorg or change',
  everyday: 'a regular 1:1',
};

/** Unknown words after the name: what the manager can type instead, never an error. */
export function situationHint(typed: string, reportId: string): { text: string; blocks: KnownBlock[] } {
  const shown = typed.replace(/[<>&*_~`]/g, '').slice(0, 40);
  const lines = CHOSEN_SITUATIONS.map((s) => `• ${CHOSEN_LABELS[s]}: \`${TYPED_EXAMPLES[s]}\``).join('\n');
  const text =
    `I don't know “${shown}” as a 1:1 situation. Type one of these after the name, like \`/oneonone <@${reportId}> performance\`, ` +
    `or run \`/oneonone <@${reportId}>\` and pick from *What's this 1:1 about?* on the card:\n${lines}`;
  return { text: `I don't know “${shown}” as a 1:1 situation. Try: ${CHOSEN_SITUATIONS.map((s) => TYPED_EXAMPLES[s].split(',')[0]).join(', ')}.`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
