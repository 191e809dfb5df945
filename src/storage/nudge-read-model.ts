import type { Db } from './database';
import type { CandidateRow, NudgeReadModel, OwnedItemRow, PreparedForRow, TeamMemberReads } from '../domain/nudge-ports';
import { asyncPort } from './interim-async';

/**
 * The nudge's own reads over people, one_on_ones, action_items and kudos (0001 schema).
 * Candidates are people with active reports, who said they manage (a level set by them or an admin), or who
 * prepared or logged a 1:1 lately (managing_seen_at): someone whose team has all left and who stopped prepping
 * is not nagged to add one.
 * `candidates` is one pass over people with the team sizes grouped once (planning runs every few
 * minutes over the whole workspace); the digest reads seek an index per report. The SQL is exported
 * so a test can EXPLAIN it: digest reads must seek indexes, never scan a logged table.
 */
export const NUDGE_READ_SQL = {
  candidates: `
    WITH teams AS (
      SELECT manager_id AS id FROM people WHERE manager_id IS NOT NULL AND deleted = 0 AND is_bot = 0 GROUP BY manager_id
    )
    SELECT p.id, p.team_id, p.tz, p.nudge_day, p.nudge_hour, p.nudges_paused, p.snoozed_until, p.status_text, p.status_emoji
    FROM people p LEFT JOIN teams t ON t.id = p.id
    WHERE p.deleted = 0 AND p.is_bot = 0 AND (t.id IS NOT NULL OR p.level_source IS NOT NULL OR p.managing_seen_at >= @activeSince)`,
  team: `
    SELECT p.id, COALESCE(NULLIF(p.name, ''), NULLIF(p.real_name, ''), p.id) AS name,
      (SELECT o.held_on FROM one_on_ones o WHERE o.manager_id = @managerId AND o.report_id = p.id ORDER BY o.held_at DESC LIMIT 1) AS last_held_on,
      (SELECT MAX(kr.created_at) FROM kudos_recipients kr WHERE kr.recipient_id = p.id) AS last_kudos_at
    FROM people p WHERE p.manager_id = @managerId AND p.deleted = 0 AND p.is_bot = 0
    ORDER BY p.name COLLATE NOCASE, p.id`,
  ownedItems: `SELECT a.id, a.text, a.report_id, a.created_at, o.held_on FROM action_items a JOIN one_on_ones o ON o.id = a.one_on_one_id
    WHERE a.owner_id = ? AND a.done_at IS NULL ORDER BY a.created_at, a.id LIMIT ?`,
  ownedCount: `SELECT COUNT(*) AS n FROM action_items WHERE owner_id = ? AND done_at IS NULL`,
  /** People this manager prepared or met lately who are not on their team, latest first (events_actor, one_on_ones_pair seeks). */
  preparedFor: `
    WITH met AS (
      SELECT subject_id AS id, MAX(at) AS at FROM events
        WHERE actor_id = @managerId AND kind = 'one_on_one.prepared' AND at >= @since AND subject_id IS NOT NULL GROUP BY subject_id
      UNION ALL
      SELECT report_id AS id, MAX(created_at) AS at FROM one_on_ones WHERE manager_id = @managerId AND created_at >= @since GROUP BY report_id
    )
    SELECT p.id, COALESCE(NULLIF(p.name, ''), NULLIF(p.real_name, ''), p.id) AS name, p.manager_id, MAX(met.at) AS at
    FROM met JOIN people p ON p.id = met.id
    WHERE p.deleted = 0 AND p.is_bot = 0 AND p.id <> @managerId AND (p.manager_id IS NULL OR p.manager_id <> @managerId)
    GROUP BY p.id ORDER BY at DESC, p.id LIMIT @limit`,
  onboardingSent: `SELECT COUNT(*) AS n FROM nudges WHERE person_id = ? AND kind = 'weekly' AND status IN ('sent', 'uncertain')
    AND json_extract(payload, '$.type') = 'onboarding'`,
};

export function createNudgeReadModel(db: Db): NudgeReadModel {
  const candidates = db.prepare<[{ activeSince: number }], {
    id: string; team_id: string; tz: string; nudge_day: number; nudge_hour: number; nudges_paused: number;
    snoozed_until: number | null; status_text: string; status_emoji: string;
  }>(NUDGE_READ_SQL.candidates);
  const team = db.prepare<[{ managerId: string }], { id: string; name: string; last_held_on: string | null; last_kudos_at: number | null }>(NUDGE_READ_SQL.team);
  const items = db.prepare<[string, number], { id: number; text: string; report_id: string; created_at: number; held_on: string }>(NUDGE_READ_SQL.ownedItems);
  const itemCount = db.prepare<[string], { n: number }>(NUDGE_READ_SQL.ownedCount);
  const onboardingSent = db.prepare<[string], { n: number }>(NUDGE_READ_SQL.onboardingSent);
  const preparedFor = db.prepare<[{ managerId: string; since: number; limit: number }], { id: string; name: string; manager_id: string | null }>(
    NUDGE_READ_SQL.preparedFor,
  );

  return asyncPort<NudgeReadModel>({
    candidates: (activeSince) =>
      candidates.all({ activeSince }).map(
        (r): CandidateRow => ({
          id: r.id,
          teamId: r.team_id,
          tz: r.tz,
          nudgeDay: r.nudge_day,
          nudgeHour: r.nudge_hour,
          nudgesPaused: r.nudges_paused === 1,
          snoozedUntil: r.snoozed_until ?? undefined,
          statusText: r.status_text,
          statusEmoji: r.status_emoji,
        }),
      ),
    team: (managerId) =>
      team.all({ managerId }).map(
        (r): TeamMemberReads => ({ id: r.id, name: r.name, lastHeldOn: r.last_held_on ?? undefined, lastRecognisedAt: r.last_kudos_at ?? undefined }),
      ),
    openItemsOwnedBy: (ownerId, limit) => ({
      items: items.all(ownerId, limit).map((r): OwnedItemRow => ({ id: r.id, text: r.text, reportId: r.report_id, createdAt: r.created_at, heldOn: r.held_on })),
      total: itemCount.get(ownerId)?.n ?? 0,
    }),
    onboardingSent: (personId) => onboardingSent.get(personId)?.n ?? 0,
    preparedFor: (managerId, since, limit) =>
      preparedFor.all({ managerId, since, limit }).map((r): PreparedForRow => ({ id: r.id, name: r.name, managerId: r.manager_id ?? undefined })),
  });
}
