import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { ListenerDeps } from '../deps';
import type { TeamChangeResult } from '../../../domain/org-service';
import { publishHome } from '../actions/home-publish';
import { readHomeMetadata, TEAM_ADD_BLOCK, TEAM_REMOVE_BLOCK, TEAM_USERS_ACTION } from '../../ui/home-ids';
import { teamChangeText } from '../../ui/home-team-modal';
import { homeNoticeModal } from '../../ui/home-notice';
import { answerSubmission, type SubmissionAnswer } from '../answer-submission';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const users = z.object({ [TEAM_USERS_ACTION]: z.object({ selected_users: z.array(z.string()).nullish() }).passthrough() }).optional();
const stateSchema = z.object({ [TEAM_ADD_BLOCK]: users, [TEAM_REMOVE_BLOCK]: users });

const checking = homeNoticeModal('My team', 'Checking the people you picked with Slack…');
const notSaved = (problem: string) => homeNoticeModal('My team', `Nothing was changed: ${problem} Open *My team* again to fix it.`);

/**
 * Checks everything first and answers problems on the field, so a team is never half-saved; then asks for
 * each new person through the reporting-line rule, shows who joined, was asked or left, and re-renders Home.
 * The checks may wait on users.info and asking people means DMs: `answerSubmission` acks within Slack's 3 s
 * whatever Slack does, and an answer that comes later replaces the modal through views.update.
 */
export function teamSubmit(deps: ListenerDeps) {
  return async ({ ack, view, body, client }: Args): Promise<void> => {
    const me = body.user.id;
    const parsed = stateSchema.safeParse(view.state.values);
    const add = parsed.success ? (parsed.data[TEAM_ADD_BLOCK]?.[TEAM_USERS_ACTION].selected_users ?? []) : [];
    const remove = parsed.success ? (parsed.data[TEAM_REMOVE_BLOCK]?.[TEAM_USERS_ACTION].selected_users ?? []) : [];
    const refused = (block: string, message: string): SubmissionAnswer => ({ action: 'errors', errors: { [block]: message }, lateView: notSaved(message) });
    let saved = false;
    await answerSubmission(
      { ack, client, viewId: view.id },
      async () => {
        if (add.some((id) => remove.includes(id))) return refused(TEAM_REMOVE_BLOCK, 'Someone is in both lists: pick them in one only.');
        const notMine: string[] = [];
        for (const id of remove) {
          const p = await deps.people.get(id);
          if (p?.managerId !== me) notMine.push(p?.name || 'someone');
        }
        if (notMine.length > 0) return refused(TEAM_REMOVE_BLOCK, `Not on your team: ${notMine.join(', ')}.`);
        const refusals = await deps.org.checkAdditions(me, add);
        if (refusals.length > 0) return refused(TEAM_ADD_BLOCK, refusals.map((r) => `${r.name}: ${r.reason}`).join('; ').slice(0, 2000));
        const result: TeamChangeResult = await deps.org.addReports(me, add);
        for (const id of remove) result.removed.push(await deps.org.removeReport(me, id));
        saved = true;
        return { action: 'update', view: homeNoticeModal('My team', teamChangeText(result)) };
      },
      { pending: checking, done: checking },
    );
    if (saved) await publishHome(deps, client, me, readHomeMetadata(view.private_metadata).page);
  };
}
