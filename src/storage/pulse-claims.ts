import type { Db } from './database';
import { PULSE_KIND } from '../domain/pulse';
import type { PulseCandidate, PulseClaims } from '../domain/pulse-ports';

const MAX_ATTEMPTS = 3;

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

/** The monthly pulse shares the `nudges` table: its unique (person_id, kind, period) makes a period's DM happen once. */
export function createPulseClaims(db: Db): PulseClaims {
  const candidates = db.prepare<[], CandidateRow>(`
    SELECT p.id, p.team_id, p.tz, p.manager_id, p.nudges_paused, p.snoozed_until, p.status_text, p.status_emoji
    FROM people p JOIN people m ON m.id = p.manager_id
    WHERE p.deleted = 0 AND p.is_bot = 0 AND m.deleted = 0 AND m.is_bot = 0`);
  const insert = db.prepare(`INSERT INTO nudges (person_id, kind, period, status, due_at, next_attempt_at, payload, created_at, updated_at)
    VALUES (@personId, '${PULSE_KIND}', @period, 'planned', @now, @now, @payload, @now, @now) ON CONFLICT (person_id, kind, period) DO NOTHING`);
  // Planned, or failed with attempts left and its retry time reached. A row left 'sending' by a crash is never resent.
  const take = db.prepare(`UPDATE nudges SET status = 'sending', attempts = attempts + 1, payload = @payload, updated_at = @now
    WHERE person_id = @personId AND kind = '${PULSE_KIND}' AND period = @period
      AND (status = 'planned' OR (status = 'failed' AND attempts < ${MAX_ATTEMPTS} AND next_attempt_at <= @now))`);
  const finish = db.prepare(`UPDATE nudges SET status = @status, reason = @reason, channel_id = @channel, message_ts = @ts,
    next_attempt_at = @next, attempts = MAX(attempts, @minAttempts), updated_at = @now
    WHERE person_id = @personId AND kind = '${PULSE_KIND}' AND period = @period`);
  const defer = db.prepare(`UPDATE nudges SET status = 'failed', reason = 'ratelimited', attempts = MAX(0, attempts - 1), next_attempt_at = @next, updated_at = @now
    WHERE person_id = @personId AND kind = '${PULSE_KIND}' AND period = @period AND status = 'sending'`);
  const about = db.prepare<[string, string], { payload: string }>(
    `SELECT payload FROM nudges WHERE person_id = ? AND kind = '${PULSE_KIND}' AND period = ? AND status IN ('sending', 'sent', 'uncertain', 'failed')`,
  );
  const claim = db.transaction((personId: string, period: string, managerId: string, now: number): boolean => {
    const payload = JSON.stringify({ managerId });
    insert.run({ personId, period, now, payload });
    return take.run({ personId, period, now, payload }).changes === 1;
  });
  return {
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
    claim,
    sent: (personId, period, channel, ts, now) =>
      void finish.run({ personId, period, status: 'sent', reason: null, channel, ts, next: now, minAttempts: 0, now }),
    failed: (personId, period, reason, retryAt, now) =>
      // No retry time: a permanent error, so the attempts are used up at once.
      void finish.run({ personId, period, status: 'failed', reason: reason.slice(0, 300), channel: null, ts: null, next: retryAt ?? now, minAttempts: retryAt === undefined ? MAX_ATTEMPTS : 0, now }),
    deferred: (personId, period, retryAt, now) =>
      void defer.run({ personId, period, next: retryAt, now }),
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
  };
}
