import { LIMITS } from './schema';

/**
 * An operator's CONTENT_DIR may still hold items in the first format (`questions`, an empty `when`,
 * sources as text). They are migrated on read so an upgrade never stops Leadwell from starting, with
 * a warning per file saying how to update it. prompts/ itself must be v2: the loader never migrates it.
 */

/** The start of the per-file warning, so start-up can name migrated files in the log. */
export const OLD_FORMAT_WARNING = 'old content format, migrated on read';

const V2_ONLY = ['ask', 'ask_first', 'reflect', 'say', 'if_pushback', 'hr_check'];

export function isOldFormat(data: Record<string, unknown>): boolean {
  if (V2_ONLY.some((k) => k in data)) return false;
  const when = data.when;
  const sources = data.sources;
  return (
    'questions' in data ||
    when === undefined ||
    (Array.isArray(when) && when.length === 0) ||
    (Array.isArray(sources) && sources.some((s) => typeof s === 'string'))
  );
}

export interface Migrated {
  data: Record<string, unknown>;
  warnings: string[];
}

/** Old fields → v2 fields; each warning is "field: message" (the loader adds the file). */
export function migrateOldFormat(data: Record<string, unknown>): Migrated {
  const { questions, ...rest } = data;
  const warnings: string[] = [];
  const out: Record<string, unknown> = { ...rest };
  if (Array.isArray(questions)) {
    const ask = questions.slice(0, LIMITS.ask);
    if (questions.length > ask.length) warnings.push(`questions: kept the first ${LIMITS.ask} of ${questions.length} (v2 allows ${LIMITS.ask})`);
    out.ask = ask;
    if (typeof ask[0] === 'string') out.ask_first = ask[0];
  } else if (questions !== undefined) {
    out.ask = questions;
  }
  if (out.when === undefined || (Array.isArray(out.when) && out.when.length === 0)) out.when = ['everyday'];
  if (Array.isArray(out.sources)) {
    const texts = out.sources.filter((s) => typeof s === 'string');
    if (texts.length > 0) {
      warnings.push(`sources: dropped ${texts.length} source${texts.length === 1 ? '' : 's'} written as text (${texts.join('; ').slice(0, 120)}); write each as {author, work, year}`);
    }
    out.sources = out.sources.filter((s) => typeof s !== 'string');
  } else if (out.sources === undefined) {
    out.sources = [];
  }
  warnings.unshift(
    `${OLD_FORMAT_WARNING}. To update the file: rename questions to ask, add ask_first (the one question to ask if time is short), ` +
      'set when (e.g. [everyday]) and write sources as {author, work, year}; see prompts/README.md',
  );
  return { data: out, warnings };
}
