import type { KnownBlock } from '@slack/types';
import { LEVEL_LABELS, SOURCE_LABELS, type LevelInfo } from '../../domain/levels';
import { withArticle } from './words';

type Message = { text: string; blocks: KnownBlock[] };
const bold = (s: string): string => `*${s}*`;
const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** `/coach level` with nothing after it: where you stand and how to change it. */
/** `/coach level`: your level and where it comes from; with `subjectId`, an admin's view of someone else's. */
export function levelStatusMessage(level: LevelInfo, options: { managesPeople?: boolean; subjectId?: string } = {}): Message {
  const who = options.subjectId ? `<@${options.subjectId}>` : undefined;
  if (options.managesPeople === false && level.source === 'inferred') {
    const text = who
      ? `${who} doesn't manage anyone in Leadwell yet. You can still set a level with \`/coach level ${who} frontline\`.`
      : "You don't manage anyone in Leadwell yet. Add your team from the Leadwell *Home* tab, or set a level now with `/coach level frontline`.";
    return { text, blocks: [section(text)] };
  }
  const text = `${who ? `${who} is` : "You're"} coached as ${withArticle(LEVEL_LABELS[level.level], bold)} (${SOURCE_LABELS[level.source]}).`;
  if (who) return { text, blocks: [section(text)] };
  const how = level.source === 'inferred'
    ? 'Not right? `/coach level frontline`, `/coach level mid-level` or `/coach level executive`.'
    : `From your org chart you would be ${withArticle(LEVEL_LABELS[level.inferred], bold)}. \`/coach level auto\` goes back to that.`;
  return { text, blocks: [section(`${text}\n${how}`)] };
}

export function levelChangedMessage(level: LevelInfo, targetId?: string): Message {
  const who = targetId ? `<@${targetId}> is now coached` : "Done: you're now coached";
  const text = `${who} as ${withArticle(LEVEL_LABELS[level.level], bold)} (${SOURCE_LABELS[level.source].replace('set by you', targetId ? 'set by them' : 'set by you')}).`;
  return { text, blocks: [section(`${text}\nTips, prep cards and nudges follow at once.`)] };
}

export function coachNotice(text: string): Message {
  return { text, blocks: [section(text)] };
}
