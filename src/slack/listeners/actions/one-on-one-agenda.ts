import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { logOf } from '../named';
import { agendaDm, oneOnOneNotice } from '../../ui/one-on-one-messages';
import { prepCardMessage } from '../../ui/prep-card';
import { answerDomainError, parseButtonValue, respondPrivately, shownOnCard } from './one-on-one-common';
import { sendDm, undelivered } from '../../dm';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** "Send agenda": DMs the report the card's questions and the open items (never notes), then tells the manager. */
export function sendAgendaAction(deps: ListenerDeps) {
  return async ({ ack, action, body, respond, context }: Args): Promise<void> => {
    await ack();
    const value = parseButtonValue(action.value);
    if (!value) return;
    const service = deps.oneOnOnes;
    const claim = await service.claimAgenda(body.user.id, value.r);
    if (!claim) {
      await respondPrivately(respond, oneOnOneNotice(`<@${value.r}> already has this agenda: it went out a moment ago.`));
      return;
    }
    let delivered = false;
    try {
      const agenda = await service.agenda(body.user.id, value.r, value.g);
      // Once per click: a retried delivery of this click carries the same action_ts and plans nothing new.
      const key = `${body.user.id}:${value.r}:${action.action_ts}`;
      const row = await sendDm(deps.outbox, { kind: 'one-on-one.agenda', userId: value.r, key, message: agendaDm(agenda), now: deps.clock.now() });
      if (undelivered(row)) {
        await service.agendaAbandoned(claim);
        logOf(context)?.warn({ reason: row?.reason }, 'agenda DM not delivered');
        await respondPrivately(respond, oneOnOneNotice(`I couldn't DM <@${value.r}> (${row?.reason ?? 'Slack did not answer'}). Share the questions with them yourself this time.`));
        return;
      }
      delivered = true;
      await service.agendaSent(claim, agenda.questions.length);
      // The card is redrawn with the agenda marked as sent (and no second Send button), not left as it was.
      const card = await service.redraw(body.user.id, value.r, shownOnCard(value));
      await respondPrivately(respond, prepCardMessage(card, { agendaSent: { questions: agenda.questions.length, openItems: agenda.openItems.length } }), true);
    } catch (err) {
      // Given back so the manager can retry, unless the DM went out; if giving back fails too, its minute runs out.
      if (!delivered) await service.agendaAbandoned(claim).catch(() => undefined);
      await answerDomainError(respond, err);
    }
  };
}
