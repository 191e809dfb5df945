import type { Db } from './database';
import type { HomeReadModel, KudosLine, TipOfWeekStore } from '../domain/home';

/**
 * App Home's reads over the 1:1 and kudos tables (0001 schema). Each team query walks the manager's
 * current reports and seeks one index per report, so its cost follows the team size, not the table size.
 */
const REPORTS = 'FROM people p WHERE p.manager_id = @managerId AND p.deleted = 0 AND p.is_bot = 0';

/** The SQL, exported so a test can EXPLAIN each one against the real schema and check it seeks an index. */
export const HOME_QUERIES = {
  last: `SELECT p.id, (SELECT o.held_on FROM one_on_ones o WHERE o.manager_id = @managerId AND o.report_id = p.id
           ORDER BY o.held_at DESC LIMIT 1) AS v ${REPORTS}`,
  openItems: `SELECT p.id, (SELECT COUNT(*) FROM action_items a WHERE a.manager_id = @managerId AND a.report_id = p.id
           AND a.done_at IS NULL) AS v ${REPORTS}`,
  teamKudos: `SELECT p.id, (SELECT COUNT(*) FROM kudos_recipients kr WHERE kr.recipient_id = p.id AND kr.created_at >= @since) AS v ${REPORTS}`,
  received: 'SELECT COUNT(*) AS n FROM kudos_recipients WHERE recipient_id = @personId AND created_at >= @since',
  given: 'SELECT COUNT(*) AS n FROM kudos WHERE giver_id = @personId AND created_at >= @since',
  latest: `SELECT k.id, k.giver_id, k.value, k.message, k.created_at, k.source_permalink
    FROM kudos_recipients kr JOIN kudos k ON k.id = kr.kudos_id
    WHERE kr.recipient_id = @personId ORDER BY kr.created_at DESC, k.id DESC LIMIT @limit`,
};

export function createHomeReadModel(db: Db): HomeReadModel {
  const last = db.prepare<[{ managerId: string }], { id: string; v: string | null }>(HOME_QUERIES.last);
  const openItems = db.prepare<[{ managerId: string }], { id: string; v: number }>(HOME_QUERIES.openItems);
  const teamKudos = db.prepare<[{ managerId: string; since: number }], { id: string; v: number }>(HOME_QUERIES.teamKudos);
  const received = db.prepare<[{ personId: string; since: number }], { n: number }>(HOME_QUERIES.received);
  const given = db.prepare<[{ personId: string; since: number }], { n: number }>(HOME_QUERIES.given);
  const latest = db.prepare<
    [{ personId: string; limit: number }],
    { id: number; giver_id: string; value: string; message: string; created_at: number; source_permalink: string | null }
  >(HOME_QUERIES.latest);

  const toMap = <V>(rows: Array<{ id: string; v: V | null }>, keep: (v: V) => boolean): Map<string, V> => {
    const out = new Map<string, V>();
    for (const r of rows) if (r.v !== null && keep(r.v)) out.set(r.id, r.v);
    return out;
  };

  return {
    lastOneOnOnes: (managerId) => toMap(last.all({ managerId }), () => true),
    openActionItems: (managerId) => toMap(openItems.all({ managerId }), (n) => n > 0),
    teamKudosSince: (managerId, since) => toMap(teamKudos.all({ managerId, since }), (n) => n > 0),
    recognitionCounts: (personId, since) => ({
      receivedSince: received.get({ personId, since })?.n ?? 0,
      givenSince: given.get({ personId, since })?.n ?? 0,
      receivedTotal: received.get({ personId, since: 0 })?.n ?? 0,
      givenTotal: given.get({ personId, since: 0 })?.n ?? 0,
    }),
    latestKudosReceived: (personId, limit) =>
      latest.all({ personId, limit }).map(
        (r): KudosLine => ({
          id: r.id,
          giverId: r.giver_id,
          value: r.value,
          message: r.message,
          at: r.created_at,
          permalink: r.source_permalink ?? undefined,
        }),
      ),
  };
}

/** The tip of the week per person, kept in the key-value `settings` table (no migration needed). */
export function createTipOfWeekStore(db: Db): TipOfWeekStore {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const set = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  const key = (personId: string) => `home.tip.${personId}`;
  return {
    get(personId, week) {
      const row = get.get(key(personId));
      if (!row) return undefined;
      try {
        const parsed = JSON.parse(row.value) as { week?: string; itemId?: string };
        return parsed.week === week && typeof parsed.itemId === 'string' ? parsed.itemId : undefined;
      } catch {
        return undefined;
      }
    },
    set(personId, week, itemId, at) {
      set.run(key(personId), JSON.stringify({ week, itemId }), at);
    },
  };
}
