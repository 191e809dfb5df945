import type { AllMiddlewareArgs, BlockStaticSelectAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { isDomainError } from '../../../domain/errors';
import { departuresMessage, parseDepartureMark } from '../../ui/departures-message';
import { reportNotice } from '../../ui/report-message';

type Args = SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs;

/** An admin marks a departure regretted / not regretted / not marked; the private list is redrawn in place. */
export function departureMarkAction(deps: ListenerDeps) {
  return async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    const mark = parseDepartureMark(action.selected_option?.value);
    const leadership = deps.leadership;
    if (!mark || !leadership) return;
    try {
      await leadership.departures.mark(body.user.id, mark.id, mark.regretted);
      await respond({ response_type: 'ephemeral', replace_original: true, ...departuresMessage(await leadership.departures.list(body.user.id)) });
    } catch (err) {
      if (!isDomainError(err)) throw err;
      await respond({ response_type: 'ephemeral', replace_original: false, ...reportNotice(err.userMessage) });
    }
  };
}
