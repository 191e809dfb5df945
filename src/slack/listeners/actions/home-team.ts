import type { AllMiddlewareArgs, BlockButtonAction, BlockOverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { pageOf, publishHome } from './home-publish';
import { teamModal } from '../../ui/home-team-modal';
import { REMOVE_REPORT_OPTION } from '../../ui/home-ids';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type OverflowArgs = SlackActionMiddlewareArgs<BlockOverflowAction> & AllMiddlewareArgs;

/** "Previous / Next" under a big team. */
export function homePageAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const page = Number.parseInt(action.value ?? '0', 10);
    await publishHome(deps, client, body.user.id, Number.isInteger(page) && page >= 0 ? page : 0);
  };
}

/** "Add or remove people": the team modal (the trigger id lives 3 s, so open first). */
export function homeEditTeamAction(deps: ListenerDeps) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const teamSize = (await deps.people.reportsOf(body.user.id)).length;
    await client.views.open({ trigger_id: body.trigger_id, view: teamModal({ teamSize, page: pageOf(body) }) });
  };
}

/** The ⋯ menu on a team row: "Remove from my team" (confirmed in Slack first). */
export function homeReportMenuAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client }: OverflowArgs): Promise<void> => {
    await ack();
    const [kind, reportId] = (action.selected_option?.value ?? '').split(':');
    if (kind !== REMOVE_REPORT_OPTION || !reportId) return;
    const onTeam = (await deps.people.get(reportId))?.managerId === body.user.id;
    if (onTeam) await deps.org.removeReport(body.user.id, reportId);
    await publishHome(deps, client, body.user.id, pageOf(body));
  };
}
