import { KNOWN_PLACEHOLDERS, placeholdersIn } from './template';

/**
 * Checks on an item body written in Slack mrkdwn. Errors are things that would misbehave in Slack
 * (pinging a whole channel, mentioning someone, links, lists); warnings are matters of style
 * (length, paragraphs, unbalanced formatting) that the author should look at but that render safely.
 */

export interface BodyCheck {
  /** The body as it will be sent: one line per paragraph, whitespace collapsed. */
  text: string;
  errors: string[];
  warnings: string[];
}

export interface BodyLimits {
  min: number;
  max: number;
  advised: { min: number; max: number };
}

const ERROR_PATTERNS: Array<[RegExp, string]> = [
  [/<!(channel|here|everyone)\b[^>]*>?/i, 'must not ping a channel (<!channel>, <!here>, <!everyone>)'],
  [/<!(?!channel|here|everyone)[a-z^]/i, 'must not use Slack special commands (<!...>)'],
  [/<@[A-Z0-9]/i, 'must not mention users (<@U…>); use {{name}} instead'],
  [/<#[A-Z0-9]/i, 'must not link channels (<#C…>)'],
  [/<(https?|mailto):|https?:\/\/|\bwww\./i, 'must not contain links'],
  [/(^|[\s(]):[a-z0-9_+-]+:(?=$|[\s).,!?;])/i, 'must not use emoji shortcodes such as :tada:'],
];

// A line starting with a bullet or a number is a list, which the format does not allow.
const LIST_LINE = /^[ \t]*(?:[•◦▪‣*-]|\d{1,2}[.)])[ \t]+\S/m;

/** Markdown-style unwrapping: single newlines join lines, blank lines separate paragraphs. */
export function normaliseBody(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0)
    .join('\n\n');
}

/** Slack treats & < > as control characters in mrkdwn; authored text is escaped once, at load. */
export function escapeMrkdwnText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function checkBody(raw: string, limits: BodyLimits): BodyCheck {
  const text = normaliseBody(raw);
  const errors: string[] = [];
  const warnings: string[] = [];
  const length = [...text].length;
  if (length < limits.min) errors.push('is empty: write the tip below the front matter');
  if (length > limits.max) errors.push(`must be at most ${limits.max} characters (found ${length})`);
  for (const [pattern, message] of ERROR_PATTERNS) if (pattern.test(text)) errors.push(message);
  if (LIST_LINE.test(raw.replace(/\r\n?/g, '\n'))) errors.push('must be one paragraph, not a list');
  const tags = placeholdersIn(text);
  errors.push(...tags.errors);
  for (const name of new Set(tags.names)) {
    if (!(KNOWN_PLACEHOLDERS as readonly string[]).includes(name)) {
      errors.push(`unknown placeholder {{${name}}} (known: ${KNOWN_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')})`);
    }
  }
  if (length >= limits.min && (length < limits.advised.min || length > limits.advised.max)) {
    warnings.push(`${length} characters; aim for ${limits.advised.min}–${limits.advised.max} (read in under a minute)`);
  }
  if (text.includes('\n\n')) warnings.push('has more than one paragraph; the format asks for one');
  const withoutTags = text.replace(/\{\{[^}]*\}\}/g, '');
  for (const mark of ['*', '_', '`']) {
    if (withoutTags.split(mark).length % 2 === 0) warnings.push(`has an odd number of "${mark}": formatting may not close`);
  }
  return { text, errors, warnings };
}
