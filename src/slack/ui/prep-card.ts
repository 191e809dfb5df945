import { renderMessage } from '../../domain/kudos';
import type { KnownBlock } from '@slack/types';
import { LEVELS } from '../../domain/ports';
import type { PrepCard } from '../../domain/prep-card';
import { RECOGNITION_DAYS } from '../../domain/prep-card';
import { cadencePhrase, escapeMrkdwn, firstLine, formatDate, LEVEL_LABELS, truncate } from './one-on-one-format';
import { prepGoalBlocks, prepPlanBlocks } from './goal-prep-blocks';
import { CHOSEN_SITUATIONS } from '../../domain/situations';
import { CHOSEN_LABELS, FOLLOW_UP_NOUNS, SITUATION_LINES } from './situation-labels';
import { actionBlocks, doneBlocks, type CardDone } from './prep-card-actions';
import { count, countOrNone } from './words';
import { prepManagerHabitsBlocks } from './prep-manager-habits';

export { PREP_CLAIM_ACTION, PREP_LOG_ACTION, PREP_OTHER_QUESTIONS_ACTION, PREP_SEND_AGENDA_ACTION, type CardDone } from './prep-card-actions';
export const PREP_LEVEL_ACTION = 'one_on_one_level';
export const PREP_SITUATION_ACTION = 'one_on_one_situation';
const LEVEL_BLOCK_PREFIX = 'oo_level:';
const SITUATION_BLOCK_PREFIX = 'oo_situation:';

/** The level menu's block id names the report, so a level change can redraw this card. */
export function levelBlockId(reportId: string): string {
  return `${LEVEL_BLOCK_PREFIX}${reportId}`;
}
export function reportOfLevelBlock(blockId: string): string | undefined {
  return blockId.startsWith(LEVEL_BLOCK_PREFIX) ? blockId.slice(LEVEL_BLOCK_PREFIX.length) || undefined : undefined;
}

/** The situation menu's block id names the report, like the level menu's. */
export function situationBlockId(reportId: string): string {
  return `${SITUATION_BLOCK_PREFIX}${reportId}`;
}
export function reportOfSituationBlock(blockId: string): string | undefined {
  return blockId.startsWith(SITUATION_BLOCK_PREFIX) ? blockId.slice(SITUATION_BLOCK_PREFIX.length) || undefined : undefined;
}

/** What the card's buttons carry: the report, the guidance items shown (agenda, rotation), the chosen situation. */
export interface PrepButtonValue {
  r: string;
  g: string[];
  s?: string;
}

export function prepButtonValue(card: Pick<PrepCard, 'report' | 'itemIds' | 'chosen'>): string {
  return JSON.stringify({ r: card.report.id, g: card.itemIds.slice(0, 8), ...(card.chosen ? { s: card.chosen } : {}) } satisfies PrepButtonValue);
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

/**
 * "What's this 1:1 about?": the manager names the moment; choosing redraws the card for it (a redrawn card
 * too: the block id still names the report). "Last time" is about the 1:1 before this one, so a card whose
 * 1:1 has just been logged no longer asks how the previous one has gone.
 */
function situationBlock(card: PrepCard, done: CardDone): KnownBlock {
  const options = CHOSEN_SITUATIONS.map((s) => ({ text: { type: 'plain_text' as const, text: truncate(CHOSEN_LABELS[s], 75) }, value: s }));
  const follow = card.followUp && !done.loggedOn
    ? `\n*Last time* (${formatDate(card.followUp.heldOn)})*:* ${FOLLOW_UP_NOUNS[card.followUp.situation]} — how has it gone since?`
    : '';
  return {
    type: 'section',
    block_id: situationBlockId(card.report.id),
    text: { type: 'mrkdwn', text: `*What's this 1:1 about?*${follow}` },
    accessory: {
      type: 'static_select',
      action_id: PREP_SITUATION_ACTION,
      placeholder: { type: 'plain_text', text: 'Choose a situation' },
      ...(card.chosen ? { initial_option: options.find((o) => o.value === card.chosen) } : {}),
      options,
    },
  };
}

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } });
const bullets = (lines: readonly string[]) => lines.map((l) => `• ${l}`).join('\n');

function situationLine(card: PrepCard): string {
  if (card.situation) return `_For ${SITUATION_LINES[card.situation] ?? card.situation}_`;
  if (card.chosen && card.chosen !== 'everyday') return `_Nothing written yet for ${SITUATION_LINES[card.chosen] ?? card.chosen} at your level; here is general 1:1 guidance._`;
  return '_For a regular 1:1_';
}

/**
 * The guidance, in the order a manager uses it in the room: what it's for, the question to ask first,
 * the other questions, the words to open with, what to do on pushback, the HR check, then the why
 * (the body). Questions for the manager come last, under "Think about", never among the questions to ask.
 */
function guidanceBlocks(card: PrepCard): KnownBlock[] {
  const g = card.guidance;
  if (!g && card.guidancePassed) {
    return [section("_This card's advice was for a moment that has passed. Choose what the next 1:1 is about above for fresh guidance._")];
  }
  if (!g) {
    return [section('_No guidance is available for your level yet — ask your Leadwell admin to add some to the content library._')];
  }
  const blocks: KnownBlock[] = [section(`${situationLine(card)}\n*${g.title}*`)];
  const asks = [...(g.askFirst ? [`*${g.askFirst}* _(if there's time for one)_`] : []), ...g.ask];
  if (asks.length > 0) blocks.push(section(`*Questions to ask*\n${bullets(asks)}`));
  const words = [
    ...(g.say ? [`*You could open with*\n>${g.say}`] : []),
    ...(g.ifPushback ? [`*If they push back:* ${g.ifPushback}`] : []),
  ];
  if (words.length > 0) blocks.push(section(words.join('\n')));
  if (g.hrCheck) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`:warning: *HR check:* ${g.hrCheck}`, 3000) }] });
  blocks.push(section(g.body));
  if (g.reflect.length > 0) blocks.push(section(`*Think about*\n${bullets(g.reflect)}`));
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
    situationBlock(card, done),
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
