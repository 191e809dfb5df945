import type { AllMiddlewareArgs, BlockButtonAction, BlockStaticSelectAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { LEVELS, type Level } from '../../../domain/ports';
import { prepCardMessage, reportOfLevelBlock, reportOfSituationBlock } from '../../ui/prep-card';
import { isChosenSituation } from '../../../domain/situations';
import { answerDomainError, parseButtonValue, respondPrivately, shownOnCard } from './one-on-one-common';
import { addToMyTeam } from './add-to-team';
import { oneOnOneNotice } from '../../ui/one-on-one-messages';
import { teamChangeText } from '../../ui/home-team-modal';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type SelectArgs = SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs;

/** "Prep" on a row of the team list: a prep card for that report, below the list. */
export function teamPrepAction(deps: ListenerDeps) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    try {
      await respondPrivately(respond, prepCardMessage(await deps.oneOnOnes.prep(body.user.id, action.value ?? '')));
    } catch (err) {
      await answerDomainError(respond, err);
    }
  };
}

/** "Other questions": the same card, new guidance, never the items it showed. Replaces the card. */
export function otherQuestionsAction(deps: ListenerDeps) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const value = parseButtonValue(action.value);
    if (!value) return;
    try {
      const chosen = isChosenSituation(value.s) ? value.s : undefined;
      await respondPrivately(respond, prepCardMessage(await deps.oneOnOnes.prep(body.user.id, value.r, { avoid: value.g, chosen })), true);
    } catch (err) {
      await answerDomainError(respond, err);
    }
  };
}

/** "Alice reports to me" on a card for someone with no manager on record: App Home's team add, then the card redrawn. */
export function claimReportAction(deps: ListenerDeps) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const value = parseButtonValue(action.value);
    if (!value) return;
    try {
      const result = await addToMyTeam(deps, body.user.id, value.r);
      const joined = result.added.some((p) => p.id === value.r);
      const asked = result.requested.find((q) => q.personId === value.r)?.askedIds;
      if (!joined && !asked) {
        await respondPrivately(respond, oneOnOneNotice(teamChangeText(result)));
        return;
      }
      const done = joined ? { joinedTeam: true } : { confirmationFrom: asked };
      await respondPrivately(respond, prepCardMessage(await deps.oneOnOnes.redraw(body.user.id, value.r, shownOnCard(value)), done), true);
    } catch (err) {
      await answerDomainError(respond, err);
    }
  };
}

/** The level menu on the card: saves the manager's own level and redraws the card for it. */
export function levelChangeAction(deps: ListenerDeps) {
  return async ({ ack, action, body, respond }: SelectArgs): Promise<void> => {
    await ack();
    const level = action.selected_option?.value as Level | undefined;
    const reportId = reportOfLevelBlock(action.block_id);
    if (!level || !LEVELS.includes(level) || !reportId) return;
    try {
      await deps.oneOnOnes.setLevel(body.user.id, level);
      await respondPrivately(respond, prepCardMessage(await deps.oneOnOnes.prep(body.user.id, reportId)), true);
    } catch (err) {
      await answerDomainError(respond, err);
    }
  };
}

/** "What's this 1:1 about?": guidance for the chosen situation, replacing the card it was chosen on. */
export function situationChangeAction(deps: ListenerDeps) {
  return async ({ ack, action, body, respond }: SelectArgs): Promise<void> => {
    await ack();
    const chosen = action.selected_option?.value;
    const reportId = reportOfSituationBlock(action.block_id);
    // Only our own menu's values: anything else (a forged or stale payload) changes nothing.
    if (!isChosenSituation(chosen) || !reportId) return;
    try {
      await respondPrivately(respond, prepCardMessage(await deps.oneOnOnes.prep(body.user.id, reportId, { chosen })), true);
    } catch (err) {
      await answerDomainError(respond, err);
    }
  };
}
