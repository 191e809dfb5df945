import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { logOf } from '../named';
import { agendaDm, oneOnOneNotice } from '../../ui/one-on-one-messages';
import { prepCardMessage } from '../../ui/prep-card';
import { answerDomainError, parseButtonValue, respondPrivately, sendDm, shownOnCard } from './one-on-one-common';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const PERMANENT = new Set(['user_not_found', 'account_inactive', 'cannot_dm_bot', 'user_disabled', 'channel_not_found']);

/** "Send agenda": DMs the report the card's questions and the open items (never notes), then tells the manager. */
export function sendAgendaAction(deps: ListenerDeps) {
  return async ({ ack, action, body, respond, client, context }: Args): Promise<void> => {
    await ack();
    const value = parseButtonValue(action.value);
    if (!value) return;
    const service = deps.oneOnOnes;
    if (!service.claimAgenda(body.user.id, value.r)) {
      await respondPrivately(respond, oneOnOneNotice(`<@${value.r}> already has this agenda: it went out a moment ago.`));
      return;
    }
    try {
      const agenda = service.agenda(body.user.id, value.r, value.g);
      await sendDm(client, value.r, agendaDm(agenda));
      service.agendaSent(body.user.id, value.r, agenda.questions.length);
      // The card is redrawn with the agenda marked as sent (and no second Send button), not left as it was.
      const card = service.redraw(body.user.id, value.r, shownOnCard(value));
      await respondPrivately(respond, prepCardMessage(card, { agendaSent: { questions: agenda.questions.length, openItems: agenda.openItems.length } }), true);
    } catch (err) {
      service.agendaAbandoned(body.user.id, value.r);
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code && PERMANENT.has(code)) {
        logOf(context)?.warn({ code }, 'agenda DM not delivered');
        await respondPrivately(respond, oneOnOneNotice(`I couldn't DM <@${value.r}> (Slack said \`${code}\`). Share the questions with them yourself this time.`));
        return;
      }
      await answerDomainError(respond, err);
    }
  };
}
