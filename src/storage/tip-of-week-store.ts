import type { TipOfWeekStore } from '../domain/home';
import { prepared, type Executor } from './engine';

/** The settings key of a person's tip (App Home's read model reads it with the viewer's other facts). */
export const tipKey = (personId: string) => `home.tip.${personId}`;

/** The week and item kept in a tip row's value (anything unreadable counts as none). */
export function keptTip(value: string | null | undefined): { week: string; itemId: string } | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    const parsed = JSON.parse(value) as { week?: unknown; itemId?: unknown };
    return typeof parsed.week === 'string' && typeof parsed.itemId === 'string' ? { week: parsed.week, itemId: parsed.itemId } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The tip of the week per person, kept in the key-value `settings` table (no migration needed). Read and written
 * on every App Home open, so both statements are prepared. The upsert is one statement on either engine, so two
 * instances opening the same person's Home at once leave one row with either's tip.
 */
export function createTipOfWeekStore(db: Executor): TipOfWeekStore {
  const get = prepared(db, db.selectFrom('settings').select('value').where('key', '=', ''));
  const set = prepared(db, db.insertInto('settings').values({ key: '', value: '', updated_at: 0 })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: eb.ref('excluded.updated_at') }))));
  return {
    async get(personId, week) {
      const kept = keptTip((await get([tipKey(personId)])).rows[0]?.value);
      return kept?.week === week ? kept.itemId : undefined;
    },
    async set(personId, week, itemId, at) {
      await set([tipKey(personId), JSON.stringify({ week, itemId }), at]);
    },
  };
}
