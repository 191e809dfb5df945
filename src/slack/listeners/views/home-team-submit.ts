import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { ListenerDeps } from '../deps';
import type { TeamChangeResult } from '../../../domain/org-service';
import { publishHome } from '../actions/home-publish';
import { readHomeMetadata, TEAM_ADD_BLOCK, TEAM_REMOVE_BLOCK, TEAM_USERS_ACTION } from '../../ui/home-ids';
import { teamChangeText } from '../../ui/home-team-modal';
import { homeNoticeModal } from '../../ui/home-notice';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const users = z.object({ [TEAM_USERS_ACTION]: z.object({ selected_users: z.array(z.string()).nullish() }).passthrough() }).optional();
const stateSchema = z.object({ [TEAM_ADD_BLOCK]: users, [TEAM_REMOVE_BLOCK]: users });

/**
 * Checks everything first and answers problems on the field, so a team is never half-saved; then asks for
 * each new person through the reporting-line rule, shows who joined, was asked or left, and re-renders Home.
 */
export function teamSubmit(deps: ListenerDeps) {
  return async ({ ack, view, body, client }: Args): Promise<void> => {
    const me = body.user.id;
    const parsed = stateSchema.safeParse(view.state.values);
    const add = parsed.success ? (parsed.data[TEAM_ADD_BLOCK]?.[TEAM_USERS_ACTION].selected_users ?? []) : [];
    const remove = parsed.success ? (parsed.data[TEAM_REMOVE_BLOCK]?.[TEAM_USERS_ACTION].selected_users ?? []) : [];
    const both = add.filter((id) => remove.includes(id));
    if (both.length > 0) {
      await ack({ response_action: 'errors', errors: { [TEAM_REMOVE_BLOCK]: 'Someone is in both lists: pick them in one only.' } });
      return;
    }
    const notMine = remove.filter((id) => deps.people.get(id)?.managerId !== me);
    if (notMine.length > 0) {
      const names = notMine.map((id) => deps.people.get(id)?.name || 'someone').join(', ');
      await ack({ response_action: 'errors', errors: { [TEAM_REMOVE_BLOCK]: `Not on your team: ${names}.` } });
      return;
    }
    const refused = await deps.org.checkAdditions(me, add);
    if (refused.length > 0) {
      await ack({ response_action: 'errors', errors: { [TEAM_ADD_BLOCK]: refused.map((r) => `${r.name}: ${r.reason}`).join('; ').slice(0, 2000) } });
      return;
    }
    // Asking people means DMs: acknowledge first (Slack's 3 s), then save and show the outcome in the same modal.
    await ack({ response_action: 'update', view: homeNoticeModal('My team', 'Saving your team…') });
    const result: TeamChangeResult = await deps.org.addReports(me, add);
    for (const id of remove) result.removed.push(await deps.org.removeReport(me, id));
    await client.views.update({ view_id: view.id, view: homeNoticeModal('My team', teamChangeText(result)) });
    await publishHome(deps, client, me, readHomeMetadata(view.private_metadata).page);
  };
}
