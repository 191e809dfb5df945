import type { WelcomeRepository } from '../domain/welcome';
import { affected, type Executor } from './engine';

/** The settings row naming the installing admin (App Home's read model reads it with the viewer's other facts). */
export const INSTALLER_KEY = 'welcome.installer';

/** people.welcome_seen_at / welcome_dismissed_at (0006) and one settings row naming the installing admin. */
export function createWelcomeRepository(db: Executor): WelcomeRepository {
  const read = (personId: string) =>
    db.selectFrom('people').select(['welcome_seen_at as seen', 'welcome_dismissed_at as dismissed']).where('id', '=', personId).executeTakeFirst();
  return {
    // One statement: the first open wins even when two instances record it at once.
    firstOpen: async (personId, at) => {
      const row = await db.updateTable('people').set((eb) => ({ welcome_seen_at: eb.fn.coalesce('welcome_seen_at', eb.val(at)) }))
        .where('id', '=', personId).returning('welcome_seen_at').executeTakeFirst();
      return row?.welcome_seen_at ?? at;
    },
    seenAt: async (personId) => (await read(personId))?.seen ?? undefined,
    dismissedAt: async (personId) => (await read(personId))?.dismissed ?? undefined,
    dismiss: async (personId, at) => {
      await db.updateTable('people').set((eb) => ({ welcome_dismissed_at: eb.fn.coalesce('welcome_dismissed_at', eb.val(at)) })).where('id', '=', personId).execute();
    },
    claimInstaller: async (personId, at) =>
      affected(await db.insertInto('settings').values({ key: INSTALLER_KEY, value: personId, updated_at: at })
        .onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst()) === 1,
    installerId: async () => (await db.selectFrom('settings').select('value').where('key', '=', INSTALLER_KEY).executeTakeFirst())?.value,
  };
}
