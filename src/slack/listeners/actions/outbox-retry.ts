import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { isDomainError } from '../../../domain/errors';
import { publishHome } from './home-publish';
import { homeNoticeModal } from '../../ui/home-notice';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** "Retry" on a failed message (App Home or /coach status): admins only; the outbox sends it at its next run. */
export function outboxRetryAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client, respond }: Args): Promise<void> => {
    await ack();
    const id = Number(action.value);
    let text: string;
    try {
      text = Number.isInteger(id) && (await deps.outbox.retry(body.user.id, id)) ? 'It will be sent again within a minute.' : 'That message is not waiting for a retry any more.';
    } catch (err) {
      if (!isDomainError(err)) throw err;
      text = err.userMessage;
    }
    if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text });
    else if (body.view?.type === 'home') {
      await client.views.open({ trigger_id: body.trigger_id, view: homeNoticeModal('Retry', text) });
      await publishHome(deps, client, body.user.id);
    }
  };
}
