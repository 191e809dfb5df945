import type { Db } from './database';
import type { Level } from '../domain/ports';
import type { LeadershipData, LeadershipPerson, LeadershipReadModel } from '../domain/leadership/ports';
import { DAY_MS, PERIOD_DAYS, RECOGNITION_DAYS } from '../domain/leadership/habits';
import { asyncPort } from './interim-async';

/**
 * The leadership read model: one snapshot of the whole organisation's habits for the last two periods, in four
 * queries that each seek an index (exported so a test can EXPLAIN them). Nothing here reads note text, kudos
 * messages or pulse answers.
 */
export const LEADERSHIP_SQL = {
  people: `SELECT id, team_id, name, real_name, manager_id, level_override, level_source, cadence_days, tz,
      nudges_paused, snoozed_until, status_text, status_emoji
    FROM people WHERE deleted = 0 AND is_bot = 0`,
  // The pair index answers both look-ups with one seek each. "Now" takes any date (a 1:1 logged this
  // morning is stored at local noon); "before" only what was held by then.
  lastOneOnOne: `SELECT p.id AS report_id,
      (SELECT MAX(o.held_at) FROM one_on_ones o WHERE o.manager_id = p.manager_id AND o.report_id = p.id) AS last_now,
      (SELECT MAX(o.held_at) FROM one_on_ones o WHERE o.manager_id = p.manager_id AND o.report_id = p.id AND o.held_at <= @before) AS last_before
    FROM people p WHERE p.manager_id IS NOT NULL AND p.deleted = 0 AND p.is_bot = 0`,
  kudos: `SELECT k.giver_id, kr.recipient_id, kr.created_at AS at
    FROM kudos_recipients kr JOIN kudos k ON k.id = kr.kudos_id
    WHERE kr.created_at >= @from AND kr.created_at < @to`,
  nudges: `SELECT n.person_id, n.due_at,
      EXISTS (SELECT 1 FROM events e WHERE e.kind = 'nudge.acted' AND e.ref_id = n.id) AS acted
    FROM nudges n WHERE n.kind = 'weekly' AND n.status = 'sent' AND n.due_at >= @from AND n.due_at < @to`,
} as const;

interface PersonRow {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  manager_id: string | null;
  level_override: Level | null;
  level_source: 'self' | 'admin' | null;
  cadence_days: number;
  tz: string;
  nudges_paused: number;
  snoozed_until: number | null;
  status_text: string;
  status_emoji: string;
}

function toPerson(r: PersonRow): LeadershipPerson {
  return {
    id: r.id,
    teamId: r.team_id,
    name: r.name || r.real_name || r.id,
    managerId: r.manager_id ?? undefined,
    levelOverride: r.level_override ?? undefined,
    levelSource: r.level_source ?? undefined,
    cadenceDays: r.cadence_days,
    tz: r.tz,
    nudgesPaused: r.nudges_paused === 1,
    snoozedUntil: r.snoozed_until ?? undefined,
    statusText: r.status_text,
    statusEmoji: r.status_emoji,
  };
}

export function createLeadershipReadModel(db: Db): LeadershipReadModel {
  const q = {
    people: db.prepare<[], PersonRow>(LEADERSHIP_SQL.people),
    last: db.prepare<[{ before: number }], { report_id: string; last_now: number | null; last_before: number | null }>(LEADERSHIP_SQL.lastOneOnOne),
    kudos: db.prepare<[{ from: number; to: number }], { giver_id: string; recipient_id: string; at: number }>(LEADERSHIP_SQL.kudos),
    nudges: db.prepare<[{ from: number; to: number }], { person_id: string; due_at: number; acted: number }>(LEADERSHIP_SQL.nudges),
  };
  return asyncPort<LeadershipReadModel>({
    load(now: number): LeadershipData {
      const period = PERIOD_DAYS * DAY_MS;
      const lastOneOnOne: LeadershipData['lastOneOnOne'] = new Map();
      for (const r of q.last.all({ before: now - period })) {
        if (r.last_now !== null || r.last_before !== null) lastOneOnOne.set(r.report_id, { now: r.last_now ?? undefined, before: r.last_before ?? undefined });
      }
      return {
        now,
        people: q.people.all().map(toPerson),
        lastOneOnOne,
        kudos: q.kudos.all({ from: now - 2 * RECOGNITION_DAYS * DAY_MS, to: now }).map((r) => ({ giverId: r.giver_id, recipientId: r.recipient_id, at: r.at })),
        nudges: q.nudges.all({ from: now - 2 * period, to: now }).map((r) => ({ personId: r.person_id, dueAt: r.due_at, acted: r.acted === 1 })),
      };
    },
  });
}
