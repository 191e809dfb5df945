import type { Level } from '../../domain/ports';
import type { Headline, Point } from '../../domain/dashboard/series';
import type { DashboardView, GroupView, ManagerRow, PulseFigure } from '../../domain/dashboard/view';
import { queryParams } from '../../domain/dashboard/query';

/**
 * Every table on the page as data. The HTML and the CSV are both drawn from these, so the CSV is exactly what is
 * on screen; the charts are drawn in the browser from the same tables (their text alternative).
 */

export interface Cell {
  text: string;
  /** The figure behind the text, for the CSV and the charts (undefined: no figure). */
  value?: number;
}

export interface Row {
  header: string;
  cells: Cell[];
  /** Drill-down link (managers' table), and a chart x value (epoch seconds) for series tables. */
  href?: string;
  x?: number;
}

export interface Table {
  id: string;
  caption: string;
  columns: string[];
  rows: Row[];
}

export const GROUP_LABELS: Record<Level | 'all', string> = { all: 'All levels', frontline: 'Frontline', 'mid-level': 'Mid-level', executive: 'Executive' };

const NONE = '—';
const fixed = (v: number, digits: number) => Number(v.toFixed(digits));
export const pct = (v: Point): Cell => (v === undefined ? { text: NONE } : { text: `${Math.round(v * 100)}%`, value: fixed(v, 3) });
export const num = (v: Point, digits = 1): Cell => (v === undefined ? { text: NONE } : { text: v.toFixed(digits), value: fixed(v, digits) });
const int = (v: number): Cell => ({ text: String(v), value: v });
const pulseCell = (p: PulseFigure | undefined): Cell => (p ? { text: `${p.average.toFixed(2)} (${p.responses} answers)`, value: fixed(p.average, 2) } : { text: NONE });

export const HEADLINE_COLUMNS = [
  'Within cadence', 'Median days between 1:1s', '1:1s held', '1:1s expected', 'Recognition per 100 people per week', 'People recognised',
  'Nudge follow-through', 'Goal activity per 100 people', 'Plan activity per 100 people', 'Pulse (latest month)',
];

function headlineCells(h: Headline, pulse: PulseFigure | undefined): Cell[] {
  return [
    pct(h.withinCadenceShare), num(h.medianGapDays), int(h.held), num(h.expected), num(h.recognitionPer100), pct(h.recognisedShare),
    pct(h.followThrough), num(h.goalActivity), num(h.planActivity), pulseCell(pulse),
  ];
}

export function summaryTable(v: DashboardView): Table {
  return {
    id: 'summary',
    caption: 'Summary by level',
    columns: ['Level', 'Managers', 'People', ...HEADLINE_COLUMNS],
    rows: v.groups.map((g) => ({ header: GROUP_LABELS[g.key], cells: [int(g.headline.managers), int(g.headline.reports), ...headlineCells(g.headline, g.pulse)] })),
  };
}

export interface ChartSpec {
  id: keyof GroupView['series'] | 'pulse';
  title: string;
  unit: 'share' | 'days' | 'per100' | 'score';
  what: string;
}

export const CHARTS: ChartSpec[] = [
  { id: 'withinCadence', title: '1:1s within cadence', unit: 'share', what: "share of people whose last 1:1 with their manager was within the manager's cadence, at the end of each point" },
  { id: 'medianGapDays', title: 'Median days between 1:1s', unit: 'days', what: 'median gap between consecutive 1:1s of a manager and a report, for 1:1s held in each point' },
  { id: 'recognitionPer100', title: 'Recognition per 100 people per week', unit: 'per100', what: 'kudos received by the people in the teams' },
  { id: 'recognisedShare', title: 'Recognition spread', unit: 'share', what: 'share of the people recognised at least once' },
  { id: 'followThrough', title: 'Nudge follow-through', unit: 'share', what: 'weekly nudges the manager acted on (a prep or a kudos click)' },
  { id: 'goalActivity', title: 'Goal activity per 100 people', unit: 'per100', what: 'goals set and goal check-ins' },
  { id: 'planActivity', title: 'Development-plan activity per 100 people', unit: 'per100', what: 'development-plan updates' },
  { id: 'pulse', title: 'Upward pulse (average, 1–5)', unit: 'score', what: 'monthly average, shown only for months with enough answers' },
];

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function seriesTable(v: DashboardView, spec: ChartSpec): Table {
  const cell = (p: Point) => (spec.unit === 'share' ? pct(p) : num(p, spec.unit === 'score' ? 2 : 1));
  const columns = ['Period', ...v.groups.map((g) => GROUP_LABELS[g.key])];
  if (spec.id === 'pulse') {
    return {
      id: 'pulse', caption: spec.title, columns,
      rows: v.months.map((m, i) => ({ header: m, x: Date.parse(`${m}-01T00:00:00Z`) / 1000, cells: v.groups.map((g) => cell(g.pulseByMonth[i])) })),
    };
  }
  const id = spec.id;
  const label = (start: number) => (v.bucketWeeks === 1 ? `Week of ${day(start)}` : `${v.bucketWeeks} weeks from ${day(start)}`);
  return {
    id, caption: spec.title, columns,
    rows: v.buckets.map((start, i) => ({ header: label(start), x: start / 1000, cells: v.groups.map((g) => cell(g.series[id][i])) })),
  };
}

export const MANAGER_COLUMNS: Array<{ label: string; sort: DashboardView['query']['sort'] }> = [
  { label: 'Manager', sort: 'name' }, { label: 'Level', sort: 'level' }, { label: 'People', sort: 'reports' },
  { label: 'Within cadence', sort: 'withinCadence' }, { label: 'Median days between 1:1s', sort: 'medianGapDays' }, { label: '1:1s held', sort: 'held' },
  { label: 'Recognition per 100 people per week', sort: 'recognitionPer100' }, { label: 'People recognised', sort: 'recognisedShare' },
  { label: 'Nudge follow-through', sort: 'followThrough' }, { label: 'Goal activity per 100 people', sort: 'goalActivity' },
  { label: 'Plan activity per 100 people', sort: 'planActivity' }, { label: 'Pulse (latest month)', sort: 'pulse' },
];

export function managersTable(v: DashboardView): Table {
  const row = (m: ManagerRow): Row => {
    const h = m.headline;
    const href = `/dashboard?${queryParams(v.query, { scope: m.id }).toString()}`;
    return {
      header: m.name, href,
      cells: [
        { text: GROUP_LABELS[m.level] }, int(h.reports), pct(h.withinCadenceShare), num(h.medianGapDays), int(h.held), num(h.recognitionPer100),
        pct(h.recognisedShare), pct(h.followThrough), num(h.goalActivity), num(h.planActivity), pulseCell(m.pulse),
      ],
    };
  };
  return { id: 'managers', caption: 'Managers', columns: MANAGER_COLUMNS.map((c) => c.label), rows: v.managers.map(row) };
}

/** Every table the page shows, in page order. */
export function pageTables(v: DashboardView): Table[] {
  return [summaryTable(v), ...CHARTS.map((c) => seriesTable(v, c)), managersTable(v)];
}
