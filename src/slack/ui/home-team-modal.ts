import type { ModalView } from '@slack/types';
import type { TeamChangeResult } from '../../domain/org-service';
import { count } from './words';
import { escapeMrkdwn } from './one-on-one-format';
import { TEAM_ADD_BLOCK, TEAM_MODAL_CALLBACK, TEAM_REMOVE_BLOCK, TEAM_USERS_ACTION } from './home-ids';

/** "Add or remove people": two people pickers, so it works the same for a team of 3 or of 150. */
export function teamModal(model: { teamSize: number; page: number }): ModalView {
  return {
    type: 'modal',
    callback_id: TEAM_MODAL_CALLBACK,
    title: { type: 'plain_text', text: 'My team' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify({ page: model.page }),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `You have ${model.teamSize === 0 ? 'no direct reports' : count(model.teamSize, 'direct report')} in Leadwell. Add the people who report to you: ` +
            'each is asked to confirm (and their current manager, if they have one) before they join your team. ' +
            'Removing someone keeps your 1:1 history with them.',
        },
      },
      {
        type: 'input', block_id: TEAM_ADD_BLOCK, optional: true,
        label: { type: 'plain_text', text: 'Add to my team' },
        element: { type: 'multi_users_select', action_id: TEAM_USERS_ACTION, placeholder: { type: 'plain_text', text: 'Pick people' } },
      },
      {
        type: 'input', block_id: TEAM_REMOVE_BLOCK, optional: true,
        label: { type: 'plain_text', text: 'Remove from my team' },
        element: { type: 'multi_users_select', action_id: TEAM_USERS_ACTION, placeholder: { type: 'plain_text', text: 'Pick people' } },
      },
    ],
  };
}

/** What a person reads after saving: who joined, who was asked to confirm, who moved from whom, who left. */
export function teamChangeText(r: TeamChangeResult): string {
  const list = (ids: string[]) => ids.map((id) => `<@${id}>`).join(', ');
  const parts: string[] = [];
  if (r.added.length > 0) parts.push(`Added ${list(r.added.map((p) => p.id))} to your team.`);
  for (const m of r.movedFrom) parts.push(`<@${m.personId}> moved to you from <@${m.previousManagerId}>, who has been told.`);
  for (const q of r.requested) {
    parts.push(`Asked ${q.askedIds.map((id) => `<@${id}>`).join(' or ')} to confirm that <@${q.personId}> reports to you; they join your team once someone confirms.`);
  }
  if (r.removed.length > 0) parts.push(`Removed ${list(r.removed.map((p) => p.id))}.`);
  // A reason can carry a display name ("… is above you"): user text, so never live mrkdwn.
  if (r.refused.length > 0) parts.push(...r.refused.map((x) => `Not added <@${x.id}>: ${escapeMrkdwn(x.reason)}.`));
  return parts.join(' ') || 'Nothing changed.';
}
