import type { CoachSubcommand } from './coach-types';
import { outboxStatusMessage } from '../../ui/outbox-status';

/** `/coach status`: admins only, private: what Leadwell is sending on its own and what it failed to send. */
export const coachStatus: CoachSubcommand = async ({ deps, command, respond }) => {
  await respond({ response_type: 'ephemeral', ...outboxStatusMessage(await deps.outbox.status(command.user_id)) });
};
