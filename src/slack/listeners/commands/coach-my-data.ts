import type { CoachSubcommand } from './coach-types';
import { DomainError } from '../../../domain/errors';
import { reportNotice } from '../../ui/report-message';
import { sendFileOrRefuse } from './coach-file';

/**
 * `/coach my data`: everything Leadwell holds about the person that they are entitled to see, as a JSON file
 * in their DM with the app. Never another person's private notes (domain/privacy/person-export.ts). Audited.
 */
export const coachMyData: CoachSubcommand = async ({ deps, command, args, respond }) => {
  if (args.trim().toLowerCase() !== 'data') throw new DomainError('my_usage', 'Did you mean `/coach my data`? It sends you a file of everything Leadwell holds about you.');
  const me = command.user_id;
  await deps.people.ensure(me);
  const content = JSON.stringify(await deps.privacy.exportPerson(me, 'self', me), null, 2);
  const day = new Date(deps.clock.now()).toISOString().slice(0, 10);
  await sendFileOrRefuse(deps, { userId: me, key: `my-data:${command.trigger_id}`, now: deps.clock.now(), file: {
        content,
    contentType: 'application/json',
    filename: `leadwell-my-data-${day}.json`,
    title: `Your Leadwell data ${day}`,
    comment: 'Everything Leadwell holds about you that is yours to see: goals, plan, kudos, 1:1 dates and shared summaries, the notes you wrote, your settings. Notes others wrote stay with them.',
  } });
  await respond({ response_type: 'ephemeral', ...reportNotice(':inbox_tray: Your data is in your DM with Leadwell.') });
};
