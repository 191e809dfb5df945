import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { isDomainError } from '../../../domain/errors';
import { neutraliseMentions, splitSubcommand } from '../../command-text';
import { coachHelp } from '../../ui/coach-help';
import { coachNotice } from '../../ui/settings-messages';
import { coachLevel } from './coach-level';
import { coachSettings } from './coach-settings';
import { coachNudges } from './coach-nudges';
import { coachTip } from './coach-tip';
import { coachReport } from './coach-report';
import { coachGoals } from './coach-goals';
import { coachDepartures } from './coach-departures';
import { coachAudit } from './coach-audit';
import { coachMyData } from './coach-my-data';
import type { CoachSubcommand } from './coach-types';

export type { CoachContext, CoachSubcommand } from './coach-types';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

const help: CoachSubcommand = async ({ deps, command, respond }) => {
  await respond({ response_type: 'ephemeral', ...coachHelp({ isAdmin: deps.levels.isAdmin(command.user_id) }) });
};

/**
 * The `/coach` subcommands. To add one (`tip`, `nudges`, `report`…): write `commands/coach-<name>.ts`
 * exporting a CoachSubcommand, import it above and add one line here; add its help line in ui/coach-help.ts.
 */
export const COACH_SUBCOMMANDS: Record<string, CoachSubcommand> = {
  help,
  level: coachLevel,
  settings: coachSettings,
  nudges: coachNudges,
  tip: coachTip,
  nudge: coachNudges,
  report: coachReport,
  goals: coachGoals,
  departures: coachDepartures,
  audit: coachAudit,
  my: coachMyData,
};

export function coachCommand(deps: ListenerDeps, subcommands: Record<string, CoachSubcommand> = COACH_SUBCOMMANDS) {
  return async ({ ack, command, respond, client }: Args): Promise<void> => {
    await ack();
    // Nothing under /coach needs a broadcast mention, and several answers echo what was typed: neutralise once here.
    const [word, args] = splitSubcommand(neutraliseMentions(command.text ?? ''));
    const run = word === '' ? subcommands.help : subcommands[word];
    if (!run) {
      const known = Object.keys(subcommands).map((k) => `\`${k}\``).join(', ');
      const unknown = coachNotice(`I don't know \`/coach ${word.slice(0, 40)}\`. Try one of ${known}, or just \`/coach\` for every command.`);
      const list = coachHelp({ isAdmin: deps.levels.isAdmin(command.user_id) });
      await respond({ response_type: 'ephemeral', text: unknown.text, blocks: [...unknown.blocks, ...list.blocks] });
      return;
    }
    try {
      await run({ deps, client, command, args, respond });
    } catch (err) {
      if (!isDomainError(err)) throw err;
      await respond({ response_type: 'ephemeral', ...coachNotice(err.userMessage) });
    }
  };
}
