import crypto from 'node:crypto';
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { logOf } from '../named';
import { isDomainError } from '../../../domain/errors';
import type { LogResult } from '../../../domain/one-on-ones-service';
import { LOG_DATE_BLOCK } from '../../ui/one-on-one-log-modal';
import { logSavedView } from '../../ui/one-on-one-log-saved';
import { oneOnOneNotice, summaryDm } from '../../ui/one-on-one-messages';
import { postToResponseUrl, shownOnCard } from '../actions/one-on-one-common';
import { sendDm, undelivered } from '../../dm';
import { prepCardMessage } from '../../ui/prep-card';
import type { LogModalMeta } from '../../ui/one-on-one-log-modal';
import { publishHome } from '../actions/home-publish';
import { errorsToBlocks, parseLogMeta, readLogState } from './one-on-one-log-state';
import type { RequestLog } from '../../request-log';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** One opened modal is one 1:1: a double submit or a retried delivery carries the same view id. */
export function logIdempotencyKey(teamId: string, viewId: string): string {
  return `oneonone:${crypto.createHash('sha256').update(`${teamId}\u0000${viewId}`).digest('hex').slice(0, 32)}`;
}

async function tellManager(deps: ListenerDeps, result: LogResult, responseUrl: string | undefined, text: string): Promise<void> {
  const message = oneOnOneNotice(text);
  if (responseUrl) {
    await fetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...message }) });
    return;
  }
  await sendDm(deps.outbox, { kind: 'reply', userId: result.managerId, key: `one-on-one:${result.oneOnOneId}:summary-not-sent`, message, now: deps.clock.now() });
}

/** The summary goes through the outbox once per 1:1 (a retried submission plans nothing new). */
async function deliverSummary(deps: ListenerDeps, result: LogResult, responseUrl: string | undefined, log?: RequestLog): Promise<void> {
  const row = await sendDm(deps.outbox, { kind: 'one-on-one.summary', userId: result.reportId, key: String(result.oneOnOneId), message: summaryDm(result), now: deps.clock.now() });
  if (!undelivered(row)) {
    await deps.oneOnOnes.markSummarySent(result.oneOnOneId);
    return;
  }
  log?.warn({ reason: row?.reason }, '1:1 summary DM not delivered');
  await tellManager(deps, result, responseUrl, `Your 1:1 is saved, but I couldn't send the summary to <@${result.reportId}>. Share the action items with them yourself this time.`).catch(() => undefined);
}

/** A response_url lives 30 minutes; one issued longer ago than this is left alone. */
const RESPONSE_URL_SAFE_MS = 25 * 60 * 1000;

/** Opened from a prep card: that card is redrawn as logged (new cadence, ticked items gone), never left stale. */
async function redrawCard(deps: ListenerDeps, result: LogResult, meta: LogModalMeta, log?: RequestLog): Promise<void> {
  if (!meta.u || !meta.g || meta.t === undefined || deps.clock.now() - meta.t > RESPONSE_URL_SAFE_MS) return;
  try {
    const card = await deps.oneOnOnes.redraw(result.managerId, result.reportId, shownOnCard(meta));
    await postToResponseUrl(meta.u, prepCardMessage(card, { loggedOn: result.heldOn }), true);
  } catch (err) {
    log?.warn({ err: (err as Error).message }, 'prep card not redrawn after a 1:1 log');
  }
}

/** The log modal's submission: field errors in the modal, or one stored 1:1, a confirmation and the optional summary. */
export function logSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view, client, context }: Args): Promise<void> => {
    const meta = parseLogMeta(view.private_metadata);
    if (!meta) {
      await ack({ response_action: 'errors', errors: { [LOG_DATE_BLOCK]: 'This form could not be read. Please close it and run `/oneonone log @name` again.' } });
      return;
    }
    const input = readLogState(view.state.values, meta);
    const teamId = body.user.team_id ?? body.team?.id ?? '';
    let outcome;
    try {
      outcome = (await deps.oneOnOnes.submitLog(body.user.id, input, logIdempotencyKey(teamId, view.id)));
    } catch (err) {
      const message = isDomainError(err) ? err.userMessage : 'Something went wrong on our side and nothing was saved. Please try again.';
      await ack({ response_action: 'errors', errors: { [LOG_DATE_BLOCK]: message } });
      if (!isDomainError(err)) throw err;
      return;
    }
    if (!outcome.ok) {
      await ack({ response_action: 'errors', errors: errorsToBlocks(outcome.errors) });
      return;
    }
    const result = outcome.result;
    await ack({ response_action: 'update', view: logSavedView(result) });
    if (result.created && result.sendSummary) await deliverSummary(deps, result, meta.u, logOf(context));
    // A first 1:1 with someone who has no manager on record asks them to confirm; it never sets the line by itself.
    if (result.created && result.relationship === 'unconfirmed') {
      await deps.reportingLines
        .requestReportingLine({ requesterId: result.managerId, personId: result.reportId, managerId: result.managerId, via: 'oneonone' })
        .catch((err: unknown) => logOf(context)?.warn({ err }, 'reporting line not requested after a 1:1 log'));
    }
    if (result.created) await redrawCard(deps, result, meta, logOf(context));
    // The manager's Home tab shows cadence and open items: bring it up to date now, not at the next open.
    if (result.created) {
      await publishHome(deps, client, result.managerId).catch((err: unknown) => logOf(context)?.warn({ err }, 'home not refreshed after a 1:1 log'));
    }
  };
}
