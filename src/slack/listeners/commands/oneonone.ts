import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { parseCommandText, splitSubcommand } from '../../command-text';
import { displayName } from '../../../domain/people';
import { knownPeople, type KnownPeople } from '../../../domain/people-service';
import { isEmptyTarget, type TargetText } from '../../../domain/one-on-ones-target';
import { prepCardMessage } from '../../ui/prep-card';
import { teamListMessage } from '../../ui/one-on-one-team';
import { historyMessage } from '../../ui/one-on-one-history';
import { oneOnOneHelpMessage } from '../../ui/one-on-one-help';
import { oneOnOneNotice } from '../../ui/one-on-one-messages';
import { answerDomainError, openLogModal, respondPrivately, yieldToAcks } from '../actions/one-on-one-common';
import { situationHint } from '../../ui/situation-labels';
import { isDomainError } from '../../../domain/errors';
import type { OneOnOneService } from '../../../domain/one-on-ones-service';
import { splitPrepTarget, type PrepTarget } from './oneonone-situation';

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
      // The person named by mention is read with the manager: one statement for both rows.
      const { manager, known } = await service.manager(managerId, target.userIds.length === 1 ? target.userIds[0] : undefined);
      if (isEmptyTarget(target)) {
        if (sub === 'log' || sub === 'history') {
          return await respondPrivately(respond, oneOnOneNotice(`Who with? Try \`/oneonone ${sub} @alice\`.`));
        }
        return await respondPrivately(respond, teamListMessage(await service.team(managerId)));
      }
      const prep = sub === '' ? splitPrepTarget(target) : { target };
      const report = await resolveWithSituation(service, managerId, command.team_id, prep, known);
      if (sub === 'log') {
        // No yield here: the trigger id expires 3 s after the click.
        await openLogModal({ service, client, triggerId: command.trigger_id, managerId, reportId: report.id, responseUrl: command.response_url });
        return;
      }
      if (sub === 'history') {
        const entries = await service.history(managerId, report.id);
        return await respondPrivately(respond, historyMessage({ viewerId: managerId, reportId: report.id, reportName: displayName(report), entries }));
      }
      if (prep.unknown !== undefined) return await respondPrivately(respond, situationHint(prep.unknown, report.id));
      await yieldToAcks();
      // Both rows were read (and refreshed from Slack when stale) by this request just now: handed down, not read again.
      await respondPrivately(respond, prepCardMessage(await service.prep(managerId, report.id, { chosen: prep.situation }, knownPeople(manager, report))));
    } catch (err) {
      await answerDomainError(respond, err);
    }
  };
}

/** "alice resigned" names alice; but a person may be called "Sam Stay": the whole text is tried when the split finds nobody. */
async function resolveWithSituation(service: OneOnOneService, managerId: string, teamId: string, prep: PrepTarget, known: KnownPeople) {
  try {
    return await service.resolvePartner(managerId, teamId, prep.target, known);
  } catch (err) {
    if (!prep.whole || !isDomainError(err)) throw err;
    const person = await service.resolvePartner(managerId, teamId, prep.whole, known);
    prep.situation = undefined;
    return person;
  }
}
