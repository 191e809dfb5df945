import type { GuidanceItem } from '../domain/ports';
import { LEVELS } from '../domain/ports';
import { bannedPhrasesIn } from './banned-phrases';
import { CANONICAL_SOURCES, workKey } from './canonical-sources';

/**
 * Library-wide gates of `npm run content:check` (prompts/README.md): rules no single file can check.
 * Each problem is "file: field: message", like the loader's.
 */

/** Two questions that differ only in case, punctuation or spacing are the same question. */
export function normaliseQuestion(q: string): string {
  return q.toLowerCase().replace(/[’']/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Near-duplicates share at least this share of their words (Jaccard), when both have enough words to judge. */
export const NEAR_DUPLICATE = { similarity: 0.8, minWords: 4 } as const;
/** Level-distinctness: the largest share of a level's items that may share a question with another level. */
export const MAX_SHARED_SHARE = 0.1;

function wordSet(normalised: string): Set<string> {
  return new Set(normalised.split(' '));
}

export function similarity(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const w of a) if (b.has(w)) common += 1;
  return common / (a.size + b.size - common);
}

interface AskRef {
  item: GuidanceItem;
  index: number;
  norm: string;
  words: Set<string>;
}

function asksOf(items: readonly GuidanceItem[]): AskRef[] {
  return items.flatMap((item) =>
    item.ask.map((q, index) => {
      const norm = normaliseQuestion(q);
      return { item, index, norm, words: wordSet(norm) };
    }),
  );
}

const where = (r: AskRef) => `${r.item.file} (ask[${r.index}])`;

/** No question twice within a level, nor two that differ by a word or so. */
export function duplicateQuestionProblems(items: readonly GuidanceItem[]): string[] {
  const problems: string[] = [];
  const levels = [...new Set(items.map((i) => i.level))];
  for (const level of levels) {
    const refs = asksOf(items.filter((i) => i.level === level));
    for (let j = 1; j < refs.length; j += 1) {
      const b = refs[j]!;
      for (let i = 0; i < j; i += 1) {
        const a = refs[i]!;
        if (a.norm === b.norm) {
          problems.push(`${b.item.file}: ask[${b.index}]: the same question as ${where(a)}; a ${level} question is asked by one item only`);
          break;
        }
        const close = a.words.size >= NEAR_DUPLICATE.minWords && b.words.size >= NEAR_DUPLICATE.minWords && similarity(a.words, b.words) >= NEAR_DUPLICATE.similarity;
        if (close) {
          problems.push(`${b.item.file}: ask[${b.index}]: nearly the same question as ${where(a)} ("${a.item.ask[a.index]}"); make each question its own`);
          break;
        }
      }
    }
  }
  return problems;
}

const TEXT_FIELDS: Array<[string, (i: GuidanceItem) => string[]]> = [
  ['title', (i) => [i.title]],
  ['ask', (i) => i.ask],
  ['reflect', (i) => i.reflect],
  ['say', (i) => (i.say ? [i.say] : [])],
  ['if_pushback', (i) => (i.ifPushback ? [i.ifPushback] : [])],
  ['hr_check', (i) => (i.hrCheck ? [i.hrCheck] : [])],
  ['body', (i) => [i.body]],
];

/** Filler phrases (banned-phrases.ts) anywhere in an item. */
export function bannedPhraseProblems(items: readonly GuidanceItem[]): string[] {
  const problems: string[] = [];
  for (const item of items) {
    for (const [field, texts] of TEXT_FIELDS) {
      texts(item).forEach((text, n) => {
        const name = field === 'ask' || field === 'reflect' ? `${field}[${n}]` : field;
        for (const phrase of bannedPhrasesIn(text)) problems.push(`${item.file}: ${name}: uses the filler phrase "${phrase}"; say what you mean plainly`);
      });
    }
  }
  return problems;
}

/** A work is credited one way: the canonical spelling when listed, else the same way everywhere. */
export function sourceProblems(items: readonly GuidanceItem[]): string[] {
  const problems: string[] = [];
  const canonical = new Map(CANONICAL_SOURCES.map((s) => [workKey(s.work), s]));
  const firstSeen = new Map<string, { file: string; author: string; work: string; year: number }>();
  for (const item of items) {
    const keys = new Set<string>();
    item.sources.forEach((s, n) => {
      const key = workKey(s.work);
      const field = `${item.file}: sources[${n}]`;
      if (keys.has(key)) problems.push(`${field}: credits "${s.work}" twice`);
      keys.add(key);
      const canon = canonical.get(key);
      if (canon) {
        if (canon.work !== s.work || canon.author !== s.author || canon.year !== s.year) {
          problems.push(`${field}: write it as {author: "${canon.author}", work: "${canon.work}", year: ${canon.year}} (the canonical spelling)`);
        }
        return;
      }
      const first = firstSeen.get(key);
      if (!first) firstSeen.set(key, { file: item.file, ...s });
      else if (first.work !== s.work || first.author !== s.author || first.year !== s.year) {
        problems.push(`${field}: "${s.work}" is credited as {author: "${first.author}", work: "${first.work}", year: ${first.year}} in ${first.file}; use one spelling`);
      }
    });
  }
  return problems;
}

export interface Distinctness {
  level: string;
  items: number;
  shared: number;
  share: number;
  examples: string[];
}

/** Per level: how many of its items ask a question (normalised) that another level also asks. */
export function levelDistinctness(items: readonly GuidanceItem[]): Distinctness[] {
  const levelsOf = new Map<string, Set<string>>();
  for (const r of asksOf(items.filter((i) => (LEVELS as readonly string[]).includes(i.level)))) {
    const set = levelsOf.get(r.norm) ?? new Set<string>();
    set.add(r.item.level);
    levelsOf.set(r.norm, set);
  }
  return LEVELS.map((level) => {
    const own = items.filter((i) => i.level === level);
    const sharing = own.filter((i) => i.ask.some((q) => (levelsOf.get(normaliseQuestion(q))?.size ?? 0) > 1));
    return {
      level,
      items: own.length,
      shared: sharing.length,
      share: own.length === 0 ? 0 : sharing.length / own.length,
      examples: sharing.slice(0, 5).map((i) => i.file),
    };
  });
}

export function distinctnessProblems(items: readonly GuidanceItem[]): string[] {
  return levelDistinctness(items)
    .filter((d) => d.share >= MAX_SHARED_SHARE)
    .map(
      (d) =>
        `${d.level}: ask: ${d.shared} of ${d.items} items (${Math.round(d.share * 100)}%) share a question with another level; ` +
        `keep it under ${MAX_SHARED_SHARE * 100}% (e.g. ${d.examples.join(', ')})`,
    );
}

/** Every library gate, in the order the check prints them. */
export function libraryProblems(items: readonly GuidanceItem[]): string[] {
  return [...duplicateQuestionProblems(items), ...bannedPhraseProblems(items), ...sourceProblems(items), ...distinctnessProblems(items)];
}
