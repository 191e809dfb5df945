import type { CoachSubcommand } from './coach-types';
import { DomainError } from '../../../domain/errors';
import { orgGoalsModal, orgGoalsProgressMessage } from '../../ui/org-goals-modal';

/** `/coach goals`: admins get the organisation goals modal; everyone else sees the goals and their progress. */
export const coachGoals: CoachSubcommand = async ({ deps, client, command, respond }) => {
  const leadership = deps.leadership;
  if (!leadership) throw new DomainError('leadership_off', 'Organisation goals are not available in this installation.');
  if (deps.levels.isAdmin(command.user_id)) {
    await client.views.open({ trigger_id: command.trigger_id, view: orgGoalsModal(await leadership.goals.list()) });
    return;
  }
  await respond({ response_type: 'ephemeral', ...orgGoalsProgressMessage(await leadership.goals.progress()) });
};
