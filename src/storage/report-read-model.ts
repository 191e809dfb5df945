import type { Db } from './database';
import type { Level } from '../domain/ports';
import type { ReportData, ReportLoadOptions, ReportPerson, ReportReadModel, ReportWindow } from '../domain/report-ports';
import { asyncPort } from './interim-async';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The report read model: a handful of aggregate queries over the window, each seeking an index
 * (migrations/0003_pulse.sql adds the time-ordered ones). Exported so a test can EXPLAIN them.
 * Nothing here reads note text, comments or individual pulse answers.
 */
export const REPORT_SQL = {
  people: `SELECT id, name, real_name, manager_id, level_override, level_source, cadence_days FROM people WHERE deleted = 0 AND is_bot = 0`,
  // The pair index answers MAX(held_at) for (current manager, report) with one seek.
  lastOneOnOne: `SELECT p.id AS report_id,
      (SELECT MAX(o.held_at) FROM one_on_ones o WHERE o.manager_id = p.manager_id AND o.report_id = p.id) AS last_at
    FROM people p WHERE p.manager_id IS NOT NULL AND p.deleted = 0 AND p.is_bot = 0`,
  oneOnOnes: `SELECT o.manager_id, o.report_id, o.held_at,
      (SELECT MAX(q.held_at) FROM one_on_ones q WHERE q.manager_id = o.manager_id AND q.report_id = o.report_id AND q.held_at < o.held_at) AS prev_at
    FROM one_on_ones o JOIN people p ON p.id = o.report_id AND p.manager_id = o.manager_id
    WHERE o.held_at >= @from AND o.held_at < @to`,
  received: `SELECT recipient_id, (created_at - @from) / ${WEEK_MS} AS week, COUNT(*) AS n, MAX(created_at) AS last_at
    FROM kudos_recipients WHERE created_at >= @from AND created_at < @to GROUP BY recipient_id, week`,
  given: `SELECT giver_id, COUNT(*) AS n FROM kudos WHERE created_at >= @from AND created_at < @to GROUP BY giver_id`,
  fromManager: `SELECT kr.recipient_id, COUNT(*) AS n
    FROM kudos_recipients kr JOIN kudos k ON k.id = kr.kudos_id JOIN people p ON p.id = kr.recipient_id
    WHERE kr.created_at >= @from AND kr.created_at < @to AND k.giver_id = p.manager_id GROUP BY kr.recipient_id`,
  nudges: `SELECT n.person_id, (n.due_at - @from) / ${WEEK_MS} AS week, COUNT(*) AS sent,
      SUM(EXISTS (SELECT 1 FROM events e WHERE e.kind = 'nudge.acted' AND e.ref_id = n.id)) AS acted
    FROM nudges n WHERE n.kind = 'weekly' AND n.status = 'sent' AND n.due_at >= @from AND n.due_at < @to
    GROUP BY n.person_id, week`,
} as const;

interface PersonRow {
  id: string;
  name: string;
  real_name: string;
  manager_id: string | null;
  level_override: Level | null;
  level_source: 'self' | 'admin' | null;
  cadence_days: number;
}

type Range = { from: number; to: number };

export function createReportReadModel(db: Db): ReportReadModel {
  const q = {
    people: db.prepare<[], PersonRow>(REPORT_SQL.people),
    last: db.prepare<[], { report_id: string; last_at: number | null }>(REPORT_SQL.lastOneOnOne),
    oneOnOnes: db.prepare<[Range], { manager_id: string; report_id: string; held_at: number; prev_at: number | null }>(REPORT_SQL.oneOnOnes),
    received: db.prepare<[Range], { recipient_id: string; week: number; n: number; last_at: number }>(REPORT_SQL.received),
    given: db.prepare<[Range], { giver_id: string; n: number }>(REPORT_SQL.given),
    fromManager: db.prepare<[Range], { recipient_id: string; n: number }>(REPORT_SQL.fromManager),
    nudges: db.prepare<[Range], { person_id: string; week: number; sent: number; acted: number }>(REPORT_SQL.nudges),
  };

  return asyncPort<ReportReadModel>({
    load(w: ReportWindow, options: ReportLoadOptions = {}): ReportData {
      const range = { from: w.from, to: w.to };
      const weekOf = (i: number) => Math.max(0, Math.min(w.weeks - 1, Math.floor(i)));
      const people = q.people.all().map(
        (r): ReportPerson => ({
          id: r.id,
          name: r.name || r.real_name || r.id,
          managerId: r.manager_id ?? undefined,
          levelOverride: r.level_override ?? undefined,
          levelSource: r.level_source ?? undefined,
          cadenceDays: r.cadence_days,
        }),
      );
      const lastOneOnOne = new Map<string, number>();
      for (const r of q.last.all()) if (r.last_at !== null) lastOneOnOne.set(r.report_id, r.last_at);
      const received: ReportData['received'] = new Map();
      for (const r of q.received.all(range)) {
        let e = received.get(r.recipient_id);
        if (!e) received.set(r.recipient_id, (e = { weeks: new Array<number>(w.weeks).fill(0), last30: false }));
        const i = weekOf(r.week);
        e.weeks[i] = (e.weeks[i] ?? 0) + r.n;
        if (r.last_at >= w.last30From) e.last30 = true;
      }
      const nudges: ReportData['nudges'] = new Map();
      for (const r of q.nudges.all(range)) {
        let e = nudges.get(r.person_id);
        if (!e) nudges.set(r.person_id, (e = { sent: new Array<number>(w.weeks).fill(0), acted: new Array<number>(w.weeks).fill(0) }));
        const i = weekOf(r.week);
        e.sent[i] = (e.sent[i] ?? 0) + r.sent;
        e.acted[i] = (e.acted[i] ?? 0) + r.acted;
      }
      return {
        people,
        lastOneOnOne,
        oneOnOnes: q.oneOnOnes.all(range).map((r) => ({ managerId: r.manager_id, reportId: r.report_id, heldAt: r.held_at, prevAt: r.prev_at ?? undefined })),
        received,
        kudosGiven: new Map(q.given.all(range).map((r) => [r.giver_id, r.n])),
        fromManager: options.fromManager === false ? new Map() : new Map(q.fromManager.all(range).map((r) => [r.recipient_id, r.n])),
        nudges,
      };
    },
  });
}
