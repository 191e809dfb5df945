/**
 * Filler that makes advice sound like a slide deck. `npm run content:check` fails on any of these, in any
 * field or the body, case-insensitive, as a whole phrase. Add to the list here; prompts/README.md explains why.
 */
export const BANNED_PHRASES: readonly string[] = [
  'at the end of the day',
  'circle back',
  'synergy',
  'synergies',
  'lean in',
  'rockstar',
  'rock star',
  'ninja',
  'low-hanging fruit',
  'move the needle',
  'touch base',
  'think outside the box',
  'boil the ocean',
  'game changer',
  'game-changer',
  'paradigm shift',
  'deep dive',
  'best-in-class',
  'take it offline',
  'bandwidth',
  'going forward',
  'win-win',
  'honestly?',
  '10x',
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One pattern per phrase: bounded by non-letters so "synergy" does not match inside another word. */
const PATTERNS = BANNED_PHRASES.map((p) => ({
  phrase: p,
  pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(p)}${/[\p{L}\p{N}]$/u.test(p) ? '(?![\\p{L}\\p{N}])' : ''}`, 'iu'),
}));

/** The banned phrases a text contains. */
export function bannedPhrasesIn(text: string): string[] {
  return PATTERNS.filter(({ pattern }) => pattern.test(text)).map(({ phrase }) => phrase);
}
