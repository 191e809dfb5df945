import { renderMessage } from '../../domain/kudos';
import type { KnownBlock } from '@slack/types';
import { LEVELS } from '../../domain/ports';
import type { PrepCard } from '../../domain/prep-card';
import { RECOGNITION_DAYS } from '../../domain/prep-card';
import { cadencePhrase, escapeMrkdwn, firstLine, formatDate, LEVEL_LABELS, truncate } from './one-on-one-format';
import { prepGoalBlocks, prepPlanBlocks } from './goal-prep-blocks';
import { actionBlocks, doneBlocks, type CardDone } from './prep-card-actions';
import { count, countOrNone } from './words';
import { prepManagerHabitsBlocks } from './prep-manager-habits';

export { PREP_CLAIM_ACTION, PREP_LOG_ACTION, PREP_OTHER_QUESTIONS_ACTION, PREP_SEND_AGENDA_ACTION, type CardDone } from './prep-card-actions';
export const PREP_LEVEL_ACTION = 'one_on_one_level';
const LEVEL_BLOCK_PREFIX = 'oo_level:';

/** The level menu's block id names the report, so a level change can redraw this card. */
export function levelBlockId(reportId: string): string {
  return `${LEVEL_BLOCK_PREFIX}${reportId}`;
}
export function reportOfLevelBlock(blockId: string): string | undefined {
  return blockId.startsWith(LEVEL_BLOCK_PREFIX) ? blockId.slice(LEVEL_BLOCK_PREFIX.length) || undefined : undefined;
}

const SITUATION_LABELS: Record<string, string> = {
  'first-1:1': 'your first 1:1 together',
  'after-missed': 'picking up after a missed 1:1',
  overdue: 'an overdue 1:1',
  'new-manager': 'your first 90 days as a manager',
  'new-report': 'someone new to your team',
  'report-manages-others': 'a report who manages people',
  'career-conversation': "it's been a while since you talked about career",
};

/** What the card's buttons carry: the report and the guidance items shown (for the agenda and rotation). */
export interface PrepButtonValue {
  r: string;
  g: string[];
}

export function prepButtonValue(card: Pick<PrepCard, 'report' | 'itemIds'>): string {
  return JSON.stringify({ r: card.report.id, g: card.itemIds.slice(0, 8) } satisfies PrepButtonValue);
}

function levelBlock(card: PrepCard): KnownBlock {
  const label = LEVEL_LABELS[card.manager.level];
  const inferred = card.manager.hasTeam === false ? 'nobody reports to you on record yet, so frontline to start' : 'worked out from your team';
  const how = card.manager.levelSource === 'admin' ? 'set by your Leadwell admin' : card.manager.levelSource === 'self' ? 'chosen by you' : inferred;
  const text = `Coaching you as: *${label}* _(${how})_`;
  if (card.manager.levelSource === 'admin') return { type: 'section', text: { type: 'mrkdwn', text } };
  const options = LEVELS.map((l) => ({ text: { type: 'plain_text' as const, text: truncate(LEVEL_LABELS[l], 75) }, value: l }));
  return {
    type: 'section',
    block_id: levelBlockId(card.report.id),
    text: { type: 'mrkdwn', text: `${text}\nNot right? Change it here or with \`/coach level\`.` },
    accessory: {
      type: 'static_select',
      action_id: PREP_LEVEL_ACTION,
      placeholder: { type: 'plain_text', text: 'Change level' },
      initial_option: options.find((o) => o.value === card.manager.level),
      options,
    },
  };
}

function guidanceBlocks(card: PrepCard): KnownBlock[] {
  if (!card.guidance) {
    return [{ type: 'section', text: { type: 'mrkdwn', text: '_No guidance is available for your level yet — ask your Leadwell admin to add some to the content library._' } }];
  }
  const why = card.situation ? `_For ${SITUATION_LABELS[card.situation] ?? card.situation}_\n` : '';
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(`${why}*${card.guidance.title}*\n${card.guidance.body}`, 3000) } },
  ];
  if (card.questions.length > 0) {
    const list = card.questions.map((q) => `• ${q}`).join('\n');
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*Questions to ask*\n${list}`, 3000) } });
  }
  return blocks;
}

function itemsText(card: PrepCard): string {
  if (card.openItems.length === 0) return '*Open action items*\nNone — a clean slate.';
  const lines = card.openItems.map((i) => `• <@${i.ownerId}>: ${escapeMrkdwn(truncate(i.text, 200))} _(since ${formatDate(i.heldOn)})_`);
  if (card.moreOpenItems > 0) lines.push(`_…and more: log this 1:1 to see and tick them all._`);
  return truncate(`*Open action items* (oldest first)\n${lines.join('\n')}`, 3000);
}

function recognitionText(card: PrepCard): string {
  const head = `*Recognition ${escapeMrkdwn(card.report.name)} received (last ${RECOGNITION_DAYS} days)*`;
  if (card.recognition.length === 0) return `${head}\nNone yet. Seen good work from <@${card.report.id}> lately? Say so with \`/kudos\` or the *Give kudos* shortcut.`;
  const lines = card.recognition.map((k) => `• <@${k.giverId}> · *${escapeMrkdwn(truncate(k.value, 60))}*: ${renderMessage(truncate(firstLine(k.message), 150))}`);
  return truncate(`${head}\n${lines.join('\n')}`, 3000);
}

/** GOALS SLOT: rendered only when the goals feature provides them (goal-prep-blocks.ts: goals with Update buttons, plan, career prompt). */
function goalsBlocks(card: PrepCard): KnownBlock[] {
  if (card.goals === undefined) return [];
  return [...prepGoalBlocks(card.goals, card.report.name), ...prepPlanBlocks(card.plan, card.report.name)];
}

/** The private prep card `/oneonone @person` answers with; `done` marks what was already done from this card. */
export function prepCardMessage(card: PrepCard, done: CardDone = {}): { text: string; blocks: KnownBlock[] } {
  const value = prepButtonValue(card);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`1:1 prep · ${card.report.name}`, 150) } },
    ...doneBlocks(done),
    { type: 'section', text: { type: 'mrkdwn', text: cadencePhrase(card.cadence) } },
    levelBlock(card),
    { type: 'divider' },
    ...guidanceBlocks(card),
    ...prepManagerHabitsBlocks(card.managerHabits),
    { type: 'divider' },
    { type: 'section', text: { type: 'mrkdwn', text: itemsText(card) } },
    { type: 'section', text: { type: 'mrkdwn', text: recognitionText(card) } },
    ...goalsBlocks(card),
    ...actionBlocks(card, done, value),
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'Only you can see this card. Notes you log are private to you.' }] },
  ];
  const questions = count(card.questions.length, 'question');
  const items = countOrNone(card.openItems.length + card.moreOpenItems, 'open action item', 'no open action items');
  return { text: `1:1 prep for ${escapeMrkdwn(card.report.name)}: ${questions}, ${items}.`, blocks };
}
