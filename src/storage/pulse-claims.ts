import type { Db } from './database';
import { PULSE_KIND } from '../domain/pulse';
import type { PulseCandidate, PulseClaims } from '../domain/pulse-ports';
import { asyncPort } from './interim-async';

interface CandidateRow {
  id: string;
  team_id: string;
  tz: string;
  manager_id: string;
  nudges_paused: number;
  snoozed_until: number | null;
  status_text: string;
  status_emoji: string;
}

/** The monthly pulse's record is a `nudges` row (unique person_id, kind, period), planned with its outbox message. */
export function createPulseClaims(db: Db): PulseClaims {
  const candidates = db.prepare<[], CandidateRow>(`
    SELECT p.id, p.team_id, p.tz, p.manager_id, p.nudges_paused, p.snoozed_until, p.status_text, p.status_emoji
    FROM people p JOIN people m ON m.id = p.manager_id
    WHERE p.deleted = 0 AND p.is_bot = 0 AND m.deleted = 0 AND m.is_bot = 0`);
  const about = db.prepare<[string, string], { payload: string }>(
    `SELECT payload FROM nudges WHERE person_id = ? AND kind = '${PULSE_KIND}' AND period = ? AND status IN ('sending', 'sent', 'uncertain', 'failed')`,
  );
  return asyncPort<PulseClaims>({
    candidates: () =>
      candidates.all().map(
        (r): PulseCandidate => ({
          id: r.id,
          teamId: r.team_id,
          tz: r.tz,
          managerId: r.manager_id,
          nudgesPaused: r.nudges_paused === 1,
          snoozedUntil: r.snoozed_until ?? undefined,
          statusText: r.status_text,
          statusEmoji: r.status_emoji,
        }),
      ),
    sentAbout(personId, period) {
      const row = about.get(personId, period);
      if (!row) return undefined;
      try {
        const p = JSON.parse(row.payload) as { managerId?: unknown };
        return typeof p.managerId === 'string' ? { managerId: p.managerId } : undefined;
      } catch {
        return undefined;
      }
    },
  });
}
