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

/** A comma-separated list of numbers (string_agg's answer; NULL when the group had none) as numbers. */
function numbers(list: string | null): number[] {
  return list === null || list === '' ? [] : list.split(',').map(Number);
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
export const reportQueries = (db: Executor, r: Range) => ({
  people: bound(db, sql<PersonRow>`SELECT id, name, real_name, manager_id, level_override, level_source, cadence_days
    FROM people WHERE deleted = 0 AND is_bot = 0`),
  // Per report with a manager, two seeks on the pair index: the last 1:1 with the current manager (active,
  // human reports only: the report's figure) and the last one before the window (every report the 1:1s below
  // can name: a 1:1's previous one may lie before the window). The manager says which pair is current.
  pairs: bound(db, sql<{ report_id: string; manager_id: string; last_at: number | null; before_at: number | null }>`SELECT p.id AS report_id, p.manager_id,
      CASE WHEN p.deleted = 0 AND p.is_bot = 0 THEN
        (SELECT MAX(o.held_at) FROM one_on_ones o WHERE o.manager_id = p.manager_id AND o.report_id = p.id) END AS last_at,
      (SELECT MAX(o.held_at) FROM one_on_ones o WHERE o.manager_id = p.manager_id AND o.report_id = p.id AND o.held_at < ${r.from}) AS before_at
    FROM people p WHERE p.manager_id IS NOT NULL`),
  // The window's 1:1s per pair, one range seek on one_on_ones_held. The model keeps each report's pair with their
  // current manager (from \`pairs\`): joined here instead, PostgreSQL misjudges the two-column join (~100 rows for
  // 10,000) and sorts a quarter of a million rows on disk to group them.
  oneOnOnes: bound(db, sql<{ manager_id: string; report_id: string; times: string }>`SELECT manager_id, report_id, string_agg(CAST(held_at AS TEXT), ',') AS times
    FROM one_on_ones WHERE held_at >= ${r.from} AND held_at < ${r.to} GROUP BY manager_id, report_id`),
  // Each recipient's recognitions of the window as the weeks they fell in, and the latest (for "last 30 days").
  // The recipient's index meets each recipient's rows together, already in order: no sort on either engine.
  received: bound(db, sql<{ recipient_id: string; last_at: number; weeks: string }>`SELECT recipient_id, MAX(created_at) AS last_at,
      string_agg(CAST(${weekIndex('created_at', r.from)} AS TEXT), ',') AS weeks
    FROM kudos_recipients WHERE created_at >= ${r.from} AND created_at < ${r.to} GROUP BY recipient_id`),
  given: bound(db, sql<{ giver_id: string; n: number }>`SELECT giver_id, COUNT(*) AS n
    FROM kudos WHERE created_at >= ${r.from} AND created_at < ${r.to} GROUP BY giver_id`),
  fromManager: bound(db, sql<{ recipient_id: string; n: number }>`SELECT kr.recipient_id, COUNT(*) AS n
    FROM kudos_recipients kr JOIN kudos k ON k.id = kr.kudos_id JOIN people p ON p.id = kr.recipient_id
    WHERE kr.created_at >= ${r.from} AND kr.created_at < ${r.to} AND k.giver_id = p.manager_id GROUP BY kr.recipient_id`),
  // Each person's weekly nudges of the window as the weeks they were due in, and the weeks of those acted on.
  nudges: bound(db, sql<{ person_id: string; sent: string; acted: string | null }>`SELECT n.person_id,
      string_agg(CAST(${weekIndex('n.due_at', r.from)} AS TEXT), ',') AS sent,
      string_agg(CASE WHEN EXISTS (SELECT 1 FROM events e WHERE e.kind = 'nudge.acted' AND e.ref_id = n.id)
        THEN CAST(${weekIndex('n.due_at', r.from)} AS TEXT) END, ',') AS acted
    FROM nudges n WHERE n.kind = 'weekly' AND n.status = 'sent' AND n.due_at >= ${r.from} AND n.due_at < ${r.to}
    GROUP BY n.person_id`),
});

/**
 * Each 1:1 of the window with the pair's previous 1:1 (any time before, strictly earlier: two 1:1s on one day
 * share held_at and both look back past it). A correlated MAX per 1:1 cost one index seek each, and a window
 * function (MAX … RANGE … 1 PRECEDING, or LAG) measured slower still on SQLite (issue #20). So the pair's last 1:1
 * before the window comes from one seek per pair (\`pairs\`), and the previous one inside the window is the
 * preceding distinct time in the pair's sorted list. Only a report's pair with their current manager counts.
 */
function withPrevious(
  rows: ReadonlyArray<{ manager_id: string; report_id: string; times: string }>,
  pairs: ReadonlyMap<string, { managerId: string; before?: number }>,
): ReportData['oneOnOnes'] {
  const out: ReportData['oneOnOnes'] = [];
  for (const r of rows) {
    const pair = pairs.get(r.report_id);
    if (pair?.managerId !== r.manager_id) continue;
    const times = numbers(r.times).sort((a, b) => a - b);
    let prevAt = pair.before;
    for (let i = 0; i < times.length; i += 1) {
      const heldAt = times[i]!;
      if (i > 0 && times[i - 1]! < heldAt) prevAt = times[i - 1];
      out.push({ managerId: r.manager_id, reportId: r.report_id, heldAt, prevAt });
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
      const current = new Map<string, { managerId: string; before?: number }>();
      for (const r of pairs) {
        if (r.last_at !== null) lastOneOnOne.set(r.report_id, Number(r.last_at));
        current.set(r.report_id, { managerId: r.manager_id, before: r.before_at === null ? undefined : Number(r.before_at) });
      }
      return {
        people: people.map(toReportPerson),
        lastOneOnOne,
        oneOnOnes: withPrevious(oneOnOnes, current),
        received: receivedByWeek(received, w),
        kudosGiven: new Map(given.map((r) => [r.giver_id, Number(r.n)])),
        fromManager: new Map(fromManager.map((r) => [r.recipient_id, Number(r.n)])),
        nudges: nudgesByWeek(nudges, w),
      };
    },
  };
}
