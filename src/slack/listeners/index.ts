import type { App } from '@slack/bolt';
import type { ListenerDeps } from './deps';
import { GIVE_KUDOS_SHORTCUT, KUDOS_FOR_MESSAGE_SHORTCUT } from '../ui/shortcut-ids';
import { oneOnOneCommand } from './commands/oneonone';
import { kudosCommand } from './commands/kudos';
import { coachCommand } from './commands/coach';
import { giveKudosShortcut } from './shortcuts/give-kudos';
import { kudosForMessageShortcut } from './shortcuts/kudos-for-message';
import { kudosSubmit } from './views/kudos-submit';
import { KUDOS_MODAL_CALLBACK } from '../ui/kudos-modal';
import { appHomeOpened } from './events/app-home-opened';
import { userChange } from './events/user-change';
import { appUninstalled, tokensRevoked } from './events/workspace-lifecycle';
import { teamPrepAction, otherQuestionsAction, levelChangeAction, situationChangeAction, claimReportAction } from './actions/one-on-one-prep';
import { sendAgendaAction } from './actions/one-on-one-agenda';
import { logOpenAction } from './actions/one-on-one-log-open';
import { logAddItemAction } from './actions/one-on-one-log-add-item';
import { logSubmit } from './views/one-on-one-log';
import { PREP_CLAIM_ACTION, PREP_LEVEL_ACTION, PREP_LOG_ACTION, PREP_OTHER_QUESTIONS_ACTION, PREP_SEND_AGENDA_ACTION, PREP_SITUATION_ACTION } from '../ui/prep-card';
import { TEAM_PREP_ACTION } from '../ui/one-on-one-team';
import { LOG_ADD_ITEM_ACTION, LOG_MODAL_CALLBACK } from '../ui/one-on-one-log-modal';
import { homeEditTeamAction, homePageAction, homeReportMenuAction } from './actions/home-team';
import { homeKudosAction, homeLogAction, homePrepAction } from './actions/home-shortcuts';
import { homeNudgesToggleAction, homeOpenSettingsAction, homeWelcomeDismissAction } from './actions/home-settings';
import { HOME_WELCOME_DISMISS_ACTION } from '../ui/home-welcome';
import { settingsSubmit } from './views/settings-submit';
import { teamSubmit } from './views/home-team-submit';
import {
  HOME_EDIT_TEAM_ACTION, HOME_KUDOS_ACTION, HOME_LOG_ACTION, HOME_NUDGES_TOGGLE_ACTION, HOME_PAGE_NEXT_ACTION, HOME_PAGE_PREV_ACTION, HOME_PREP_ACTION,
  HOME_REPORT_MENU_ACTION, HOME_SETTINGS_ACTION, TEAM_MODAL_CALLBACK,
} from '../ui/home-ids';
import { SETTINGS_MODAL_CALLBACK } from '../ui/settings-modal';
import { ADMIN_LEVEL_ACTION, ADMIN_LEVEL_CALLBACK } from '../ui/settings-admin-level';
import { adminLevelOpenAction } from './actions/settings-admin-level';
import { adminLevelSubmit } from './views/settings-admin-level-submit';
import { goalCommand } from './commands/goal';
import { goalNewAction } from './actions/goal-new';
import { goalCheckInAction } from './actions/goal-check-in';
import { goalMenuAction } from './actions/goal-menu';
import { goalRemindersOffAction } from './actions/goal-reminders-off';
import { planOpenAction } from './actions/plan-open';
import { goalSubmit } from './views/goal-submit';
import { goalCheckInSubmit } from './views/goal-check-in-submit';
import { planSubmit } from './views/plan-submit';
import { GOAL_MODAL_CALLBACK } from '../ui/goal-modal';
import { GOAL_CHECK_IN_CALLBACK } from '../ui/goal-check-in-modal';
import { GOAL_CHECK_IN_ACTION } from '../ui/goal-format';
import { GOAL_MENU_ACTION, GOAL_NEW_ACTION } from '../ui/goal-messages';
import { GOAL_REMINDERS_OFF_ACTION } from '../ui/goal-reminder';
import { PLAN_MODAL_CALLBACK } from '../ui/plan-modal';
import { PLAN_OPEN_ACTION } from '../ui/plan-blocks';
import { nudgeAddTeamAction, nudgeKudosAction, nudgePrepAction } from './actions/nudge-act';
import { NUDGE_ADD_TEAM_ACTION } from '../ui/nudge-onboarding';
import { nudgeFeedbackAction, nudgePauseAction, nudgeSnoozeAction } from './actions/nudge-controls';
import {
  NUDGE_KUDOS_ACTION, NUDGE_NOT_USEFUL_ACTION, NUDGE_PAUSE_ACTION, NUDGE_PREP_ACTION, NUDGE_SNOOZE_ACTION, NUDGE_USEFUL_ACTION,
} from '../ui/nudge-message';
import { pulseAnswerAction } from './actions/pulse-answer';
import { pulseSubmit } from './views/pulse-submit';
import { PULSE_ANSWER_ACTION, PULSE_MODAL_CALLBACK } from '../ui/pulse-message';
import { reportingLineAnswerAction } from './actions/reporting-line-answer';
import { LINE_CONFIRM_ACTION, LINE_DECLINE_ACTION } from '../ui/reporting-line';
import { named } from './named';
import { orgGoalsSubmit } from './views/org-goals-submit';
import { ORG_GOALS_CALLBACK } from '../ui/org-goals-modal';
import { departureMarkAction } from './actions/departure-mark';
import { DEPARTURE_MARK_ACTION } from '../ui/departures-message';
import { unknownCommand } from './commands/unknown';
import { createRouter } from './router';

export type { ListenerDeps } from './deps';

/** The one place every listener is registered (the wiring test checks it against manifest.yml). */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const r = createRouter(app);
  r.command('/oneonone', named('command:oneonone', oneOnOneCommand(deps)));
  r.command('/kudos', named('command:kudos', kudosCommand(deps)));
  r.command('/coach', named('command:coach', coachCommand(deps)));
  r.command('/goal', named('command:goal', goalCommand(deps)));

  r.shortcut(GIVE_KUDOS_SHORTCUT, named('shortcut:give_kudos', giveKudosShortcut(deps)));
  r.messageShortcut(KUDOS_FOR_MESSAGE_SHORTCUT, named('shortcut:kudos_for_message', kudosForMessageShortcut(deps)));

  r.view(KUDOS_MODAL_CALLBACK, named('view:kudos_modal', kudosSubmit(deps)));

  r.action(TEAM_PREP_ACTION, named('action:one_on_one_team_prep', teamPrepAction(deps)));
  r.action(PREP_OTHER_QUESTIONS_ACTION, named('action:one_on_one_other_questions', otherQuestionsAction(deps)));
  r.action(PREP_LEVEL_ACTION, named('action:one_on_one_level', levelChangeAction(deps)));
  r.action(PREP_SITUATION_ACTION, named('action:one_on_one_situation', situationChangeAction(deps)));
  r.action(PREP_SEND_AGENDA_ACTION, named('action:one_on_one_send_agenda', sendAgendaAction(deps)));
  r.action(PREP_LOG_ACTION, named('action:one_on_one_log_open', logOpenAction(deps)));
  r.action(PREP_CLAIM_ACTION, named('action:one_on_one_claim_report', claimReportAction(deps)));
  r.action(LOG_ADD_ITEM_ACTION, named('action:one_on_one_log_add_item', logAddItemAction(deps)));
  r.view(LOG_MODAL_CALLBACK, named('view:one_on_one_log', logSubmit(deps)));

  r.action(HOME_PREP_ACTION, named('action:home_prep', homePrepAction(deps)));
  r.action(HOME_LOG_ACTION, named('action:home_log_1on1', homeLogAction(deps)));
  r.action(HOME_KUDOS_ACTION, named('action:home_give_kudos', homeKudosAction(deps)));
  r.action(HOME_REPORT_MENU_ACTION, named('action:home_report_menu', homeReportMenuAction(deps)));
  r.action(HOME_PAGE_PREV_ACTION, named('action:home_team_page_prev', homePageAction(deps)));
  r.action(HOME_PAGE_NEXT_ACTION, named('action:home_team_page_next', homePageAction(deps)));
  r.action(HOME_EDIT_TEAM_ACTION, named('action:home_edit_team', homeEditTeamAction(deps)));
  r.action(HOME_SETTINGS_ACTION, named('action:home_open_settings', homeOpenSettingsAction(deps)));
  r.action(HOME_NUDGES_TOGGLE_ACTION, named('action:home_nudges_toggle', homeNudgesToggleAction(deps)));
  r.action(HOME_WELCOME_DISMISS_ACTION, named('action:home_welcome_dismiss', homeWelcomeDismissAction(deps)));
  r.view(TEAM_MODAL_CALLBACK, named('view:home_team_modal', teamSubmit(deps)));
  r.view(SETTINGS_MODAL_CALLBACK, named('view:settings_modal', settingsSubmit(deps)));
  r.action(LINE_CONFIRM_ACTION, named('action:reporting_line_confirm', reportingLineAnswerAction(deps, 'confirm')));
  r.action(LINE_DECLINE_ACTION, named('action:reporting_line_decline', reportingLineAnswerAction(deps, 'decline')));
  r.action(ADMIN_LEVEL_ACTION, named('action:home_admin_level', adminLevelOpenAction(deps)));
  r.view(ADMIN_LEVEL_CALLBACK, named('view:settings_admin_level', adminLevelSubmit(deps)));

  r.action(GOAL_NEW_ACTION, named('action:goal_new', goalNewAction(deps)));
  r.action(GOAL_CHECK_IN_ACTION, named('action:goal_check_in_open', goalCheckInAction(deps)));
  r.action(GOAL_MENU_ACTION, named('action:goal_menu', goalMenuAction(deps)));
  r.action(GOAL_REMINDERS_OFF_ACTION, named('action:goal_reminders_off', goalRemindersOffAction(deps)));
  r.action(PLAN_OPEN_ACTION, named('action:plan_open', planOpenAction(deps)));
  r.view(GOAL_MODAL_CALLBACK, named('view:goal_modal', goalSubmit(deps)));
  r.view(GOAL_CHECK_IN_CALLBACK, named('view:goal_check_in_modal', goalCheckInSubmit(deps)));
  r.view(PLAN_MODAL_CALLBACK, named('view:plan_modal', planSubmit(deps)));

  r.action(NUDGE_PREP_ACTION, named('action:nudge_prep', nudgePrepAction(deps)));
  r.action(NUDGE_KUDOS_ACTION, named('action:nudge_kudos', nudgeKudosAction(deps)));
  r.action(NUDGE_ADD_TEAM_ACTION, named('action:nudge_add_to_team', nudgeAddTeamAction(deps)));
  r.action(NUDGE_SNOOZE_ACTION, named('action:nudge_snooze', nudgeSnoozeAction(deps)));
  r.action(NUDGE_PAUSE_ACTION, named('action:nudge_pause', nudgePauseAction(deps)));
  r.action(NUDGE_USEFUL_ACTION, named('action:nudge_tip_useful', nudgeFeedbackAction(deps, 'useful')));
  r.action(NUDGE_NOT_USEFUL_ACTION, named('action:nudge_tip_not_useful', nudgeFeedbackAction(deps, 'not_useful')));

  r.action(PULSE_ANSWER_ACTION, named('action:pulse_answer_open', pulseAnswerAction(deps)));
  r.view(PULSE_MODAL_CALLBACK, named('view:pulse_answer', pulseSubmit(deps)));

  r.view(ORG_GOALS_CALLBACK, named('view:org_goals', orgGoalsSubmit(deps)));
  r.action(DEPARTURE_MARK_ACTION, named('action:departure_mark', departureMarkAction(deps)));

  r.event('app_home_opened', named('event:app_home_opened', appHomeOpened(deps)));
  r.event('user_change', named('event:user_change', userChange(deps)));
  r.event('app_uninstalled', named('event:app_uninstalled', appUninstalled(deps)));
  r.event('tokens_revoked', named('event:tokens_revoked', tokensRevoked(deps)));

  // A command the manifest declares but this build does not know (an older deploy, a renamed command)
  // gets a friendly answer instead of Slack's "dispatch_failed" after a 3-second timeout.
  r.fallbackCommand(named('command:unknown', unknownCommand()));
  r.mount();
}
