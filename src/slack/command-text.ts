/**
 * Pure parsing of slash-command text as Slack sends it with should_escape on:
 * users as <@U123|name> (or <@U123>), channels as <#C123|name>, specials as <!here>.
 */

export interface ParsedCommandText {
  /** User ids from escaped mentions, in order, without duplicates. */
  userIds: string[];
  /** Plain `@name` words that Slack did not escape (typed names, unknown users). */
  names: string[];
  /** `#value` words (not channel links), without the '#'. */
  tags: string[];
  /** Channel ids from escaped channel links. */
  channelIds: string[];
  /** The text with mentions, names and tags removed, whitespace collapsed. */
  rest: string;
}

const USER = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;
const CHANNEL = /<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/g;
const NAME = /(^|\s)@([\p{L}\p{N}._-]+)/gu;
const TAG = /(^|\s)#([\p{L}\p{N}][\p{L}\p{N}_-]*)/gu;

export function parseCommandText(raw: string): ParsedCommandText {
  const text = raw ?? '';
  const userIds: string[] = [];
  const channelIds: string[] = [];
  const names: string[] = [];
  const tags: string[] = [];
  let rest = text.replace(USER, (_m, id: string) => {
    if (!userIds.includes(id)) userIds.push(id);
    return ' ';
  });
  rest = rest.replace(CHANNEL, (_m, id: string) => {
    channelIds.push(id);
    return ' ';
  });
  rest = rest.replace(NAME, (_m, lead: string, name: string) => {
    if (!names.includes(name)) names.push(name);
    return lead;
  });
  rest = rest.replace(TAG, (_m, lead: string, tag: string) => {
    tags.push(tag);
    return lead;
  });
  return { userIds, names, tags, channelIds, rest: rest.replace(/\s+/g, ' ').trim() };
}

/** First word (lower-cased) and everything after it: `log <@U1|a>` → ['log', '<@U1|a>']. */
export function splitSubcommand(raw: string): [string, string] {
  const trimmed = (raw ?? '').trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return ['', ''];
  return [(match[1] as string).toLowerCase(), match[2] as string];
}

/** Neutralises Slack's special mentions and control sequences in user text we repost. */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/<!(channel|here|everyone)(\|[^>]*)?>/gi, '@\u200B$1')
    .replace(/<!subteam\^[A-Z0-9]+(\|([^>]*))?>/gi, (_m, _g, label: string | undefined) => `@\u200B${label ?? 'group'}`)
    .replace(/(^|[^<])@(channel|here|everyone)\b/gi, '$1@\u200B$2');
}
