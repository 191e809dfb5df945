import { matchValue } from '../domain/kudos';

/**
 * `/kudos @a @b what they did #value`, as Slack sends it with should_escape on. The people named
 * before the message are the recipients; mentions inside the message stay in it. With no leading
 * mention, every mention in the text is a recipient (`/kudos thanks <@U1> for the fix #craft`).
 */
export interface KudosCommandText {
  recipientIds: string[];
  /** Plain `@names` Slack did not turn into mentions: resolved by name, or reported. */
  names: string[];
  value?: string;
  /** `#words` typed that are not a company value (kept in the message). */
  unknownTags: string[];
  /** Still Slack-escaped. */
  message: string;
}

const LEADING = /^\s*(?:<@([UW][A-Z0-9]+)(?:\|[^>]*)?>|@([\p{L}\p{N}._-]+))[\s,]*/u;
const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;
const TAG = /(^|\s)#([\p{L}\p{N}][\p{L}\p{N}_-]*)(?=$|[\s.,!?;:)])/gu;

export function parseKudosText(raw: string, companyValues: readonly string[]): KudosCommandText {
  let rest = raw ?? '';
  const recipientIds: string[] = [];
  const names: string[] = [];
  for (let m = LEADING.exec(rest); m; m = LEADING.exec(rest)) {
    if (m[1] && !recipientIds.includes(m[1])) recipientIds.push(m[1]);
    if (m[2] && !names.includes(m[2])) names.push(m[2]);
    rest = rest.slice(m[0].length);
  }
  if (recipientIds.length === 0 && names.length === 0) {
    for (const m of rest.matchAll(MENTION)) if (m[1] && !recipientIds.includes(m[1])) recipientIds.push(m[1]);
  }
  let value: string | undefined;
  const unknownTags: string[] = [];
  // The last tag naming a company value wins and leaves the message; other #words are part of it.
  const tags = [...rest.matchAll(TAG)];
  for (let i = tags.length - 1; i >= 0 && !value; i -= 1) {
    const t = tags[i] as RegExpMatchArray;
    const found = matchValue(t[2] as string, companyValues);
    if (found) {
      value = found;
      const at = (t.index ?? 0) + (t[1] as string).length;
      rest = `${rest.slice(0, at)}${rest.slice(at + 1 + (t[2] as string).length)}`;
    }
  }
  if (!value) for (const t of tags) unknownTags.push(t[2] as string);
  const message = rest
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .trim();
  return { recipientIds, names, value, unknownTags, message };
}
