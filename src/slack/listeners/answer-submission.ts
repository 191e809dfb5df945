import type { AckFn, ViewResponseAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { ACK_BUDGET_MS } from './answer';

/** How a modal submission is answered once its checks (which may call Slack) are done. */
export type SubmissionAnswer =
  | { action: 'close' }
  | { action: 'update'; view: ModalView }
  /** Field errors; `lateView` is what the modal shows instead when the answer comes after the ack. */
  | { action: 'errors'; errors: Record<string, string>; lateView: ModalView };

export interface LateViews {
  /** Shown at once when the checks outlast the budget ("Checking…"). */
  pending: ModalView;
  /** Replaces "close" when the answer comes late: the modal cannot be closed through the API. */
  done: ModalView;
}

/**
 * Slack gives a modal submission 3 s, and the checks behind it may wait on users.info. The work starts at
 * once; if it answers within the budget, the answer goes in the ack (field errors stay on their fields);
 * otherwise the ack goes out first, turning the modal into `pending`, and the answer follows with
 * views.update. A slow Slack can never make a submission miss its deadline.
 */
export async function answerSubmission(
  io: { ack: AckFn<ViewResponseAction>; client: WebClient; viewId: string },
  work: () => Promise<SubmissionAnswer>,
  late: LateViews,
  budgetMs = ACK_BUDGET_MS,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const settled = work().then(
    (answer) => ({ ok: true as const, answer }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const first = await Promise.race([settled, new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), budgetMs)))]);
  clearTimeout(timer);
  if (first !== 'late') {
    if (!first.ok) throw first.error; // the error handler acks and answers with a reference id
    const a = first.answer;
    if (a.action === 'close') await io.ack();
    else if (a.action === 'update') await io.ack({ response_action: 'update', view: a.view });
    else await io.ack({ response_action: 'errors', errors: a.errors });
    return;
  }
  await io.ack({ response_action: 'update', view: late.pending });
  const result = await settled;
  if (!result.ok) throw result.error;
  const a = result.answer;
  const view = a.action === 'close' ? late.done : a.action === 'update' ? a.view : a.lateView;
  await io.client.views.update({ view_id: io.viewId, view });
}
