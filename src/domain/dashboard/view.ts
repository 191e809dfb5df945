import type { Level } from '../ports';
import type { DashboardQuery } from './query';
import type { Headline, Point, Series } from './series';

/** What the dashboard shows, as data: the page, its charts, its tables and its CSV are all drawn from this. */

/** A pulse figure, present only when the group reached the anonymity threshold (as in Slack). Never a distribution. */
export interface PulseFigure {
  period: string;
  average: number;
  responses: number;
}

export interface GroupView {
  key: Level | 'all';
  headline: Headline;
  series: Series;
  /** Pulse average per closed month in the period (undefined: not shown), and the latest closed month. */
  pulseByMonth: Point[];
  pulse?: PulseFigure;
}

export interface ManagerRow {
  id: string;
  name: string;
  level: Level;
  headline: Headline;
  pulse?: PulseFigure;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface DashboardView {
  kind: 'dashboard';
  viewer: PersonRef & { isAdmin: boolean };
  query: DashboardQuery & { scope: string };
  scope: { kind: 'org' } | { kind: 'manager'; id: string; name: string; level: Level; trail: PersonRef[] };
  /** Managers the viewer may pick as a scope, by name. */
  choices: Array<PersonRef & { level: Level }>;
  window: { from: number; to: number; weeks: number };
  bucketWeeks: number;
  buckets: number[];
  months: string[];
  groups: GroupView[];
  managers: ManagerRow[];
  minResponses: number;
}

export type DashboardResult = { kind: 'nothing'; viewer: PersonRef } | DashboardView;
