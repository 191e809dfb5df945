import type { Db } from './database';
import { GOAL_REMINDER_KIND, MAX_ATTEMPTS, type GoalReminderClaims } from '../domain/goal-reminders';

/** Goal reminders share the `nudges` table: its unique (person_id, kind, period) makes a month's reminder happen once. */
export function createGoalReminderClaims(db: Db): GoalReminderClaims {
  const insert = db.prepare(
    `INSERT INTO nudges (person_id, kind, period, status, due_at, next_attempt_at, created_at, updated_at)
     VALUES (?, '${GOAL_REMINDER_KIND}', ?, 'planned', ?, ?, ?, ?) ON CONFLICT (person_id, kind, period) DO NOTHING`,
  );
  // Planned, or failed with attempts left and its retry time reached: take it (a row left 'sending' by a crash is never resent).
  const take = db.prepare(
    `UPDATE nudges SET status = 'sending', attempts = attempts + 1, updated_at = @now
     WHERE person_id = @personId AND kind = '${GOAL_REMINDER_KIND}' AND period = @period
       AND (status = 'planned' OR (status = 'failed' AND attempts < ${MAX_ATTEMPTS} AND next_attempt_at <= @now))`,
  );
  const finish = db.prepare(
    `UPDATE nudges SET status = @status, reason = @reason, channel_id = @channel, message_ts = @ts, next_attempt_at = @next, updated_at = @now
     WHERE person_id = @personId AND kind = '${GOAL_REMINDER_KIND}' AND period = @period`,
  );
  const claim = db.transaction((personId: string, period: string, now: number): boolean => {
    insert.run(personId, period, now, now, now, now);
    return take.run({ personId, period, now }).changes === 1;
  });
  const base = { reason: null, channel: null, ts: null };
  return {
    claim,
    sent: (personId, period, channel, ts, now) => void finish.run({ ...base, personId, period, status: 'sent', channel, ts, next: now, now }),
    failed(personId, period, reason, retryAt, now) {
      // No retry time means a permanent error: give up at once by exhausting the attempts.
      if (retryAt === undefined) db.prepare(`UPDATE nudges SET attempts = ${MAX_ATTEMPTS} WHERE person_id = ? AND kind = '${GOAL_REMINDER_KIND}' AND period = ?`).run(personId, period);
      finish.run({ ...base, personId, period, status: 'failed', reason, next: retryAt ?? now, now });
    },
    skipped: (personId, period, reason, now) => void finish.run({ ...base, personId, period, status: 'skipped', reason, next: now, now }),
  };
}
