import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS, csvRecords } from '../domain/report-csv';
import type { ManagerSummary } from '../domain/report-service';

/** The export as CSV text (shared with `npm run report -- --csv`): aggregates only, see domain/report-csv.ts. */
export function reportCsv(managers: readonly ManagerSummary[]): string {
  return stringify(csvRecords(managers), { header: true, columns: [...CSV_COLUMNS] });
}
