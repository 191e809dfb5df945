import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { logOf } from '../named';
import { splitSubcommand } from '../../command-text';
import { parseKudosText, type KudosCommandText } from '../../kudos-command-text';
import { plainFromSlack } from '../../../domain/kudos';
import { isDomainError } from '../../../domain/errors';
import { kudosConfirmation, kudosHelp, kudosNotice, kudosStatsMessage } from '../../ui/kudos-replies';
import { valuesInActionMessage } from '../../ui/kudos-summary';
import { kudosChannelLabel } from '../../ui/kudos-post';
import { openKudosModal } from '../views/kudos-open';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type Reply = { text: string; blocks: unknown[] };

const DELIVER_BUDGET_MS = 5000;

const private_ = (respond: RespondFn, message: Reply) => respond({ response_type: 'ephemeral', ...(message as { text: string }) });

/** Plain `@names` to user ids; a name that matches nobody or several people is reported, not guessed. */
async function resolveNames(deps: ListenerDeps, names: readonly string[]): Promise<{ ids: string[]; problems: string[] }> {
  const ids: string[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const found = await deps.people.findByName(name);
    if (found.length === 1 && found[0]) ids.push(found[0].id);
    else if (found.length === 0) problems.push(`I don't know anyone called @${name}; type @ and pick them from Slack's list.`);
    else problems.push(`Several people are called @${name}; type @ and pick the one you mean from Slack's list.`);
  }
  return { ids, problems };
}

async function summaryCommand(deps: ListenerDeps, userId: string, arg: string): Promise<Reply> {
  const word = arg.trim().toLowerCase();
  if (word === 'on' || word === 'off') {
    await deps.kudosInsights.setSummaryEnabled(userId, word === 'on');
    return kudosNotice(
      word === 'on'
        ? 'The monthly "values in action" summary is on: on the first of each month it shows which values were recognised and how widely, never who got the most.'
        : 'The monthly "values in action" summary is off.',
    );
  }
  if (!deps.settings.adminUserIds.includes(userId)) {
    return kudosNotice('Only a Leadwell admin can see or switch the monthly values summary (`/kudos summary on|off`).');
  }
  const state = (await deps.kudosInsights.summaryEnabled()) ? 'on' : 'off';
  const preview = valuesInActionMessage(await deps.kudosInsights.summaryFor(deps.clock.now()));
  return { text: preview.text, blocks: [...kudosNotice(`The monthly summary is *${state}*. This month so far:`).blocks, ...preview.blocks] };
}

/** `/kudos`: help, stats, the admin summary switch, or giving kudos (straight away when complete, else the modal). */
export function kudosCommand(deps: ListenerDeps) {
  return async ({ ack, command, respond, client, context }: Args): Promise<void> => {
    await ack();
    const [sub, rest] = splitSubcommand(command.text);
    const help = kudosHelp({ companyValues: deps.settings.companyValues, dailyCap: deps.settings.kudosDailyCap, channelLabel: kudosChannelLabel(deps.settings.kudosChannel), isAdmin: deps.settings.adminUserIds.includes(command.user_id) });
    try {
      if (sub === 'help' && !rest) return void (await private_(respond, help));
      if (sub === 'stats' && !rest) return void (await private_(respond, kudosStatsMessage(await deps.kudosInsights.stats(command.user_id))));
      if (sub === 'summary' && !/[<@#]/.test(rest)) return void (await private_(respond, await summaryCommand(deps, command.user_id, rest)));
      if (sub === '') {
        await openKudosModal(deps, client, command.trigger_id, { giverId: command.user_id });
        return;
      }
      await giveFromText(deps, { ...command, parsed: parseKudosText(command.text, deps.settings.companyValues) }, respond, client);
    } catch (err) {
      if (!isDomainError(err)) throw err;
      logOf(context)?.info({ code: err.code }, 'kudos refused');
      await private_(respond, kudosNotice(err.userMessage));
    }
  };
}

async function giveFromText(
  deps: ListenerDeps,
  command: Args['command'] & { parsed: KudosCommandText },
  respond: RespondFn,
  client: Args['client'],
): Promise<void> {
  const { parsed } = command;
  const named = await resolveNames(deps, parsed.names);
  if (named.problems.length > 0) return void (await private_(respond, kudosNotice(named.problems.join(' '))));
  const recipientIds = [...new Set([...parsed.recipientIds, ...named.ids])];
  if (recipientIds.length === 0 || !parsed.value || !parsed.message) {
    const notice =
      parsed.unknownTags.length > 0 && !parsed.value
        ? `#${parsed.unknownTags.join(', #')} is not one of the company values; pick one below.`
        : undefined;
    await openKudosModal(deps, client, command.trigger_id, { giverId: command.user_id, recipientIds, value: parsed.value, message: plainFromSlack(parsed.message), notice });
    return;
  }
  const result = await deps.kudos.give({
    giverId: command.user_id,
    teamId: command.team_id,
    recipientIds,
    value: parsed.value,
    message: parsed.message,
    messageIsEscaped: true,
    postInChannel: true,
  });
  const { kudos } = result;
  if (result.status === 'duplicate') {
    return void (await private_(respond, kudosConfirmation({ recipientIds: kudos.recipientIds, value: kudos.value, duplicate: true, unreachable: [] })));
  }
  // The command was acked already: its reply (response_url) may wait a few seconds for the messages to go out.
  const rows = await deps.outbox.deliverNow({ group: deps.kudos.group(kudos) }, DELIVER_BUDGET_MS);
  const outcome = await deps.kudos.outcome(kudos, rows);
  // Slack's Web API is failing: the reply says so, and a DM confirms once the messages are out.
  if (outcome.pending) await deps.kudos.confirmLater(kudos);
  await private_(respond, kudosConfirmation({ ...outcome, channelLabel: kudosChannelLabel(deps.settings.kudosChannel) }));
}
