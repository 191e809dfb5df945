import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import type { KnownBlock } from '@slack/types';
import { parseNudgeValue, replaceBlock } from '../../ui/nudge-message';
import { addTeamBlockId } from '../../ui/nudge-onboarding';
import { nudgeDoneContext } from '../../ui/nudge-replies';
import { teamChangeText } from '../../ui/home-team-modal';
import { oneOnOneNotice } from '../../ui/one-on-one-messages';
import { addToMyTeam } from './add-to-team';
import { publishHome } from './home-publish';
import { logOf } from '../named';
import { prepCardMessage } from '../../ui/prep-card';
import { openKudosModal } from '../views/kudos-open';
import { answerDomainError, respondPrivately } from './one-on-one-common';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** **Prep 1:1** on a nudge: the 1:1 feature's prep card, below the nudge, private to the manager. */
export function nudgePrepAction(deps: ListenerDeps) {
  return async ({ ack, action, body, respond }: Args): Promise<void> => {
    await ack();
    const value = parseNudgeValue(action.value);
    if (!value?.r) return;
    await deps.nudges.recordAction(body.user.id, value.n, 'prep', { reportId: value.r });
    try {
      await respondPrivately(respond, prepCardMessage(await deps.oneOnOnes.prep(body.user.id, value.r)));
    } catch (err) {
      await answerDomainError(respond, err);
    }
  };
}

/**
 * **Add to my team** on the onboarding nudge: App Home's team add (same rules), then that person's row in the DM
 * becomes the outcome, so the nudge never offers a click that is already done.
 */
export function nudgeAddTeamAction(deps: ListenerDeps) {
  return async ({ ack, action, body, respond, client, context }: Args): Promise<void> => {
    await ack();
    const value = parseNudgeValue(action.value);
    if (!value?.r) return;
    try {
      const result = await addToMyTeam(deps, body.user.id, value.r);
      await deps.nudges.recordAction(body.user.id, value.n, 'team', { reportId: value.r, added: result.added.length });
      const outcome = teamChangeText(result);
      const blocks = (body.message?.blocks ?? []) as KnownBlock[];
      const row = addTeamBlockId(value.r);
      if (blocks.some((b) => 'block_id' in b && b.block_id === row)) {
        await respond({ replace_original: true, text: body.message?.text ?? outcome, blocks: replaceBlock(blocks, row, [{ ...nudgeDoneContext(outcome), block_id: row } as KnownBlock]) });
      } else {
        await respondPrivately(respond, oneOnOneNotice(outcome));
      }
      await publishHome(deps, client, body.user.id).catch((err: unknown) => logOf(context)?.warn({ err }, 'home not refreshed after a team add'));
    } catch (err) {
      await answerDomainError(respond, err);
    }
  };
}

/** **Give kudos** on a nudge: the kudos modal with the report already picked (trigger ids live 3 s: open first). */
export function nudgeKudosAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client }: Args): Promise<void> => {
    await ack();
    const value = parseNudgeValue(action.value);
    if (!value?.r) return;
    await openKudosModal(deps, client, body.trigger_id, { giverId: body.user.id, recipientIds: [value.r] });
    await deps.nudges.recordAction(body.user.id, value.n, 'kudos', { reportId: value.r });
  };
}
