/** Every action, block and callback id App Home and its modals use; listeners register with these. */
export const HOME_PREP_ACTION = 'home_prep';
export const HOME_LOG_ACTION = 'home_log_1on1';
export const HOME_KUDOS_ACTION = 'home_give_kudos';
export const HOME_REPORT_MENU_ACTION = 'home_report_menu';
/** Previous and next need their own ids: action ids must be unique within a block. */
export const HOME_PAGE_PREV_ACTION = 'home_team_page_prev';
export const HOME_PAGE_NEXT_ACTION = 'home_team_page_next';
export const HOME_EDIT_TEAM_ACTION = 'home_edit_team';
export const HOME_SETTINGS_ACTION = 'home_open_settings';
export const HOME_NUDGES_TOGGLE_ACTION = 'home_nudges_toggle';

/** Overflow option values on a team row. */
export const REMOVE_REPORT_OPTION = 'remove';

export const TEAM_MODAL_CALLBACK = 'home_team_modal';
export const TEAM_ADD_BLOCK = 'team_add';
export const TEAM_REMOVE_BLOCK = 'team_remove';
export const TEAM_USERS_ACTION = 'users';

/** App Home's private_metadata: which page of the team is on screen, so a re-render keeps it. */
export interface HomeMetadata {
  page: number;
}

export function readHomeMetadata(raw: string | undefined): HomeMetadata {
  try {
    const parsed = JSON.parse(raw ?? '{}') as { page?: unknown };
    return { page: typeof parsed.page === 'number' && Number.isInteger(parsed.page) && parsed.page >= 0 ? parsed.page : 0 };
  } catch {
    return { page: 0 };
  }
}
