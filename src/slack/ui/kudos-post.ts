import type { KnownBlock } from '@slack/types';
import { renderMessage } from '../../domain/kudos';
import { escapeMrkdwn } from './one-on-one-format';
import { count } from './words';

/** The kudos as others see it: the channel post and each recipient's DM. */
export interface KudosPostModel {
  giverId: string;
  recipientIds: readonly string[];
  value: string;
  /** As stored: plain text, rendered safe here. */
  message: string;
  source?: { channelId: string; permalink?: string };
}

const SECTION_MAX = 3000;

// One mrkdwn escaper for every builder (company values come from config but are still text inside mrkdwn).
export { escapeMrkdwn };

export function mentionList(ids: readonly string[]): string {
  const m = ids.map((id) => `<@${id}>`);
  if (m.length <= 1) return m.join('');
  return `${m.slice(0, -1).join(', ')} and ${m[m.length - 1]}`;
}

/** Quotes every line, split into sections under Slack's 3000-character limit without cutting an entity. */
export function quoteBlocks(message: string): KnownBlock[] {
  const quoted = message.split('\n').map((line) => `>${line}`);
  const chunks: string[] = [];
  let current = '';
  for (const line of quoted) {
    for (const piece of splitLong(line)) {
      if (current && current.length + 1 + piece.length > SECTION_MAX) {
        chunks.push(current);
        current = '';
      }
      current = current ? `${current}\n${piece}` : piece;
    }
  }
  if (current) chunks.push(current);
  return chunks.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

function splitLong(line: string): string[] {
  if (line.length <= SECTION_MAX) return [line];
  const out: string[] = [];
  let rest = line;
  while (rest.length > SECTION_MAX) {
    let cut = SECTION_MAX - 1;
    // Never split inside &amp; or <@U…>, nor between surrogate halves.
    const open = Math.max(rest.lastIndexOf('&', cut), rest.lastIndexOf('<', cut));
    if (open > cut - 40 && open > 0) cut = open;
    if (/[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut -= 1;
    out.push(rest.slice(0, cut));
    rest = `>${rest.slice(cut)}`;
  }
  out.push(rest);
  return out;
}

function sourceLine(source: KudosPostModel['source']): KnownBlock[] {
  if (!source?.permalink) return [];
  return [{ type: 'context', elements: [{ type: 'mrkdwn', text: `:link: For <${source.permalink}|this message> in <#${source.channelId}>` }] }];
}

export function kudosChannelPost(model: KudosPostModel): { text: string; blocks: KnownBlock[] } {
  const who = mentionList(model.recipientIds);
  return {
    text: `<@${model.giverId}> recognised ${who} for ${escapeMrkdwn(model.value)}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:tada: <@${model.giverId}> recognised ${who} for *${escapeMrkdwn(model.value)}*` } },
      ...quoteBlocks(renderMessage(model.message)),
      ...sourceLine(model.source),
    ],
  };
}

export function kudosRecipientDm(model: KudosPostModel & { postLink?: string }): { text: string; blocks: KnownBlock[] } {
  const others = model.recipientIds.length > 1 ? ` (with ${count(model.recipientIds.length - 1, 'other')})` : '';
  const head = `:sparkles: <@${model.giverId}> recognised you${others} for *${escapeMrkdwn(model.value)}*`;
  const footer = model.postLink ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: `<${model.postLink}|See it in the kudos channel>` }] }] : [];
  return {
    text: `<@${model.giverId}> recognised you for ${escapeMrkdwn(model.value)}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: head } }, ...quoteBlocks(renderMessage(model.message)), ...sourceLine(model.source), ...footer],
  };
}

/** The kudos channel as people know it, for messages: `<#C123>` for an id, `#kudos` for a name. */
export function kudosChannelLabel(channel: string | undefined): string | undefined {
  if (!channel) return undefined;
  return /^[CG][A-Z0-9]+$/.test(channel) ? `<#${channel}>` : `#${channel.replace(/^#/, '')}`;
}
