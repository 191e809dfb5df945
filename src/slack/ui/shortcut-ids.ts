/** callback_ids of the shortcuts declared in manifest.yml (the wiring test holds them together). */
export const GIVE_KUDOS_SHORTCUT = 'give_kudos';
export const KUDOS_FOR_MESSAGE_SHORTCUT = 'kudos_for_message';
