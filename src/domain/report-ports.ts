import type { Level } from './ports';

/** The report read model (src/storage/report-read-model.ts): aggregates over a window, for the whole org. */

export interface ReportPerson {
  id: string;
  name: string;
  managerId?: string;
  levelOverride?: Level;
  levelSource?: 'self' | 'admin';
  /** The person's own 1:1 cadence target (used when they are the manager). */
  cadenceDays: number;
}

/** A 1:1 held in the window between a report and the manager they report to now. */
export interface WindowOneOnOne {
  managerId: string;
  reportId: string;
  heldAt: number;
  /** The pair's previous 1:1 (any time), for the gap. */
  prevAt?: number;
}

export interface ReportData {
  /** Active, human people. */
  people: ReportPerson[];
  /** Report id → last 1:1 with their current manager (any time). */
  lastOneOnOne: Map<string, number>;
  oneOnOnes: WindowOneOnOne[];
  /** Recognition received in the window: recipient → per-week counts (index 0 = oldest week) and last-30-days flag. */
  received: Map<string, { weeks: number[]; last30: boolean }>;
  /** Kudos given in the window, by giver. */
  kudosGiven: Map<string, number>;
  /** Recognition from a report's current manager in the window: report id → count. */
  fromManager: Map<string, number>;
  /** Weekly nudges sent in the window and how many were acted on, per person and week. */
  nudges: Map<string, { sent: number[]; acted: number[] }>;
}

export interface ReportWindow {
  /** Window start (inclusive) and end (exclusive), epoch ms; `weeks` whole weeks. */
  from: number;
  to: number;
  weeks: number;
  /** Start of the "recognised in the last 30 days" span. */
  last30From: number;
}

export interface ReportLoadOptions {
  /** Recognition from each report's own manager (the Slack report's figure; the dashboard does not show it). Default true. */
  fromManager?: boolean;
  /** Kudos given, by giver (the Slack report's figure; the dashboard does not show it either). Default true. */
  kudosGiven?: boolean;
  /**
   * Only the 1:1s, recognition and nudges of this person and everyone below them (`people` still lists the whole
   * organisation, for names, levels and who may see what): a manager's dashboard reads their part. Default: all.
   */
  under?: string;
}

export interface ReportReadModel {
  load(window: ReportWindow, options?: ReportLoadOptions): Promise<ReportData>;
}
