import type { Db } from './database';
import type { WelcomeRepository } from '../domain/welcome';
import { asyncPort } from './interim-async';

const INSTALLER_KEY = 'welcome.installer';

/** people.welcome_seen_at / welcome_dismissed_at (0004) and one settings row naming the installing admin. */
export function createWelcomeRepository(db: Db): WelcomeRepository {
  const open = db.prepare('UPDATE people SET welcome_seen_at = COALESCE(welcome_seen_at, ?) WHERE id = ?');
  const read = db.prepare<[string], { seen: number | null; dismissed: number | null }>(
    'SELECT welcome_seen_at AS seen, welcome_dismissed_at AS dismissed FROM people WHERE id = ?',
  );
  const dismiss = db.prepare('UPDATE people SET welcome_dismissed_at = COALESCE(welcome_dismissed_at, ?) WHERE id = ?');
  const claim = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING');
  const installer = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  return asyncPort<WelcomeRepository>({
    firstOpen(personId, at) {
      open.run(at, personId);
      return read.get(personId)?.seen ?? at;
    },
    seenAt: (personId) => read.get(personId)?.seen ?? undefined,
    dismissedAt: (personId) => read.get(personId)?.dismissed ?? undefined,
    dismiss: (personId, at) => {
      dismiss.run(at, personId);
    },
    claimInstaller: (personId, at) => claim.run(INSTALLER_KEY, personId, at).changes === 1,
    installerId: () => installer.get(INSTALLER_KEY)?.value,
  });
}
