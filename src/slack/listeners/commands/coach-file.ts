import type { ListenerDeps } from '../deps';
import { DomainError } from '../../../domain/errors';
import { sendFile, undelivered } from '../../dm';
import type { DmFile } from '../../outbox-transport';

/** Sends a file to the requester's DM through the outbox; a file that cannot be delivered is said in words. */
export async function sendFileOrRefuse(deps: Pick<ListenerDeps, 'outbox'>, o: { userId: string; key: string; now: number; file: DmFile }): Promise<void> {
  const row = await sendFile(deps.outbox, o);
  if (undelivered(row)) throw new DomainError('file_not_sent', `I could not put the file in your DM with Leadwell (${row?.reason ?? 'Slack did not answer'}); please try again in a minute.`);
}
