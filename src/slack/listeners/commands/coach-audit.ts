import { stringify } from 'csv-stringify/sync';
import type { CoachSubcommand } from './coach-types';
import { neutraliseCsvCell } from '../../../domain/csv-cell';
import { DomainError } from '../../../domain/errors';
import { AUDIT_CSV_COLUMNS, auditCsvRecords, auditPageMessage } from '../../ui/audit-message';
import { reportNotice } from '../../ui/report-message';
import { sendFileOrRefuse } from './coach-file';

/** `/coach audit [page]` (admins): the audit trail, newest first; `/coach audit export`: all of it as a CSV in a DM. */
export const coachAudit: CoachSubcommand = async ({ deps, command, args, respond }) => {
  const me = command.user_id;
  const word = args.trim().toLowerCase();
  if (word === 'export' || word === 'csv') {
    const entries = await deps.audit.exportAll(me);
    const day = new Date(deps.clock.now()).toISOString().slice(0, 10);
    await sendFileOrRefuse(deps, { userId: me, key: `audit:${command.trigger_id}`, now: deps.clock.now(), file: {
      // Like every CSV Leadwell writes: no text cell may start a formula (an id from the command line or a restored backup).
      content: stringify([[...AUDIT_CSV_COLUMNS], ...auditCsvRecords(entries)], { cast: { string: neutraliseCsvCell } }),
      contentType: 'text/csv',
      filename: `leadwell-audit-${day}.csv`,
      title: `Leadwell audit trail ${day}`,
      comment: `Leadwell audit trail to ${day}: ${entries.length} entries, newest first. Who did what, when and on whom; never note text.`,
    } });
    await respond({ response_type: 'ephemeral', ...reportNotice(':inbox_tray: The audit trail CSV is in your DM with Leadwell.') });
    return;
  }
  const page = word === '' ? 1 : Number(word.replace(/^page\s+/, ''));
  if (!Number.isInteger(page) || page < 1 || page > 100_000) {
    throw new DomainError('audit_usage', '`/coach audit` shows the newest entries, `/coach audit 2` the page before, `/coach audit export` sends the CSV.');
  }
  await respond({ response_type: 'ephemeral', ...auditPageMessage(await deps.audit.page(me, page)) });
};
