import { placeholdersIn } from './template';

/** The parsed fields the rules read (schema.ts parses them; no import back, to keep the two files acyclic). */
export interface FrontMatter {
  id: string;
  level: string;
  topic: string;
  when: string[];
  ask: string[];
  ask_first?: string;
  reflect: string[];
  say?: string;
  if_pushback?: string;
  hr_check?: string;
}

/**
 * The v2 rules that tie fields together (prompts/README.md): how many questions, which items must
 * carry `say` and `hr_check`, open questions. Each problem names its field. `always` marks rules that
 * hold even for an operator's old-format item migrated on read; the rest are editorial.
 */

export interface RuleProblem {
  field: string;
  message: string;
  always?: boolean;
}

export const ASK_RANGE = { min: 3, max: 5 } as const;

/** Closed questions start with an auxiliary verb; the answer is yes or no. */
export const CLOSED_STARTS = [
  'is', 'are', 'am', 'do', 'does', 'did', 'can', 'could', 'would', 'will', 'have', 'has', 'had', 'should', 'shall', 'was', 'were', 'may', 'might',
] as const;

/** `say` is required for these: the manager needs words to open with. */
export const SAY_TOPICS = ['feedback', 'performance', 'exits', 'pay-and-promotion', 'conflict', 'change'];
export const SAY_SITUATIONS = ['performance', 'feedback', 'resignation', 'exit', 'pay-promotion', 'conflict', 'restructure'];
/** `hr_check` is required for these: the moments with legal or policy duties behind them. */
export const HR_TOPICS = ['performance', 'exits', 'pay-and-promotion', 'change'];
export const HR_SITUATIONS = ['performance', 'resignation', 'exit', 'pay-promotion', 'restructure', 'back-from-leave', 'wellbeing', 'conflict'];
/** Numbers that only make sense when a 1:1 is late. */
const LATE_PLACEHOLDERS = ['days_since_last', 'cadence_days'];
const LATE_SITUATIONS = ['overdue', 'after-missed'];

export function closedStart(question: string): string | undefined {
  const first = /^[\p{L}']+/u.exec(question.trim())?.[0]?.toLowerCase();
  return first && (CLOSED_STARTS as readonly string[]).includes(first) ? first : undefined;
}

/** Sentences, counted by their closing mark: "one or two sentences" is checkable. */
export function sentenceCount(text: string): number {
  return (text.trim().match(/[.!?]+(?=\s+["'“(]?[A-Z]|\s*$)/g) ?? []).length || 1;
}

function requiredBecause(fm: FrontMatter, topics: string[], situations: string[]): string | undefined {
  if (topics.includes(fm.topic)) return `topic ${fm.topic}`;
  const s = fm.when.find((w) => situations.includes(w));
  return s ? `when: ${s}` : undefined;
}

function askProblems(fm: FrontMatter): RuleProblem[] {
  const out: RuleProblem[] = [];
  const moment = fm.when.some((w) => w !== 'everyday');
  if ((fm.topic === 'one-on-one' || moment) && (fm.ask.length < ASK_RANGE.min || fm.ask.length > ASK_RANGE.max)) {
    const why = fm.topic === 'one-on-one' ? 'one-on-one items' : 'items written for a moment';
    out.push({ field: 'ask', message: `${why} need ${ASK_RANGE.min}–${ASK_RANGE.max} questions (found ${fm.ask.length})` });
  }
  fm.ask.forEach((q, i) => {
    const word = closedStart(q);
    if (word) out.push({ field: `ask[${i}]`, message: `is a closed question (starts with "${word}"); ask it openly: What…, How…, Tell me…` });
  });
  if (fm.ask.length > 0 && fm.ask_first === undefined) {
    out.push({ field: 'ask_first', message: 'is required when ask has questions: copy the one to ask if there is time for only one' });
  }
  if (fm.ask_first !== undefined && !fm.ask.includes(fm.ask_first)) {
    out.push({ field: 'ask_first', message: fm.ask.length === 0 ? 'needs ask questions to choose from' : 'must be an exact copy of one of the ask questions' });
  }
  fm.reflect.forEach((q, i) => {
    if (fm.ask.includes(q)) out.push({ field: `reflect[${i}]`, message: 'is also in ask: a question is either for them (ask) or for you (reflect)' });
  });
  return out;
}

/**
 * A `say` line is said word for word by any manager, so it cannot carry an invented particular: a weekday, a
 * month, a calendar date ("the 14th") or a clock time. (Made-up names are left to the editor: a capitalised
 * word is too often the start of a sentence.)
 */
const SAY_PARTICULARS =
  /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december)\b|\bthe \d{1,2}(st|nd|rd|th)\b|\b\d{1,2}(:\d{2})? ?(am|pm)\b/i;

export function sayParticular(say: string): string | undefined {
  return SAY_PARTICULARS.exec(say)?.[0];
}

function sensitiveProblems(fm: FrontMatter): RuleProblem[] {
  const out: RuleProblem[] = [];
  const particular = fm.say === undefined ? undefined : sayParticular(fm.say);
  if (particular) out.push({ field: 'say', message: `names a particular ("${particular}") that a manager could not say word for word: keep examples in the body` });
  const sayWhy = requiredBecause(fm, SAY_TOPICS, SAY_SITUATIONS);
  if (sayWhy && fm.say === undefined) out.push({ field: 'say', message: `is required for ${sayWhy}: the words the manager can open with` });
  const hrWhy = requiredBecause(fm, HR_TOPICS, HR_SITUATIONS);
  if (hrWhy && fm.hr_check === undefined) out.push({ field: 'hr_check', message: `is required for ${hrWhy}: what to check with HR or legal first` });
  if (fm.hr_check !== undefined && !/\b(HR|legal|lawyer|employment (law|counsel)|people team)\b/i.test(fm.hr_check)) {
    out.push({ field: 'hr_check', message: 'must say what to check with HR or legal (name HR or legal)' });
  }
  if (fm.if_pushback !== undefined && sentenceCount(fm.if_pushback) > 2) {
    out.push({ field: 'if_pushback', message: `must be one or two sentences (found ${sentenceCount(fm.if_pushback)})` });
  }
  return out;
}

/** Every cross-field problem of one parsed item, given its normalised body. */
export function itemRuleProblems(fm: FrontMatter, body: string, idPrefixes: Record<string, string>): RuleProblem[] {
  const out: RuleProblem[] = [...askProblems(fm), ...sensitiveProblems(fm)];
  if (fm.when.includes('everyday') && fm.when.length > 1) {
    out.push({ field: 'when', message: 'everyday means no particular moment: list the moments, or only [everyday]' });
  }
  const late = placeholdersIn(body).names.filter((n) => LATE_PLACEHOLDERS.includes(n));
  if (late.length > 0 && !fm.when.some((w) => LATE_SITUATIONS.includes(w))) {
    out.push({ field: 'body', message: `{{${late[0]}}} only has a value in overdue or after-missed items` });
  }
  for (const [level, prefix] of Object.entries(idPrefixes)) {
    if (fm.id.startsWith(prefix) && level !== fm.level) {
      out.push({ field: 'id', message: `the prefix "${prefix}" is for level ${level}, but level is ${fm.level}`, always: true });
    }
  }
  return out;
}
