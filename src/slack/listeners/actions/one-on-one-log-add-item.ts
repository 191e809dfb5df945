import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { displayName } from '../../../domain/people';
import { MAX_ITEMS } from '../../../domain/one-on-ones-log';
import { logModal } from '../../ui/one-on-one-log-modal';
import { parseLogMeta, readLogState } from '../views/one-on-one-log-state';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** "Add another item": the same modal with one more row, keeping everything typed so far. */
export function logAddItemAction(deps: ListenerDeps) {
  return async ({ ack, body, client }: Args): Promise<void> => {
    await ack();
    const view = body.view;
    const meta = parseLogMeta(view?.private_metadata);
    if (!view || !meta || meta.n >= MAX_ITEMS) return;
    // Notes are not echoed back: Slack keeps what was typed in inputs whose block_id and action_id
    // are unchanged, and note text must not travel (or be logged) in an outgoing API call.
    const { notes: _notes, ...draft } = readLogState(view.state?.values, meta);
    const ctx = await deps.oneOnOnes.logContext(body.user.id, meta.r);
    const next = logModal({
      meta: { ...meta, n: meta.n + 1 },
      managerId: body.user.id,
      reportName: displayName(ctx.report),
      today: ctx.today,
      openItems: ctx.openItems,
      draft,
    });
    // The hash makes Slack refuse the update if the modal changed meanwhile (a double click adds one row).
    await client.views.update({ view_id: view.id, hash: view.hash, view: next });
  };
}
