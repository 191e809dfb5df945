import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { LEVEL_LABELS, SOURCE_LABELS } from '../../domain/levels';
import { LEVELS } from '../../domain/ports';
import { CADENCE_MAX, CADENCE_MIN, type PersonalSettings } from '../../domain/settings-service';
import { cadenceLabel, hourLabel, WEEKDAYS } from './home-format';

export const SETTINGS_MODAL_CALLBACK = 'settings_modal';
export const SETTINGS_LEVEL_BLOCK = 'settings_level';
export const SETTINGS_CADENCE_BLOCK = 'settings_cadence';
export const SETTINGS_DAY_BLOCK = 'settings_nudge_day';
export const SETTINGS_HOUR_BLOCK = 'settings_nudge_hour';
export const SETTINGS_PAUSE_BLOCK = 'settings_pause';
export const SETTINGS_VALUE_ACTION = 'value';
export const SETTINGS_PAUSED_OPTION = 'paused';

/** Block id of each settings field, so a domain error names the right input. */
export const SETTINGS_FIELD_BLOCKS: Record<string, string> = {
  level: SETTINGS_LEVEL_BLOCK,
  cadenceDays: SETTINGS_CADENCE_BLOCK,
  nudgeDay: SETTINGS_DAY_BLOCK,
  nudgeHour: SETTINGS_HOUR_BLOCK,
  nudgesPaused: SETTINGS_PAUSE_BLOCK,
};

/** Where the modal was opened from, so the submission knows which Home page to re-render. */
export interface SettingsModalContext {
  page: number;
}

const option = (text: string, value: string): PlainTextOption => ({ text: { type: 'plain_text', text }, value });

function levelOptions(s: PersonalSettings): PlainTextOption[] {
  return [option(`Automatic (now ${s.level.inferred})`, 'auto'), ...LEVELS.map((l) => option(LEVEL_LABELS[l], l))];
}

/** Usual rhythms, plus whatever an import or an admin set, so the current value is always selectable. */
const CADENCE_CHOICES = [7, 14, 21, 28, 30, 42, 60, 90];
function cadenceOptions(current: number): PlainTextOption[] {
  const days = [...new Set([...CADENCE_CHOICES, current])].filter((d) => d >= CADENCE_MIN && d <= CADENCE_MAX).sort((a, b) => a - b);
  return days.map((d) => option(cadenceLabel(d), String(d)));
}

export function settingsModal(s: PersonalSettings, context: SettingsModalContext = { page: 0 }): ModalView {
  const levels = levelOptions(s);
  const currentLevel = s.level.source === 'inferred' ? 'auto' : s.level.level;
  // Working days only: the weekly nudge never goes out at the weekend.
  const days = WEEKDAYS.slice(0, 5).map((d, i) => option(d, String(i + 1)));
  const cadences = cadenceOptions(s.cadenceDays);
  const hours = Array.from({ length: 24 }, (_, h) => option(hourLabel(h), String(h)));
  const paused = option('Pause my weekly nudges', SETTINGS_PAUSED_OPTION);
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: SETTINGS_LEVEL_BLOCK,
      label: { type: 'plain_text', text: 'My level' },
      hint: { type: 'plain_text', text: `Now: ${LEVEL_LABELS[s.level.level]}, ${SOURCE_LABELS[s.level.source]}. Automatic follows your org chart.` },
      element: {
        type: 'static_select', action_id: SETTINGS_VALUE_ACTION, options: levels,
        initial_option: levels.find((o) => o.value === currentLevel),
      },
    },
    {
      type: 'input',
      block_id: SETTINGS_CADENCE_BLOCK,
      label: { type: 'plain_text', text: '1:1 cadence target' },
      hint: { type: 'plain_text', text: 'How often you aim to meet each report. Weekly or every two weeks is common.' },
      element: { type: 'static_select', action_id: SETTINGS_VALUE_ACTION, options: cadences, initial_option: cadences.find((o) => o.value === String(s.cadenceDays)) },
    },
    {
      type: 'input',
      block_id: SETTINGS_DAY_BLOCK,
      label: { type: 'plain_text', text: 'Weekly nudge day' },
      element: { type: 'static_select', action_id: SETTINGS_VALUE_ACTION, options: days, ...(s.nudgeDay <= 5 ? { initial_option: days[s.nudgeDay - 1] } : {}) },
    },
    {
      type: 'input',
      block_id: SETTINGS_HOUR_BLOCK,
      label: { type: 'plain_text', text: 'Weekly nudge time' },
      hint: { type: 'plain_text', text: `In your Slack time zone (${s.tz}).` },
      element: { type: 'static_select', action_id: SETTINGS_VALUE_ACTION, options: hours, initial_option: hours[s.nudgeHour] },
    },
    {
      type: 'input',
      block_id: SETTINGS_PAUSE_BLOCK,
      optional: true,
      label: { type: 'plain_text', text: 'Pause' },
      element: {
        type: 'checkboxes', action_id: SETTINGS_VALUE_ACTION, options: [paused],
        ...(s.nudgesPaused ? { initial_options: [paused] } : {}),
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: SETTINGS_MODAL_CALLBACK,
    title: { type: 'plain_text', text: 'Leadwell settings' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(context),
    blocks,
  };
}
