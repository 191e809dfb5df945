import type { ModalView, PlainTextOption } from '@slack/types';
import { LEVEL_LABELS } from '../../domain/levels';
import { LEVELS } from '../../domain/ports';

/** Admins set anyone's level from App Home (the same as `/coach level @person <level>`). */
export const ADMIN_LEVEL_ACTION = 'home_admin_level';
export const ADMIN_LEVEL_CALLBACK = 'settings_admin_level';
export const ADMIN_LEVEL_PERSON_BLOCK = 'admin_level_person';
export const ADMIN_LEVEL_LEVEL_BLOCK = 'admin_level_level';
export const ADMIN_LEVEL_VALUE_ACTION = 'value';

const option = (text: string, value: string): PlainTextOption => ({ text: { type: 'plain_text', text }, value });

export function adminLevelModal(): ModalView {
  const levels = [option('Automatic (from the org chart)', 'auto'), ...LEVELS.map((l) => option(LEVEL_LABELS[l], l))];
  return {
    type: 'modal',
    callback_id: ADMIN_LEVEL_CALLBACK,
    title: { type: 'plain_text', text: "Set someone's level" },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input', block_id: ADMIN_LEVEL_PERSON_BLOCK,
        label: { type: 'plain_text', text: 'Person' },
        element: { type: 'users_select', action_id: ADMIN_LEVEL_VALUE_ACTION, placeholder: { type: 'plain_text', text: 'Pick a manager' } },
      },
      {
        type: 'input', block_id: ADMIN_LEVEL_LEVEL_BLOCK,
        label: { type: 'plain_text', text: 'Coach them as' },
        hint: { type: 'plain_text', text: 'Shown to them as "set by an admin". Automatic goes back to what their org chart says.' },
        element: { type: 'static_select', action_id: ADMIN_LEVEL_VALUE_ACTION, options: levels },
      },
    ],
  };
}
