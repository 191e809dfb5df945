import type { Db } from './database';
import type { PartnerSearch } from '../domain/one-on-ones';
import { asyncPort } from './interim-async';

/** LIKE treats % and _ as wildcards; typed names may contain _ (handles). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * First-name matching for `/oneonone @alice` when no display or real name equals the typed word.
 * A scan of active people on a rare path (exact matches are tried first, by the people repository).
 */
export function createPartnerSearch(db: Db): PartnerSearch {
  const byFirst = db.prepare<{ first: string; limit: number }, { id: string }>(`
    SELECT id FROM people
    WHERE deleted = 0 AND is_bot = 0
      AND (lower(real_name) LIKE lower(@first) || ' %' ESCAPE '\\' OR lower(name) LIKE lower(@first) || ' %' ESCAPE '\\')
    ORDER BY id LIMIT @limit`);
  return asyncPort<PartnerSearch>({
    byFirstName: (name, limit) => byFirst.all({ first: likeLiteral(name.trim()), limit }),
  });
}
