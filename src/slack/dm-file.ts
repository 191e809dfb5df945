import type { WebClient } from '@slack/web-api';

export interface DmFile {
  client: WebClient;
  userId: string;
  content: string;
  contentType: string;
  filename: string;
  title: string;
  comment?: string;
}

/**
 * Uploads a file to the person's DM with the app: files.getUploadURLExternal, the bytes to the upload URL,
 * then files.completeUploadExternal with the DM's channel id (from conversations.open). The one upload path
 * for the report CSV, the audit CSV and a person's own data.
 */
export async function uploadFileToDm(options: DmFile): Promise<{ fileId: string; channel: string }> {
  const { client } = options;
  const bytes = Buffer.from(options.content, 'utf8');
  const dm = await client.conversations.open({ users: options.userId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error('file upload: no DM channel');
  const target = await client.files.getUploadURLExternal({ filename: options.filename, length: bytes.length });
  if (!target.upload_url || !target.file_id) throw new Error('file upload: Slack gave no upload URL');
  const res = await fetch(target.upload_url, { method: 'POST', body: bytes, headers: { 'content-type': options.contentType } });
  if (!res.ok) throw new Error(`file upload: HTTP ${res.status}`);
  await client.files.completeUploadExternal({
    files: [{ id: target.file_id, title: options.title }],
    channel_id: channel,
    ...(options.comment ? { initial_comment: options.comment } : {}),
  });
  return { fileId: target.file_id, channel };
}
