import { z } from 'zod';
import type { ContentLevel } from '../domain/ports';
import { ALL_SITUATIONS } from '../domain/situations';
import { checkBody } from './mrkdwn-checks';
import { itemRuleProblems, type RuleProblem } from './item-rules';

/** The vocabulary of prompts/ (see prompts/README.md). Strings are part of the content format. */
export const CONTENT_LEVELS = ['frontline', 'mid-level', 'executive', 'all'] as const satisfies readonly ContentLevel[];

export const TOPICS = [
  'one-on-one', 'recognition', 'feedback', 'goals', 'development', 'coaching', 'delegation', 'first-90-days',
  'performance', 'wellbeing', 'developing-managers', 'cross-functional', 'skip-level', 'calibration', 'culture',
  'purpose', 'measuring-leadership', 'hiring', 'onboarding', 'exits', 'pay-and-promotion', 'conflict',
  'psychological-safety', 'remote-hybrid', 'change', 'managing-up', 'crisis', 'board', 'self-awareness',
] as const;
export type Topic = (typeof TOPICS)[number];

/** Every value `when` may hold: `everyday` and the moments (src/domain/situations.ts). */
export const SITUATIONS = ALL_SITUATIONS;

/** The id prefix each level's items carry, so an id alone says where the file lives. */
export const ID_PREFIXES: Record<ContentLevel, string> = { frontline: 'fl-', 'mid-level': 'ml-', executive: 'ex-', all: 'all-' };

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,63}$/;
export const LIMITS = {
  title: 80,
  question: 150,
  ask: 5,
  reflect: 3,
  reflectQuestion: 200,
  say: 240,
  ifPushback: 300,
  hrCheck: 200,
  body: 1500,
  sourceText: 200,
} as const;
/** The format asks for one short paragraph; outside this range is a warning, not an error. */
export const BODY_ADVISED = { min: 250, max: 700 } as const;

// Characters that would turn plain text into mrkdwn or a Slack control sequence.
const MRKDWN_CHARS = /[*_~`\\<>]/;
const LINK = /https?:\/\/|www\./i;

function plainText(max: number, what: string) {
  return z
    .string({ error: `must be text` })
    .trim()
    .min(1, `must not be empty`)
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/[\r\n]/.test(s), `${what} must be a single line`)
    .refine((s) => !MRKDWN_CHARS.test(s), `${what} is plain text: no *, _, ~, \`, \\, < or >`)
    .refine((s) => !s.includes('{{') && !s.includes('}}'), `${what} cannot use {{placeholders}} (only the body can)`)
    .refine((s) => !LINK.test(s), `${what} must not contain links`);
}

const question = (max: number) =>
  plainText(max, 'a question')
    .refine((s) => s.endsWith('?'), 'must be a question ending in "?"')
    .refine((s) => !/^ask yourself\b/i.test(s), 'must be the question itself, without "Ask yourself"');

const source = z.strictObject(
  {
    author: z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(LIMITS.sourceText),
    work: z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(LIMITS.sourceText),
    year: z.number({ error: 'must be a year (a number)' }).int('must be a whole year').min(1800, 'must be a year after 1800').max(2100, 'must be a real year'),
  },
  { error: 'must be {author, work, year}' },
);
export type Source = z.output<typeof source>;

const list = <T extends z.ZodType>(of: T) => z.array(of, { error: 'must be a list' });

/**
 * The YAML front matter of one v2 item: field by field. Unknown keys are errors so a typo like
 * `question:` cannot pass silently. Rules that tie fields together live in item-rules.ts.
 */
export const frontMatterSchema = z.strictObject({
  id: z.string({ error: 'must be text' }).regex(ID_PATTERN, 'must match ^[a-z0-9][a-z0-9-]{2,63}$ (lowercase letters, digits, dashes)'),
  level: z.enum(CONTENT_LEVELS, { error: `must be one of ${CONTENT_LEVELS.join(', ')}` }),
  topic: z.enum(TOPICS, { error: `must be one of ${TOPICS.join(', ')}` }),
  title: plainText(LIMITS.title, 'the title'),
  when: list(z.enum(SITUATIONS, { error: `must be one of ${SITUATIONS.join(', ')}` }))
    .min(1, 'must name at least one situation; everyday items say [everyday]')
    .refine((w) => new Set(w).size === w.length, 'lists a situation twice'),
  ask: list(question(LIMITS.question)).max(LIMITS.ask, `at most ${LIMITS.ask} questions`).default([]),
  ask_first: plainText(LIMITS.question, 'ask_first').optional(),
  reflect: list(question(LIMITS.reflectQuestion)).max(LIMITS.reflect, `at most ${LIMITS.reflect} questions`).default([]),
  say: plainText(LIMITS.say, 'say').optional(),
  if_pushback: plainText(LIMITS.ifPushback, 'if_pushback').optional(),
  hr_check: plainText(LIMITS.hrCheck, 'hr_check').optional(),
  sources: list(source),
  enabled: z.boolean({ error: 'must be true or false' }).default(true),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;
export const FIELDS = Object.keys(frontMatterSchema.shape);

/** A field path as authors read it: `ask[2]`, `sources[0].year`. */
export function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || 'front matter';
}

export interface ItemCheck {
  frontMatter?: FrontMatter;
  /** The normalised body (unwrapped lines), not yet escaped for mrkdwn. */
  body: string;
  /** Each "field: message". */
  errors: string[];
  warnings: string[];
}

export interface CheckItemOptions {
  /**
   * An operator's old-format item migrated on read: the v2 editorial rules (open questions, say and
   * hr_check on sensitive topics, 3–5 questions) are reported as warnings so the item still loads.
   */
  lenient?: boolean;
}

/** Validates one item's front matter and body; reports every problem, not just the first. */
export function checkItem(data: unknown, body: string, options: CheckItemOptions = {}): ItemCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) errors.push(`${key}: ${unknownKeyMessage(key)}`);
      } else {
        errors.push(`${fieldName(issue.path)}: ${issue.message}`);
      }
    }
  }
  const bodyCheck = checkBody(body, { min: 1, max: LIMITS.body, advised: BODY_ADVISED });
  errors.push(...bodyCheck.errors.map((m) => `body: ${m}`));
  warnings.push(...bodyCheck.warnings.map((m) => `body: ${m}`));
  if (parsed.success) {
    const rules = itemRuleProblems(parsed.data, bodyCheck.text, ID_PREFIXES);
    const strict = rules.filter((r) => !options.lenient || r.always);
    errors.push(...strict.map(ruleText));
    warnings.push(...rules.filter((r) => !strict.includes(r)).map(ruleText));
  }
  return { frontMatter: parsed.success && errors.length === 0 ? parsed.data : undefined, body: bodyCheck.text, errors, warnings };
}

function ruleText(r: RuleProblem): string {
  return `${r.field}: ${r.message}`;
}

function unknownKeyMessage(key: string): string {
  if (key === 'questions') return 'the old field: v2 calls the questions for the other person `ask` (and adds ask_first); see prompts/README.md';
  const close = FIELDS.find((f) => f.replace(/_/g, '') === key.toLowerCase().replace(/[-_]/g, ''));
  return close ? `unknown field; did you mean ${close}?` : `unknown field (allowed: ${FIELDS.join(', ')})`;
}
