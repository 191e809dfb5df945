import type { CoachSubcommand } from './coach-types';
import { DomainError } from '../../../domain/errors';
import { departuresMessage } from '../../ui/departures-message';

/** `/coach departures`: admins only, private: the last 12 months' leavers, to mark as regretted or not. */
export const coachDepartures: CoachSubcommand = async ({ deps, command, respond }) => {
  const leadership = deps.leadership;
  if (!leadership) throw new DomainError('leadership_off', 'Departures are not available in this installation.');
  await respond({ response_type: 'ephemeral', ...departuresMessage(await leadership.departures.list(command.user_id)) });
};
