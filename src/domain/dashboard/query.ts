import { LEVELS, type Level } from '../ports';

/**
 * What the dashboard is asked for, parsed from the query string. Anything unknown or malformed falls back to the
 * default rather than failing: a hand-edited or stale link still shows a page.
 */

export const PERIODS = [
  { id: '4w', weeks: 4, label: 'Last 4 weeks' },
  { id: '12w', weeks: 12, label: 'Last 12 weeks' },
  { id: '26w', weeks: 26, label: 'Last 6 months' },
  { id: '52w', weeks: 52, label: 'Last 12 months' },
  { id: '104w', weeks: 104, label: 'Last 24 months' },
] as const;
export type PeriodId = (typeof PERIODS)[number]['id'];
export const DEFAULT_PERIOD: PeriodId = '12w';

/** Columns of the managers' table the viewer may sort by. */
export const SORT_KEYS = [
  'name', 'level', 'reports', 'withinCadence', 'medianGapDays', 'held', 'recognitionPer100', 'recognisedShare',
  'followThrough', 'goalActivity', 'planActivity', 'pulse',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface DashboardQuery {
  /** 'org' (admins), or the id of the manager whose subtree is shown; undefined: the viewer's default. */
  scope?: 'org' | string;
  level: Level | 'all';
  period: PeriodId;
  sort: SortKey;
  dir: 'asc' | 'desc';
}

const PERSON_ID = /^[UW][A-Z0-9]{2,20}$/;

function pick<T extends string>(value: string | null | undefined, allowed: readonly T[], fallback: T): T {
  return value !== null && value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function parseDashboardQuery(params: URLSearchParams): DashboardQuery {
  const rawScope = params.get('scope') ?? '';
  const scope = rawScope === 'org' ? 'org' : PERSON_ID.test(rawScope) ? rawScope : undefined;
  return {
    scope,
    level: pick(params.get('level'), [...LEVELS, 'all'] as const, 'all'),
    period: pick(params.get('period'), PERIODS.map((p) => p.id), DEFAULT_PERIOD),
    sort: pick(params.get('sort'), SORT_KEYS, 'name'),
    dir: pick(params.get('dir'), ['asc', 'desc'] as const, 'asc'),
  };
}

export function periodWeeks(id: PeriodId): number {
  return PERIODS.find((p) => p.id === id)?.weeks ?? 12;
}

/** Points on a chart: weekly up to six months, four-weekly beyond, so a 24-month chart stays readable. */
export function bucketWeeks(weeks: number): number {
  return weeks <= 26 ? 1 : 4;
}

/** The query as URL parameters (defaults left out), for links that keep the viewer's choices. */
export function queryParams(q: DashboardQuery, change: Partial<DashboardQuery> = {}): URLSearchParams {
  const next = { ...q, ...change };
  const out = new URLSearchParams();
  if (next.scope) out.set('scope', next.scope);
  if (next.level !== 'all') out.set('level', next.level);
  if (next.period !== DEFAULT_PERIOD) out.set('period', next.period);
  if (next.sort !== 'name') out.set('sort', next.sort);
  if (next.dir !== 'asc') out.set('dir', next.dir);
  return out;
}
