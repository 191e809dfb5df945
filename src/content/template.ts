import Mustache from 'mustache';
import { TEMPLATE_PLACEHOLDERS, type TemplateVars } from '../domain/ports';

/** The placeholders content may use. Anything else is a typo the content check reports. */
export const KNOWN_PLACEHOLDERS = TEMPLATE_PLACEHOLDERS;
export type Placeholder = (typeof KNOWN_PLACEHOLDERS)[number];

/**
 * What a name placeholder says when no value is given, e.g. in a weekly tip that is about no one in
 * particular: "Ask your report to list..." reads better than "Ask to list...". Numbers have no default.
 */
export const PLACEHOLDER_DEFAULTS: Readonly<Record<string, string>> = { name: 'your report', manager_name: 'your manager' };

/** Slack display names are at most 80 characters; anything longer is cut so a card stays within Block Kit limits. */
export const MAX_VALUE_LENGTH = 100;

// Fullwidth look-alikes: a value can never open or close *bold*, _italic_, ~strike~ or `code`.
const NEUTRAL: Record<string, string> = { '*': '\uFF0A', _: '\uFF3F', '~': '\uFF5E', '`': '\uFF40' };
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// Bidi embeddings/overrides/isolates in a value could reorder the text around it ("Trojan source").
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g;
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud83a[\udc00-\udfff]/;
const FIRST_STRONG_ISOLATE = '\u2068';
const POP_ISOLATE = '\u2069';

/**
 * Mustache's default writer caches every template it ever parses, for good: the load-time placeholder check put
 * the whole library there (~6 MB of heap for the shipped one, because its parser builds each text token one
 * character at a time, a rope of hundreds of string cells per item). Rendering keeps its own cache, holding only
 * templates that are rendered (those with a placeholder), with their text flattened; the check keeps nothing.
 */
const RENDER_CACHE_LIMIT = 2000; // far above any library; bounds a caller that renders ever-new text
const renderer = withCache(new Mustache.Writer(), flatTokenCache(RENDER_CACHE_LIMIT));
const checker = withCache(new Mustache.Writer(), undefined);

function withCache(writer: Mustache.Writer, cache: Mustache.TemplateCache | undefined): Mustache.Writer {
  (writer as unknown as { templateCache: Mustache.TemplateCache | undefined }).templateCache = cache;
  return writer;
}

function flatTokenCache(limit: number): Mustache.TemplateCache {
  const cache = new Map<string, unknown>();
  return {
    get: (key) => cache.get(key) as string | undefined,
    set(key, tokens) {
      if (cache.size >= limit) cache.clear();
      cache.set(key, flatten(tokens));
    },
    clear: () => cache.clear(),
  };
}

/** A fresh copy of each string is one flat string, not the parser's rope; tokens nest (sections) as arrays. */
function flatten(value: unknown): unknown {
  if (typeof value === 'string') return JSON.parse(JSON.stringify(value)) as string;
  return Array.isArray(value) ? value.map(flatten) : value;
}

/**
 * Makes a variable safe inside Slack mrkdwn: entities for & < > (so `<!channel>` is text), fullwidth forms for
 * the formatting characters, control and bidi characters removed, whitespace collapsed, length capped.
 * Right-to-left text is wrapped in a first-strong isolate so it cannot reorder the sentence around it.
 */
export function escapeMrkdwnValue(value: string | number): string {
  let s = String(value).replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  if ([...s].length > MAX_VALUE_LENGTH) s = [...s].slice(0, MAX_VALUE_LENGTH - 1).join('') + '…';
  s = s.replace(/[&<>]/g, (c) => ENTITIES[c]!).replace(/[*_~`]/g, (c) => NEUTRAL[c]!);
  return RTL.test(s) ? FIRST_STRONG_ISOLATE + s + POP_ISOLATE : s;
}

/**
 * Renders {{placeholders}} with mustache (logic-less). Values are escaped before mustache sees them and
 * mustache's own HTML escaping is off, so even a {{{triple}}} tag cannot insert raw mrkdwn. A missing name
 * uses PLACEHOLDER_DEFAULTS; other missing and unknown placeholders render as empty text. The view has no
 * prototype: `{{constructor}}` finds nothing.
 */
export function renderTemplate(template: string, vars: TemplateVars = {}): string {
  if (!template.includes('{{')) return template;
  const view: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, PLACEHOLDER_DEFAULTS);
  for (const [key, value] of Object.entries(vars)) {
    const safe = value === undefined || value === null ? '' : escapeMrkdwnValue(value);
    if (safe !== '') view[key] = safe;
  }
  const rendered = renderer.render(template, view, {}, { escape: (s: string) => s });
  // A missing value leaves two spaces behind ("let  see"); one reads better. Only then: the regex costs
  // ten times the render on mustache's concatenated output, and this runs for every prep card.
  return usesMissing(template, view) ? rendered.replace(/ {2,}/g, ' ') : rendered;
}

function usesMissing(template: string, view: Record<string, string>): boolean {
  // The render just cached the parsed template, so this is a lookup, not a parse.
  for (const [kind, name] of renderer.parse(template) as Array<[string, string]>) {
    if (kind !== 'text' && !view[name]) return true;
  }
  return false;
}

/** The placeholder names a template uses, or an error for tags that are not plain {{name}} placeholders. */
export function placeholdersIn(template: string): { names: string[]; errors: string[] } {
  const names: string[] = [];
  const errors: string[] = [];
  let tokens: unknown[];
  try {
    tokens = checker.parse(template) as unknown[];
  } catch (err) {
    return { names, errors: [`malformed placeholder: ${(err as Error).message}`] };
  }
  for (const token of tokens as Array<[string, string]>) {
    const [kind, value] = token;
    if (kind === 'text') continue;
    if (kind === 'name') names.push(value);
    else errors.push(`only plain {{name}} placeholders are allowed, found a "${kind}" tag ({{${kind}${value}}})`);
  }
  return { names, errors };
}
