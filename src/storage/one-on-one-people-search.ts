import { sql } from 'kysely';
import type { PartnerSearch } from '../domain/one-on-ones';
import type { Executor } from './engine';
import { asciiLower } from './people-sql';

/** LIKE treats % and _ as wildcards; typed names may contain _ (handles). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * First-name matching for `/oneonone @alice` when no display or real name equals the typed word.
 * A scan of active people on a rare path (exact matches are tried first, by the people repository).
 * Both sides are lower-cased the same way (ASCII only) because PostgreSQL's LIKE is case-sensitive, SQLite's is not.
 */
export function createPartnerSearch(db: Executor): PartnerSearch {
  return {
    byFirstName: async (name, limit) => {
      const pattern = sql<string>`${asciiLower(db, sql`${likeLiteral(name.trim())}`)} || ' %'`;
      const starts = (column: string) => sql<boolean>`${asciiLower(db, column)} LIKE ${pattern} ESCAPE '\\'`;
      return db.selectFrom('people').select('id').where('deleted', '=', 0).where('is_bot', '=', 0)
        .where((eb) => eb.or([starts('real_name'), starts('name')])).orderBy('id').limit(limit).execute();
    },
  };
}
