import { sql, type Compilable, type RawBuilder } from 'kysely';
import type { Level } from '../domain/ports';
import type { ReportData, ReportPerson, ReportReadModel, ReportWindow } from '../domain/report-ports';
import type { Executor } from './engine';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface PersonRow {
  id: string;
  name: string;
  real_name: string;
  manager_id: string | null;
  level_override: Level | null;
  level_source: 'self' | 'admin' | null;
  cadence_days: number;
}

type Range = { from: number; to: number };

/**
 * The week of a time in the window (0 = the first), an integer on both engines. better-sqlite3 binds a JS number
 * as REAL, so SQLite would divide in floating point and GROUP BY every distinct fraction (one group per row); the
 * cast makes the division integral there, as it is on PostgreSQL's BIGINT.
 */
export const weekIndex = (column: string, from: number) => sql<number>`(${sql.ref(column)} - CAST(${from} AS BIGINT)) / ${sql.lit(WEEK_MS)}`;

/** A raw statement bound to its executor, so a test can EXPLAIN it (Compilable) and the model can run it. */
export interface ReportQuery<R> extends Compilable<R> {
  rows(): Promise<R[]>;
}

function bound<R>(db: Executor, raw: RawBuilder<R>): ReportQuery<R> {
  return { compile: () => raw.compile(db), rows: async () => (await raw.execute(db)).rows };
}

/**
 * The report read model's statements, each a handful of range seeks (migrations/0003_pulse.sql adds the
 * time-ordered indexes); exported so a test can EXPLAIN them on both engines. The same text runs on both:
 * acted nudges are summed with CASE WHEN because PostgreSQL does not add booleans. Nothing here reads note text, comments or pulse answers.
 */
export const reportQueries = (db: Executor, r: Range) => ({
  people: bound(db, sql<PersonRow>`SELECT id, name, real_name, manager_id, level_override, level_source, cadence_days
    FROM people WHERE deleted = 0 AND is_bot = 0`),
  // Per report with a manager, two seeks on the pair index: the last 1:1 with the current manager (active,
  // human reports only: the report's figure) and the last one before the window (every report the 1:1s below
  // can name: a 1:1's previous one may lie before the window).
  pairs: bound(db, sql<{ report_id: string; last_at: number | null; before_at: number | null }>`SELECT p.id AS report_id,
      CASE WHEN p.deleted = 0 AND p.is_bot = 0 THEN
        (SELECT MAX(o.held_at) FROM one_on_ones o WHERE o.manager_id = p.manager_id AND o.report_id = p.id) END AS last_at,
      (SELECT MAX(o.held_at) FROM one_on_ones o WHERE o.manager_id = p.manager_id AND o.report_id = p.id AND o.held_at < ${r.from}) AS before_at
    FROM people p WHERE p.manager_id IS NOT NULL`),
  // 1:1s in the window between a report and their current manager: one range seek on one_on_ones_held.
  oneOnOnes: bound(db, sql<{ manager_id: string; report_id: string; held_at: number }>`SELECT o.manager_id, o.report_id, o.held_at
    FROM one_on_ones o JOIN people p ON p.id = o.report_id AND p.manager_id = o.manager_id
    WHERE o.held_at >= ${r.from} AND o.held_at < ${r.to}`),
  // Each recognition of the window, by recipient, counted per week in code. Grouped by recipient and week in SQL
  // it kept nearly one group per row (~150,000 of ~180,000 over 24 months) after sorting on both; sorted by the
  // recipient alone it costs SQLite less, and the model then meets each recipient's rows together (in time
  // order the lookups jump around the heap and cost more than the sort saves: issue #20).
  received: bound(db, sql<{ recipient_id: string; created_at: number }>`SELECT recipient_id, created_at
    FROM kudos_recipients WHERE created_at >= ${r.from} AND created_at < ${r.to} ORDER BY recipient_id`),
  given: bound(db, sql<{ giver_id: string; n: number }>`SELECT giver_id, COUNT(*) AS n
    FROM kudos WHERE created_at >= ${r.from} AND created_at < ${r.to} GROUP BY giver_id`),
  fromManager: bound(db, sql<{ recipient_id: string; n: number }>`SELECT kr.recipient_id, COUNT(*) AS n
    FROM kudos_recipients kr JOIN kudos k ON k.id = kr.kudos_id JOIN people p ON p.id = kr.recipient_id
    WHERE kr.created_at >= ${r.from} AND kr.created_at < ${r.to} AND k.giver_id = p.manager_id GROUP BY kr.recipient_id`),
  nudges: bound(db, sql<{ person_id: string; week: number; sent: number; acted: number }>`SELECT n.person_id,
      ${weekIndex('n.due_at', r.from)} AS week, COUNT(*) AS sent,
      SUM(CASE WHEN EXISTS (SELECT 1 FROM events e WHERE e.kind = 'nudge.acted' AND e.ref_id = n.id) THEN 1 ELSE 0 END) AS acted
    FROM nudges n WHERE n.kind = 'weekly' AND n.status = 'sent' AND n.due_at >= ${r.from} AND n.due_at < ${r.to}
    GROUP BY n.person_id, week`),
});

/**
 * Each 1:1 of the window with the pair's previous 1:1 (any time before, strictly earlier: two 1:1s on one day
 * share held_at and both look back past it). The old statement ran a correlated MAX per 1:1, one index seek
 * each (issue #20). A window function (MAX … RANGE … 1 PRECEDING, or LAG) measured slower still on SQLite: it
 * sorts the window's rows into a temporary B-tree. So the window's rows are read plainly, the pair's last 1:1
 * before the window comes from one seek per pair (`pairs`), and the previous one inside the window is the
 * preceding distinct time of the same report, found here after sorting each report's few times.
 * (A report's rows all belong to one pair: the statement keeps only their current manager.)
 */
function withPrevious(rows: ReadonlyArray<{ manager_id: string; report_id: string; held_at: number }>, before: ReadonlyMap<string, number>): ReportData['oneOnOnes'] {
  const byReport = new Map<string, { managerId: string; times: number[] }>();
  let id: string | undefined;
  let e = { managerId: '', times: [] as number[] };
  for (const r of rows) {
    if (r.report_id !== id) { // the statement meets a report's 1:1s together (it seeks them by pair): one lookup per run
      id = r.report_id;
      e = byReport.get(id) ?? { managerId: r.manager_id, times: [] };
      byReport.set(id, e);
    }
    e.times.push(Number(r.held_at));
  }
  const out: ReportData['oneOnOnes'] = [];
  for (const [reportId, { managerId, times }] of byReport) {
    times.sort((a, b) => a - b);
    let prevAt = before.get(reportId);
    for (let i = 0; i < times.length; i += 1) {
      const heldAt = times[i]!;
      if (i > 0 && times[i - 1]! < heldAt) prevAt = times[i - 1];
      out.push({ managerId, reportId, heldAt, prevAt });
    }
  }
  return out;
}

export function toReportPerson(r: PersonRow): ReportPerson {
  return {
    id: r.id,
    name: r.name || r.real_name || r.id,
    managerId: r.manager_id ?? undefined,
    levelOverride: r.level_override ?? undefined,
    levelSource: r.level_source ?? undefined,
    cadenceDays: r.cadence_days,
  };
}

/** Adds a count to its week's slot (index 0 = oldest), clamping a row on the window's edge into it. */
function addToWeek(list: number[], week: number, n: number, weeks: number): void {
  const i = Math.max(0, Math.min(weeks - 1, Math.floor(week)));
  list[i] = (list[i] ?? 0) + Number(n);
}

/** Recognitions counted per recipient and week (the week as `weekIndex` numbers it: whole weeks since `from`). */
function receivedByWeek(rows: Array<{ recipient_id: string; created_at: number }>, w: ReportWindow): ReportData['received'] {
  const received: ReportData['received'] = new Map();
  for (const r of rows) {
    const at = Number(r.created_at);
    let e = received.get(r.recipient_id);
    if (!e) received.set(r.recipient_id, (e = { weeks: new Array<number>(w.weeks).fill(0), last30: false }));
    addToWeek(e.weeks, Math.floor((at - w.from) / WEEK_MS), 1, w.weeks);
    if (at >= w.last30From) e.last30 = true;
  }
  return received;
}

function nudgesByWeek(rows: Array<{ person_id: string; week: number; sent: number; acted: number }>, w: ReportWindow): ReportData['nudges'] {
  const nudges: ReportData['nudges'] = new Map();
  for (const r of rows) {
    let e = nudges.get(r.person_id);
    if (!e) nudges.set(r.person_id, (e = { sent: new Array<number>(w.weeks).fill(0), acted: new Array<number>(w.weeks).fill(0) }));
    addToWeek(e.sent, Number(r.week), r.sent, w.weeks);
    addToWeek(e.acted, Number(r.week), r.acted, w.weeks);
  }
  return nudges;
}

export function createReportReadModel(db: Executor): ReportReadModel {
  return {
    async load(w, options = {}) {
      const q = reportQueries(db, { from: w.from, to: w.to });
      const [people, pairs, oneOnOnes, received, given, fromManager, nudges] = await Promise.all([
        q.people.rows(),
        q.pairs.rows(),
        q.oneOnOnes.rows(),
        q.received.rows(),
        options.kudosGiven === false ? Promise.resolve([]) : q.given.rows(),
        options.fromManager === false ? Promise.resolve([]) : q.fromManager.rows(),
        q.nudges.rows(),
      ]);
      const lastOneOnOne = new Map<string, number>();
      const before = new Map<string, number>();
      for (const r of pairs) {
        if (r.last_at !== null) lastOneOnOne.set(r.report_id, Number(r.last_at));
        if (r.before_at !== null) before.set(r.report_id, Number(r.before_at));
      }
      return {
        people: people.map(toReportPerson),
        lastOneOnOne,
        oneOnOnes: withPrevious(oneOnOnes, before),
        received: receivedByWeek(received, w),
        kudosGiven: new Map(given.map((r) => [r.giver_id, Number(r.n)])),
        fromManager: new Map(fromManager.map((r) => [r.recipient_id, Number(r.n)])),
        nudges: nudgesByWeek(nudges, w),
      };
    },
  };
}
