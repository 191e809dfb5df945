import type { TipOfWeekStore } from '../domain/home';
import { prepared, type Executor } from './engine';

/**
 * The tip of the week per person, kept in the key-value `settings` table (no migration needed). Read and written
 * on every App Home open, so both statements are prepared. The upsert is one statement on either engine, so two
 * instances opening the same person's Home at once leave one row with either's tip.
 */
export function createTipOfWeekStore(db: Executor): TipOfWeekStore {
  const get = prepared(db, db.selectFrom('settings').select('value').where('key', '=', ''));
  const set = prepared(db, db.insertInto('settings').values({ key: '', value: '', updated_at: 0 })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: eb.ref('excluded.updated_at') }))));
  const key = (personId: string) => `home.tip.${personId}`;
  return {
    async get(personId, week) {
      const row = (await get([key(personId)])).rows[0];
      if (!row) return undefined;
      try {
        const parsed = JSON.parse(row.value) as { week?: string; itemId?: string };
        return parsed.week === week && typeof parsed.itemId === 'string' ? parsed.itemId : undefined;
      } catch {
        return undefined;
      }
    },
    async set(personId, week, itemId, at) {
      await set([key(personId), JSON.stringify({ week, itemId }), at]);
    },
  };
}
