import { PULSE_KIND } from '../domain/pulse';
import type { PulseCandidate, PulseClaims } from '../domain/pulse-ports';
import type { Executor } from './engine';

/** The monthly pulse's record is a `nudges` row (unique person_id, kind, period), planned with its outbox message. */
export function createPulseClaims(db: Executor): PulseClaims {
  return {
    async candidates() {
      const rows = await db.selectFrom('people as p').innerJoin('people as m', 'm.id', 'p.manager_id')
        .select(['p.id', 'p.team_id', 'p.tz', 'p.manager_id', 'p.nudges_paused', 'p.snoozed_until', 'p.status_text', 'p.status_emoji'])
        .where('p.deleted', '=', 0).where('p.is_bot', '=', 0).where('m.deleted', '=', 0).where('m.is_bot', '=', 0).execute();
      return rows.map((r): PulseCandidate => ({
        id: r.id, teamId: r.team_id, tz: r.tz, managerId: r.manager_id!, nudgesPaused: r.nudges_paused === 1,
        snoozedUntil: r.snoozed_until ?? undefined, statusText: r.status_text, statusEmoji: r.status_emoji,
      }));
    },
    async sentAbout(personId, period) {
      const row = await db.selectFrom('nudges').select('payload').where('person_id', '=', personId).where('kind', '=', PULSE_KIND)
        .where('period', '=', period).where('status', 'in', ['sending', 'sent', 'uncertain', 'failed']).executeTakeFirst();
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
