import type { WebClient } from '@slack/web-api';
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS, csvRecords } from '../domain/report-csv';
import type { ManagerSummary } from '../domain/report-service';

/** The export as CSV text (shared with `npm run report -- --csv`): aggregates only, see domain/report-csv.ts. */
export function reportCsv(managers: readonly ManagerSummary[]): string {
  return stringify(csvRecords(managers), { header: true, columns: [...CSV_COLUMNS] });
}

/**
 * Uploads the CSV to the requester's DM with the app: files.getUploadURLExternal, the bytes to the
 * upload URL, then files.completeUploadExternal with the DM's channel id (from conversations.open).
 */
export async function uploadReportCsv(options: { client: WebClient; userId: string; csv: string; filename: string; title: string; comment?: string }): Promise<{ fileId: string; channel: string }> {
  const { client } = options;
  const bytes = Buffer.from(options.csv, 'utf8');
  const dm = await client.conversations.open({ users: options.userId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error('report export: no DM channel');
  const target = await client.files.getUploadURLExternal({ filename: options.filename, length: bytes.length });
  if (!target.upload_url || !target.file_id) throw new Error('report export: Slack gave no upload URL');
  const res = await fetch(target.upload_url, { method: 'POST', body: bytes, headers: { 'content-type': 'text/csv' } });
  if (!res.ok) throw new Error(`report export: upload failed with HTTP ${res.status}`);
  await client.files.completeUploadExternal({
    files: [{ id: target.file_id, title: options.title }],
    channel_id: channel,
    ...(options.comment ? { initial_comment: options.comment } : {}),
  });
  return { fileId: target.file_id, channel };
}
