import type { PulseAggregate } from '../pulse';
import type { ReportData, ReportLoadOptions, ReportWindow } from '../report-ports';

/** Ports may answer now or later: SQLite answers at once, PostgreSQL through a promise. */
export type MaybePromise<T> = T | Promise<T>;

/** Goal and development-plan activity in a window: person → counts per week (index 0 = oldest). */
export type ActivityData = Map<string, { goals: number[]; plans: number[] }>;

/** The dashboard's extra read (src/storage/dashboard-read-model.ts): counts only, never goal or plan text. */
export interface DashboardActivityReadModel {
  activity(window: ReportWindow): Promise<ActivityData>;
}

export interface DashboardDeps {
  /** The report read model, shared with `/coach report`. */
  reads: { load(window: ReportWindow, options?: ReportLoadOptions): MaybePromise<ReportData> };
  activity: DashboardActivityReadModel;
  /** Aggregated pulse counts only (the same port the Slack report reads). */
  pulse: { aggregates(period: string): MaybePromise<PulseAggregate[]> };
  clock: { now(): number };
  isAdmin(personId: string): MaybePromise<boolean>;
  minResponses: number;
}
