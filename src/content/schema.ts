import { z } from 'zod';
import type { ContentLevel } from '../domain/ports';
import { checkBody } from './mrkdwn-checks';

/** The vocabulary of prompts/ (see prompts/README.md). Strings are part of the content format. */
export const CONTENT_LEVELS = ['frontline', 'mid-level', 'executive', 'all'] as const satisfies readonly ContentLevel[];

export const TOPICS = [
  'one-on-one',
  'recognition',
  'feedback',
  'goals',
  'development',
  'coaching',
  'delegation',
  'first-90-days',
  'performance',
  'wellbeing',
  'developing-managers',
  'cross-functional',
  'skip-level',
  'calibration',
  'culture',
  'purpose',
  'measuring-leadership',
] as const;
export type Topic = (typeof TOPICS)[number];

export const SITUATIONS = [
  'first-1:1',
  'overdue',
  'after-missed',
  'career-conversation',
  'new-report',
  'report-manages-others',
  'new-manager',
] as const;

/** The id prefix each level's items carry, so an id alone says where the file lives. */
export const ID_PREFIXES: Record<ContentLevel, string> = {
  frontline: 'fl-',
  'mid-level': 'ml-',
  executive: 'ex-',
  all: 'all-',
};

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,63}$/;
export const LIMITS = { title: 80, question: 150, questions: 6, body: 1500, source: 200 } as const;
export const ONE_ON_ONE_QUESTIONS = { min: 4, max: 6 } as const;
/** The format asks for one short paragraph; outside this range is a warning, not an error. */
export const BODY_ADVISED = { min: 250, max: 600 } as const;

// Characters that would turn plain text into mrkdwn or a Slack control sequence.
const MRKDWN_CHARS = /[*_~`<>]/;
const LINK = /https?:\/\/|www\./i;

function plainText(max: number, what: string) {
  return z
    .string({ error: `must be text` })
    .trim()
    .min(1, `must not be empty`)
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/[\r\n]/.test(s), `${what} must be a single line`)
    .refine((s) => !MRKDWN_CHARS.test(s), `${what} is plain text: no *, _, ~, \`, < or >`)
    .refine((s) => !s.includes('{{'), `${what} cannot use {{placeholders}} (only the body can)`)
    .refine((s) => !LINK.test(s), `${what} must not contain links`);
}

const question = plainText(LIMITS.question, 'a question')
  .refine((s) => s.endsWith('?'), 'must be a question ending in "?"')
  .refine((s) => !/^ask yourself\b/i.test(s), 'must be the question itself, without "Ask yourself"');

/** The YAML front matter of one item. Unknown keys are errors so a typo like `question:` cannot pass silently. */
export const frontMatterSchema = z
  .strictObject({
    id: z.string({ error: 'must be text' }).regex(ID_PATTERN, 'must match ^[a-z0-9][a-z0-9-]{2,63}$ (lowercase letters, digits, dashes)'),
    level: z.enum(CONTENT_LEVELS, { error: `must be one of ${CONTENT_LEVELS.join(', ')}` }),
    topic: z.enum(TOPICS, { error: `must be one of ${TOPICS.join(', ')}` }),
    title: plainText(LIMITS.title, 'the title'),
    questions: z.array(question, { error: 'must be a list' }).max(LIMITS.questions, `at most ${LIMITS.questions} questions`).default([]),
    when: z
      .array(z.enum(SITUATIONS, { error: `must be one of ${SITUATIONS.join(', ')}` }), { error: 'must be a list' })
      .default([])
      .refine((w) => new Set(w).size === w.length, 'lists a situation twice'),
    sources: z
      .array(z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(LIMITS.source), { error: 'must be a list' })
      .default([]),
    enabled: z.boolean({ error: 'must be true or false' }).default(true),
  })
  .superRefine((fm, ctx) => {
    const n = fm.questions.length;
    if (fm.topic === 'one-on-one' && (n < ONE_ON_ONE_QUESTIONS.min || n > ONE_ON_ONE_QUESTIONS.max)) {
      ctx.addIssue({
        code: 'custom',
        path: ['questions'],
        message: `one-on-one items need ${ONE_ON_ONE_QUESTIONS.min}–${ONE_ON_ONE_QUESTIONS.max} questions (found ${n})`,
      });
    }
    // A known prefix must agree with the level; custom prefixes (a company's own items) are free.
    for (const [level, prefix] of Object.entries(ID_PREFIXES)) {
      if (fm.id.startsWith(prefix) && level !== fm.level) {
        ctx.addIssue({ code: 'custom', path: ['id'], message: `the prefix "${prefix}" is for level ${level}, but level is ${fm.level}` });
      }
    }
  });

export type FrontMatter = z.output<typeof frontMatterSchema>;

/** A field path as authors read it: `questions[2]`, `when[0]`. */
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

/** Validates one item's front matter and body; reports every problem, not just the first. */
export function checkItem(data: unknown, body: string): ItemCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) errors.push(`${key}: unknown field (allowed: ${Object.keys(frontMatterSchema.shape).join(', ')})`);
      } else {
        errors.push(`${fieldName(issue.path)}: ${issue.message}`);
      }
    }
  }
  const bodyCheck = checkBody(body, { min: 1, max: LIMITS.body, advised: BODY_ADVISED });
  errors.push(...bodyCheck.errors.map((m) => `body: ${m}`));
  warnings.push(...bodyCheck.warnings.map((m) => `body: ${m}`));
  return { frontMatter: parsed.success && errors.length === 0 ? parsed.data : undefined, body: bodyCheck.text, errors, warnings };
}
