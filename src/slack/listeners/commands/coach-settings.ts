import type { CoachSubcommand } from './coach-types';
import { settingsModal } from '../../ui/settings-modal';

/** `/coach settings`: the same settings modal as App Home; saving re-renders the Home tab. */
export const coachSettings: CoachSubcommand = async ({ deps, client, command }) => {
  await deps.people.ensure(command.user_id);
  await client.views.open({ trigger_id: command.trigger_id, view: settingsModal(await deps.personalSettings.get(command.user_id)) });
};
