import type { CoachSubcommand } from './coach-types';
import { DomainError } from '../../../domain/errors';
import { parseCommandText } from '../../command-text';
import { orgReportMessage, reportNotice, teamReportMessage } from '../../ui/report-message';
import { reportCsv } from '../../report-export';
import { sendFileOrRefuse } from './coach-file';
import { count } from '../../ui/words';

const USAGE = '`/coach report` (your team), `/coach report @manager` (someone in your part of the org), `/coach report team`, `/coach report org` (admins), `/coach report export` (CSV to your DM).';

async function targetOf(deps: Parameters<CoachSubcommand>[0]['deps'], args: string): Promise<string | undefined> {
  const parsed = parseCommandText(args);
  if (parsed.userIds.length + parsed.names.length > 1) throw new DomainError('report_many', 'One manager at a time: `/coach report @manager`.');
  if (parsed.userIds[0]) return parsed.userIds[0];
  if (parsed.names[0]) {
    const found = await deps.people.findByName(parsed.names[0]);
    if (found.length === 1) return found[0]!.id;
    throw new DomainError('report_who', found.length === 0 ? `I don't know @${parsed.names[0].slice(0, 40)}.` : `Several people match @${parsed.names[0].slice(0, 40)}: mention them with @.`);
  }
  return undefined;
}

/** `/coach report [team|org|export|@manager|pulse …]`: reports scoped by who asks (see domain/report-service.ts). */
export const coachReport: CoachSubcommand = async (ctx) => {
  const { deps, command, args, respond } = ctx;
  const me = command.user_id;
  const word = args.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (word === 'pulse') return coachReportPulse(ctx);
  if (word === 'export' || word === 'csv') {
    const rows = await deps.reports.exportRows(me);
    await deps.audit.record('report.exported', me, undefined, { managers: rows.managers.length });
    const csv = reportCsv(rows.managers);
    const day = new Date(deps.clock.now()).toISOString().slice(0, 10);
    await sendFileOrRefuse(deps, { userId: me, key: `report:${command.trigger_id}`, now: deps.clock.now(), file: {
      content: csv, contentType: 'text/csv',
      filename: `leadwell-report-${day}.csv`,
      title: `Leadwell report ${day}`,
      comment: `Leadwell report, last 12 weeks to ${day}: ${count(rows.managers.length, 'manager')}. Aggregates only; pulse figures only where enough people answered.`,
    } });
    await respond({ response_type: 'ephemeral', ...reportNotice(':inbox_tray: The CSV is in your DM with Leadwell.') });
    return;
  }
  if (word === 'org' || (word === '' && deps.reports.isAdmin(me))) {
    const report = await deps.reports.org(me);
    await deps.audit.record('report.viewed', me, undefined, { scope: 'org' });
    await respond({ response_type: 'ephemeral', ...orgReportMessage(report) });
    return;
  }
  if (word !== '' && word !== 'team' && !/^<@|^@/.test(word)) throw new DomainError('report_usage', `I don't know \`/coach report ${word.slice(0, 30)}\`. ${USAGE}`);
  const target = word === 'team' || word === '' ? undefined : await targetOf(deps, args);
  const report = await deps.reports.team(me, target ?? me);
  await deps.audit.record('report.viewed', me, target ?? me, { scope: 'team' });
  await respond({ response_type: 'ephemeral', ...teamReportMessage(report) });
};

/** `/coach report pulse [every 1|2|3|6|12|off|on]`: admins choose how often the pulse goes out. */
const coachReportPulse: CoachSubcommand = async ({ deps, command, args, respond }) => {
  const words = args.trim().toLowerCase().split(/\s+/).slice(1);
  const show = (every: number) =>
    every === 0 ? 'The monthly pulse is *off*.' : `The pulse goes out every ${every === 1 ? 'month' : `${every} months`}; results need at least ${deps.pulse.minResponses} answers.`;
  if (words.length === 0) {
    await respond({ response_type: 'ephemeral', ...reportNotice(show(await deps.pulse.everyMonths())) });
    return;
  }
  if (!deps.levels.isAdmin(command.user_id)) throw new DomainError('not_admin', 'Only a Leadwell admin can change how often the pulse goes out.');
  const value = words[0] === 'off' ? 0 : words[0] === 'on' ? 1 : Number(words[words[0] === 'every' ? 1 : 0]);
  await deps.pulse.setEveryMonths(value);
  await deps.audit.record('settings.changed', command.user_id, undefined, { setting: 'pulse.every_months', to: await deps.pulse.everyMonths() });
  await respond({ response_type: 'ephemeral', ...reportNotice(`Done. ${show(await deps.pulse.everyMonths())}`) });
};
