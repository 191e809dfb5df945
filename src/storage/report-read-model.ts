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

type Range = { from: number; to: number; under?: string };

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

/** A comma-separated list of numbers (string_agg's answer; NULL when the group had none) as numbers. */
function numbers(list: string | null): number[] {
  return list === null || list === '' ? [] : list.split(',').map(Number);
}

/**
 * With `under`: the person and everyone reachable below them through manager_id (any person, deleted or not: a
 * superset of the organisation's tree, which only follows active people), as a recursive CTE both engines run
 * over people_manager; UNION stops at a loop in bad data. `onlyIn(column)` keeps the rows of those people.
 */
function subtree(under: string | undefined) {
  if (under === undefined) return { withScope: sql``, onlyIn: (_column: string) => sql`` };
  return {
    withScope: sql`WITH RECURSIVE scope(id) AS (SELECT id FROM people WHERE id = ${under}
      UNION SELECT p.id FROM people p JOIN scope s ON p.manager_id = s.id) `,
    onlyIn: (column: string) => sql` AND ${sql.ref(column)} IN (SELECT id FROM scope)`,
  };
}

/**
 * The report read model's statements, each a handful of range seeks (migrations/0003_pulse.sql adds the
 * time-ordered indexes); exported so a test can EXPLAIN them on both engines. The same text runs on both:
 * acted nudges are picked with CASE WHEN because PostgreSQL has no boolean arithmetic, and string_agg (SQLite
 * 3.44+) is both engines' spelling. Nothing here reads note text, comments or pulse answers.
 *
 * The window's rows (1:1s, recognitions, nudges: ~450,000 over 24 months at 10,000 people) come back as one row
 * per person or pair with their times or weeks in a list: on PostgreSQL each row shipped costs the server a
 * message and Node a parse (issue #20: 300 ms of Node's CPU for the 1:1s and recognitions alone), where one list
 * per person costs a string split.
 */
export const reportQueries = (db: Executor, r: Range) => {
  const { withScope, onlyIn } = subtree(r.under);
  return {
    people: bound(db, sql<PersonRow>`SELECT id, name, real_name, manager_id, level_override, level_source, cadence_days
      FROM people WHERE deleted = 0 AND is_bot = 0`),
    // Per report with a manager, two seeks on the pair index (1:1s with their current manager only): the last 1:1
    // before the window (a 1:1's previous one may lie before it), and every 1:1 since the window began, in a list.
    // Those give the window's 1:1s and the report's last 1:1 (the latest of both). Before issue #20 this took a
    // third seek per report and a row per 1:1 of the window; grouped by pair over the window's range instead,
    // PostgreSQL sorted the rows on disk to group them.
    oneOnOnes: bound(db, sql<{ report_id: string; manager_id: string; active: number; before_at: number | null; times: string | null }>`${withScope}SELECT p.id AS report_id, p.manager_id,
        CASE WHEN p.deleted = 0 AND p.is_bot = 0 THEN 1 ELSE 0 END AS active,
        (SELECT MAX(o.held_at) FROM one_on_ones o WHERE o.manager_id = p.manager_id AND o.report_id = p.id AND o.held_at < ${r.from}) AS before_at,
        (SELECT string_agg(CAST(o.held_at AS TEXT), ',') FROM one_on_ones o WHERE o.manager_id = p.manager_id AND o.report_id = p.id AND o.held_at >= ${r.from}) AS times
      FROM people p WHERE p.manager_id IS NOT NULL${onlyIn('p.id')}`),
    // Each recipient's recognitions of the window as the weeks they fell in, and the latest (for "last 30 days").
    // Grouped by recipient: over 24 months PostgreSQL walks the recipient's index (rows already together); over a
    // short window it seeks the time index and sorts the few rows, as SQLite does.
    received: bound(db, sql<{ recipient_id: string; last_at: number; weeks: string }>`${withScope}SELECT recipient_id, MAX(created_at) AS last_at,
        string_agg(CAST(${weekIndex('created_at', r.from)} AS TEXT), ',') AS weeks
      FROM kudos_recipients WHERE created_at >= ${r.from} AND created_at < ${r.to}${onlyIn('recipient_id')} GROUP BY recipient_id`),
    given: bound(db, sql<{ giver_id: string; n: number }>`SELECT giver_id, COUNT(*) AS n
      FROM kudos WHERE created_at >= ${r.from} AND created_at < ${r.to} GROUP BY giver_id`),
    fromManager: bound(db, sql<{ recipient_id: string; n: number }>`SELECT kr.recipient_id, COUNT(*) AS n
      FROM kudos_recipients kr JOIN kudos k ON k.id = kr.kudos_id JOIN people p ON p.id = kr.recipient_id
      WHERE kr.created_at >= ${r.from} AND kr.created_at < ${r.to} AND k.giver_id = p.manager_id GROUP BY kr.recipient_id`),
    // Each person's weekly nudges of the window as the weeks they were due in, and the weeks of those acted on.
    nudges: bound(db, sql<{ person_id: string; sent: string; acted: string | null }>`${withScope}SELECT n.person_id,
        string_agg(CAST(${weekIndex('n.due_at', r.from)} AS TEXT), ',') AS sent,
        string_agg(CASE WHEN EXISTS (SELECT 1 FROM events e WHERE e.kind = 'nudge.acted' AND e.ref_id = n.id)
          THEN CAST(${weekIndex('n.due_at', r.from)} AS TEXT) END, ',') AS acted
      FROM nudges n WHERE n.kind = 'weekly' AND n.status = 'sent' AND n.due_at >= ${r.from} AND n.due_at < ${r.to}${onlyIn('n.person_id')}
      GROUP BY n.person_id`),
  };
};

type PairRow = { report_id: string; manager_id: string; active: number; before_at: number | null; times: string | null };

/**
 * Each 1:1 of the window with the pair's previous 1:1 (any time before, strictly earlier: two 1:1s on one day
 * share held_at and both look back past it), and each active report's last 1:1. A correlated MAX per 1:1 cost one
 * index seek each, and a window function (MAX … RANGE … 1 PRECEDING, or LAG) measured slower still on SQLite
 * (issue #20): the previous 1:1 is the preceding distinct time in the pair's sorted list, or the last one before.
 */
function pairHistory(rows: readonly PairRow[], w: ReportWindow): Pick<ReportData, 'oneOnOnes' | 'lastOneOnOne'> {
  const oneOnOnes: ReportData['oneOnOnes'] = [];
  const lastOneOnOne = new Map<string, number>();
  for (const r of rows) {
    const before = r.before_at === null ? undefined : Number(r.before_at);
    const times = numbers(r.times).sort((a, b) => a - b);
    const last = times.length > 0 ? times[times.length - 1] : before;
    if (Number(r.active) === 1 && last !== undefined) lastOneOnOne.set(r.report_id, last);
    let prevAt = before;
    for (let i = 0; i < times.length && times[i]! < w.to; i += 1) {
      const heldAt = times[i]!;
      if (i > 0 && times[i - 1]! < heldAt) prevAt = times[i - 1];
      oneOnOnes.push({ managerId: r.manager_id, reportId: r.report_id, heldAt, prevAt });
    }
  }
  return { oneOnOnes, lastOneOnOne };
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

/** Counts each listed week into a fresh array of the window's weeks. */
function weekCounts(list: string | null, w: ReportWindow): number[] {
  const out = new Array<number>(w.weeks).fill(0);
  for (const week of numbers(list)) addToWeek(out, week, 1, w.weeks);
  return out;
}

function receivedByWeek(rows: Array<{ recipient_id: string; last_at: number; weeks: string }>, w: ReportWindow): ReportData['received'] {
  return new Map(rows.map((r) => [r.recipient_id, { weeks: weekCounts(r.weeks, w), last30: Number(r.last_at) >= w.last30From }]));
}

function nudgesByWeek(rows: Array<{ person_id: string; sent: string; acted: string | null }>, w: ReportWindow): ReportData['nudges'] {
  return new Map(rows.map((r) => [r.person_id, { sent: weekCounts(r.sent, w), acted: weekCounts(r.acted, w) }]));
}

export function createReportReadModel(db: Executor): ReportReadModel {
  return {
    async load(w, options = {}) {
      const q = reportQueries(db, { from: w.from, to: w.to, under: options.under });
      const [people, pairs, received, given, fromManager, nudges] = await Promise.all([
        q.people.rows(),
        q.oneOnOnes.rows(),
        q.received.rows(),
        options.kudosGiven === false ? Promise.resolve([]) : q.given.rows(),
        options.fromManager === false ? Promise.resolve([]) : q.fromManager.rows(),
        q.nudges.rows(),
      ]);
      return {
        people: people.map(toReportPerson),
        ...pairHistory(pairs, w),
        received: receivedByWeek(received, w),
        kudosGiven: new Map(given.map((r) => [r.giver_id, Number(r.n)])),
        fromManager: new Map(fromManager.map((r) => [r.recipient_id, Number(r.n)])),
        nudges: nudgesByWeek(nudges, w),
      };
    },
  };
}
