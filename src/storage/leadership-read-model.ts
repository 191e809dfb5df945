import { sql, type RawBuilder } from 'kysely';
import type { LeadershipData, LeadershipPerson, LeadershipReadModel } from '../domain/leadership/ports';
import { DAY_MS, PERIOD_DAYS, RECOGNITION_DAYS } from '../domain/leadership/habits';
import type { Executor } from './engine';
import { toReportPerson, type PersonRow as ReportPersonRow } from './report-read-model';

/** The report read model's person row, and what the leadership snapshot needs beside it. */
interface PersonRow extends ReportPersonRow {
  team_id: string;
  tz: string;
  nudges_paused: number;
  snoozed_until: number | null;
  status_text: string;
  status_emoji: string;
}

const bound = <R>(db: Executor, raw: RawBuilder<R>) => ({ compile: () => raw.compile(db), rows: async () => (await raw.execute(db)).rows });

/**
 * The leadership read model: one snapshot of the whole organisation's habits for the last two periods, in four
 * statements that each seek an index (exported so a test can EXPLAIN them on both engines). Nothing here reads
 * note text, kudos messages or pulse answers. `acted` is CASE WHEN, not a bare EXISTS: PostgreSQL would return a
 * boolean where SQLite returns 0/1.
 */
export const leadershipQueries = (db: Executor, p: { before: number; kudosFrom: number; nudgesFrom: number; to: number }) => ({
  people: bound(db, sql<PersonRow>`SELECT id, team_id, name, real_name, manager_id, level_override, level_source, cadence_days, tz,
      nudges_paused, snoozed_until, status_text, status_emoji
    FROM people WHERE deleted = 0 AND is_bot = 0`),
  // The pair index answers both look-ups with one seek each. "Now" takes any date (a 1:1 logged this
  // morning is stored at local noon); "before" only what was held by then.
  lastOneOnOne: bound(db, sql<{ report_id: string; last_now: number | null; last_before: number | null }>`SELECT p.id AS report_id,
      (SELECT MAX(o.held_at) FROM one_on_ones o WHERE o.manager_id = p.manager_id AND o.report_id = p.id) AS last_now,
      (SELECT MAX(o.held_at) FROM one_on_ones o WHERE o.manager_id = p.manager_id AND o.report_id = p.id AND o.held_at <= ${p.before}) AS last_before
    FROM people p WHERE p.manager_id IS NOT NULL AND p.deleted = 0 AND p.is_bot = 0`),
  kudos: bound(db, sql<{ giver_id: string; recipient_id: string; at: number }>`SELECT k.giver_id, kr.recipient_id, kr.created_at AS at
    FROM kudos_recipients kr JOIN kudos k ON k.id = kr.kudos_id
    WHERE kr.created_at >= ${p.kudosFrom} AND kr.created_at < ${p.to}`),
  nudges: bound(db, sql<{ person_id: string; due_at: number; acted: number }>`SELECT n.person_id, n.due_at,
      CASE WHEN EXISTS (SELECT 1 FROM events e WHERE e.kind = 'nudge.acted' AND e.ref_id = n.id) THEN 1 ELSE 0 END AS acted
    FROM nudges n WHERE n.kind = 'weekly' AND n.status = 'sent' AND n.due_at >= ${p.nudgesFrom} AND n.due_at < ${p.to}`),
});

function toPerson(r: PersonRow): LeadershipPerson {
  return {
    ...toReportPerson(r),
    teamId: r.team_id,
    tz: r.tz,
    nudgesPaused: r.nudges_paused === 1,
    snoozedUntil: r.snoozed_until === null ? undefined : Number(r.snoozed_until),
    statusText: r.status_text,
    statusEmoji: r.status_emoji,
  };
}

export function createLeadershipReadModel(db: Executor): LeadershipReadModel {
  return {
    async load(now) {
      const period = PERIOD_DAYS * DAY_MS;
      const q = leadershipQueries(db, { before: now - period, kudosFrom: now - 2 * RECOGNITION_DAYS * DAY_MS, nudgesFrom: now - 2 * period, to: now });
      const [people, last, kudos, nudges] = await Promise.all([q.people.rows(), q.lastOneOnOne.rows(), q.kudos.rows(), q.nudges.rows()]);
      const lastOneOnOne: LeadershipData['lastOneOnOne'] = new Map();
      for (const r of last) {
        if (r.last_now !== null || r.last_before !== null) {
          lastOneOnOne.set(r.report_id, { now: r.last_now === null ? undefined : Number(r.last_now), before: r.last_before === null ? undefined : Number(r.last_before) });
        }
      }
      return {
        now,
        people: people.map(toPerson),
        lastOneOnOne,
        kudos: kudos.map((r) => ({ giverId: r.giver_id, recipientId: r.recipient_id, at: Number(r.at) })),
        nudges: nudges.map((r) => ({ personId: r.person_id, dueAt: Number(r.due_at), acted: Number(r.acted) === 1 })),
      };
    },
  };
}
