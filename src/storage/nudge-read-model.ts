import type { Db } from './database';
import type { CandidateRow, NudgeReadModel, OwnedItemRow, TeamMemberReads } from '../domain/nudge-ports';

/**
 * The nudge's own reads over people, one_on_ones, action_items and kudos (0001 schema).
 * Candidates are people with active reports, or who said they manage (a level set by them or an admin):
 * someone whose team has all left is not nagged to add one.
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
    WHERE p.deleted = 0 AND p.is_bot = 0 AND (t.id IS NOT NULL OR p.level_source IS NOT NULL)`,
  team: `
    SELECT p.id, COALESCE(NULLIF(p.name, ''), NULLIF(p.real_name, ''), p.id) AS name,
      (SELECT o.held_on FROM one_on_ones o WHERE o.manager_id = @managerId AND o.report_id = p.id ORDER BY o.held_at DESC LIMIT 1) AS last_held_on,
      (SELECT MAX(kr.created_at) FROM kudos_recipients kr WHERE kr.recipient_id = p.id) AS last_kudos_at
    FROM people p WHERE p.manager_id = @managerId AND p.deleted = 0 AND p.is_bot = 0
    ORDER BY p.name COLLATE NOCASE, p.id`,
  ownedItems: `SELECT id, text, report_id, created_at FROM action_items WHERE owner_id = ? AND done_at IS NULL ORDER BY created_at, id LIMIT ?`,
  ownedCount: `SELECT COUNT(*) AS n FROM action_items WHERE owner_id = ? AND done_at IS NULL`,
  onboardingSent: `SELECT COUNT(*) AS n FROM nudges WHERE person_id = ? AND kind = 'weekly' AND status IN ('sent', 'uncertain')
    AND json_extract(payload, '$.type') = 'onboarding'`,
};

export function createNudgeReadModel(db: Db): NudgeReadModel {
  const candidates = db.prepare<[], {
    id: string; team_id: string; tz: string; nudge_day: number; nudge_hour: number; nudges_paused: number;
    snoozed_until: number | null; status_text: string; status_emoji: string;
  }>(NUDGE_READ_SQL.candidates);
  const team = db.prepare<[{ managerId: string }], { id: string; name: string; last_held_on: string | null; last_kudos_at: number | null }>(NUDGE_READ_SQL.team);
  const items = db.prepare<[string, number], { id: number; text: string; report_id: string; created_at: number }>(NUDGE_READ_SQL.ownedItems);
  const itemCount = db.prepare<[string], { n: number }>(NUDGE_READ_SQL.ownedCount);
  const onboardingSent = db.prepare<[string], { n: number }>(NUDGE_READ_SQL.onboardingSent);

  return {
    candidates: () =>
      candidates.all().map(
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
      items: items.all(ownerId, limit).map((r): OwnedItemRow => ({ id: r.id, text: r.text, reportId: r.report_id, createdAt: r.created_at })),
      total: itemCount.get(ownerId)?.n ?? 0,
    }),
    onboardingSent: (personId) => onboardingSent.get(personId)?.n ?? 0,
  };
}
