import type { KnownBlock } from '@slack/types';
import type { OutboxRow } from '../domain/ports';
import type { OutboxService } from '../domain/outbox/outbox-service';
import type { PrerenderedKind } from './outbox-renderers';
import { FILE_KIND, type DmFile } from './outbox-transport';

export interface DmMessage {
  text: string;
  blocks?: KnownBlock[];
}

/** A request waits this long for its DM; what is not out by then goes when Slack answers. */
export const DM_BUDGET_MS = 2000;

/**
 * A private message from the app to one person, drawn by a ui/ function and sent by the outbox, at most once
 * per `key` (a retried or replayed request plans nothing new). Resolves with the outbox row as it stands once
 * sent, or after `budgetMs`: `failed` means it will not arrive (the person left, the app cannot DM them).
 */
export async function sendDm(
  outbox: Pick<OutboxService, 'plan' | 'deliverNow'>,
  o: { kind: PrerenderedKind; userId: string; key: string; message: DmMessage; now: number; budgetMs?: number },
): Promise<OutboxRow | undefined> {
  const dedupeKey = `${o.kind}:${o.key}`;
  await outbox.plan([{ kind: o.kind, recipient: o.userId, dedupeKey, dueAt: o.now, payload: { text: o.message.text, ...(o.message.blocks ? { blocks: o.message.blocks } : {}) } }]);
  const [row] = await outbox.deliverNow({ keys: [dedupeKey] }, o.budgetMs ?? DM_BUDGET_MS);
  return row;
}

export const undelivered = (row: OutboxRow | undefined) => row === undefined || row.status === 'failed' || row.status === 'skipped';

/** A file for the person's DM with the app, sent once per `key` through the outbox; its content is dropped once tried. */
export async function sendFile(
  outbox: Pick<OutboxService, 'plan' | 'deliverNow'>,
  o: { userId: string; key: string; file: DmFile; now: number; budgetMs?: number },
): Promise<OutboxRow | undefined> {
  const dedupeKey = `${FILE_KIND}:${o.key}`;
  await outbox.plan([{ kind: FILE_KIND, recipient: o.userId, dedupeKey, dueAt: o.now, payload: { ...o.file } }]);
  const [row] = await outbox.deliverNow({ keys: [dedupeKey] }, o.budgetMs ?? DM_BUDGET_MS * 3);
  return row;
}
