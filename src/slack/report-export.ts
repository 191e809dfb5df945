import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS, csvRecords } from '../domain/report-csv';
import { neutraliseCsvCell } from '../domain/csv-cell';
import type { ManagerSummary } from '../domain/report-service';

/**
 * Every CSV the app writes goes through here, so every text cell is neutralised against formula injection
 * (a display name such as `=HYPERLINK(...)`); numbers stay numbers.
 */
export function writeCsv(records: ReadonlyArray<Record<string, unknown>>, columns: readonly string[]): string {
  return stringify([...records], { header: true, columns: [...columns], cast: { string: neutraliseCsvCell } });
}

/** The export as CSV text (shared with `npm run report -- --csv`): aggregates only, see domain/report-csv.ts. */
export function reportCsv(managers: readonly ManagerSummary[]): string {
  return writeCsv(csvRecords(managers), CSV_COLUMNS);
}
