import type { Level } from '../../domain/ports';

/**
 * The one place numbers, dates and articles become words: plurals through Intl.PluralRules, relative days
 * through Intl.RelativeTimeFormat, lists through Intl.ListFormat. Every builder in ui/ uses these instead of
 * gluing an "s" or " ago" on by hand, so zero, one and many read right everywhere.
 */

const LOCALE = 'en-GB';
const plurals = new Intl.PluralRules(LOCALE);
const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });
const lists = new Intl.ListFormat(LOCALE, { style: 'long', type: 'conjunction' });
const choices = new Intl.ListFormat(LOCALE, { style: 'long', type: 'disjunction' });

/**
 * Intl's answers for the small whole numbers every message counts with, kept as they are asked: each call into
 * Intl costs microseconds, and a prep card asks a handful of times. Fixed by the locale, the same for everyone.
 */
const SMALL = 10_000;
const isOne: boolean[] = [];
const daysBefore: string[] = [];

/** The noun alone, singular or plural for n: `noun(2, 'person', 'people')` → 'people'. */
export function noun(n: number, one: string, other = `${one}s`): string {
  if (!Number.isInteger(n) || n < 0 || n >= SMALL) return plurals.select(n) === 'one' ? one : other;
  const single = (isOne[n] ??= plurals.select(n) === 'one');
  return single ? one : other;
}

/** `count(1, 'day')` → '1 day', `count(3, 'person', 'people')` → '3 people'. */
export function count(n: number, one: string, other = `${one}s`): string {
  return `${n} ${noun(n, one, other)}`;
}

/** A count where zero reads as words: `countOrNone(0, 'open item', 'no open items')` → 'no open items'. */
export function countOrNone(n: number, one: string, none: string, other = `${one}s`): string {
  return n === 0 ? none : count(n, one, other);
}

/** Whole days before today: 'today', 'yesterday', '3 days ago'. */
export function daysAgo(days: number): string {
  const n = Math.max(0, Math.round(days));
  if (!(n < SMALL)) return relative.format(-n, 'day');
  return (daysBefore[n] ??= relative.format(-n, 'day'));
}

/** Whole days after today: 'today', 'tomorrow', 'in 3 days'. */
export function inDays(days: number): string {
  return relative.format(Math.max(0, Math.round(days)), 'day');
}

/** 'a Frontline manager', 'an Executive': the article a label needs (by its first letter's sound, vowels only). */
export function withArticle(label: string, wrap: (s: string) => string = (s) => s): string {
  return `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${wrap(label)}`;
}

/** 'Liam', 'Liam and Zoe', 'Liam, Zoe and Ava'. */
export function listOf(items: readonly string[]): string {
  return lists.format(items);
}

/** 'Liam', 'Liam or Zoe', 'Liam, Zoe or Ava'. */
export function anyOf(items: readonly string[]): string {
  return choices.format(items);
}

/** A level as a group of people, for headings and counts ("Mid-level managers — 2 managers"). */
export const LEVEL_GROUP_LABELS: Record<Level, string> = {
  frontline: 'Frontline managers',
  'mid-level': 'Mid-level managers (managers of managers)',
  executive: 'Executives',
};
