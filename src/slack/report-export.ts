import type { WebClient } from '@slack/web-api';
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS, csvRecords } from '../domain/report-csv';
import type { ManagerSummary } from '../domain/report-service';
import { uploadFileToDm } from './dm-file';

/** The export as CSV text (shared with `npm run report -- --csv`): aggregates only, see domain/report-csv.ts. */
export function reportCsv(managers: readonly ManagerSummary[]): string {
  return stringify(csvRecords(managers), { header: true, columns: [...CSV_COLUMNS] });
}

/** Uploads the CSV to the requester's DM with the app (see dm-file.ts). */
export async function uploadReportCsv(options: { client: WebClient; userId: string; csv: string; filename: string; title: string; comment?: string }): Promise<{ fileId: string; channel: string }> {
  const { csv, ...rest } = options;
  return uploadFileToDm({ ...rest, content: csv, contentType: 'text/csv' });
}
