import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { parseCommandText, splitSubcommand } from '../../command-text';
import { displayName } from '../../../domain/people';
import { isEmptyTarget, type TargetText } from '../../../domain/one-on-ones-target';
import { prepCardMessage } from '../../ui/prep-card';
import { teamListMessage } from '../../ui/one-on-one-team';
import { historyMessage } from '../../ui/one-on-one-history';
import { oneOnOneHelpMessage } from '../../ui/one-on-one-help';
import { oneOnOneNotice } from '../../ui/one-on-one-messages';
import { answerDomainError, openLogModal, respondPrivately, yieldToAcks } from '../actions/one-on-one-common';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

const SUBCOMMANDS = new Set(['log', 'history', 'help', 'prep']);

function targetOf(text: string): TargetText {
  const parsed = parseCommandText(text);
  return { userIds: parsed.userIds, names: parsed.names, rest: parsed.rest, raw: text };
}

/**
 * `/oneonone [@person | log @person | history @person | help]`. Acks at once with nothing (Slack's
 * 3 s budget), then answers privately through the response_url.
 */
export function oneOnOneCommand(deps: ListenerDeps) {
  const service = deps.oneOnOnes;
  return async ({ ack, command, respond, client }: Args): Promise<void> => {
    const [first, rest] = splitSubcommand(command.text ?? '');
    const sub = SUBCOMMANDS.has(first) ? first : '';
    // Help needs no look-up: answer in the ack itself, no response_url round trip.
    if (sub === 'help') return ack({ response_type: 'ephemeral', ...oneOnOneHelpMessage() });
    await ack();
    const target = targetOf(sub ? rest : (command.text ?? '').trim());
    const managerId = command.user_id;
    try {
      await service.manager(managerId);
      if (isEmptyTarget(target)) {
        if (sub === 'log' || sub === 'history') {
          return await respondPrivately(respond, oneOnOneNotice(`Who with? Try \`/oneonone ${sub} @alice\`.`));
        }
        return await respondPrivately(respond, teamListMessage(service.team(managerId)));
      }
      const report = await service.resolvePartner(managerId, command.team_id, target);
      if (sub === 'log') {
        // No yield here: the trigger id expires 3 s after the click.
        await openLogModal({ service, client, triggerId: command.trigger_id, managerId, reportId: report.id, responseUrl: command.response_url });
        return;
      }
      if (sub === 'history') {
        const entries = service.history(managerId, report.id);
        return await respondPrivately(respond, historyMessage({ viewerId: managerId, reportId: report.id, reportName: displayName(report), entries }));
      }
      await yieldToAcks();
      await respondPrivately(respond, prepCardMessage(service.prep(managerId, report.id)));
    } catch (err) {
      await answerDomainError(respond, err);
    }
  };
}
