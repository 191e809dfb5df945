import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { GOAL_LIMITS, GOAL_STATUSES, STATUS_LABELS, type CheckIn, type GoalView } from '../../domain/goal';
import { goalText, STATUS_EMOJI } from './goal-format';
import { escapeMrkdwn, truncate } from './one-on-one-format';

export const GOAL_CHECK_IN_CALLBACK = 'goal_check_in_modal';
export const CHECK_IN_STATUS_BLOCK = 'check_in_status';
export const CHECK_IN_STATUS_ACTION = 'status';
export const CHECK_IN_PROGRESS_BLOCK = 'check_in_progress';
export const CHECK_IN_PROGRESS_ACTION = 'progress';
export const CHECK_IN_NOTE_BLOCK = 'check_in_note';
export const CHECK_IN_NOTE_ACTION = 'note';

export const CHECK_IN_FIELD_BLOCKS: Record<string, string> = {
  status: CHECK_IN_STATUS_BLOCK,
  progress: CHECK_IN_PROGRESS_BLOCK,
  note: CHECK_IN_NOTE_BLOCK,
};

export interface CheckInModalMetadata {
  goalId: number;
  origin?: 'command' | 'home' | 'prep' | 'list' | 'reminder';
}

export const HISTORY_SHOWN = 5;

export interface CheckInModalModel {
  goal: GoalView;
  history: CheckIn[];
  /** Display names of check-in authors other than the viewer. */
  authorNames: Record<string, string>;
  viewerId: string;
  metadata: CheckInModalMetadata;
}

function day(ms: number, tz: string): string {
  // A short local date for history lines; the viewer's zone is good enough to read "when".
  return new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: tz });
}

/** Past check-ins, newest first: status, progress, who (when not the viewer), note. */
export function historyText(history: readonly CheckIn[], names: Record<string, string>, viewerId: string, tz = 'UTC'): string {
  if (history.length === 0) return '_No check-ins yet._';
  return history
    .slice(0, HISTORY_SHOWN)
    .map((c) => {
      const who = c.authorId === viewerId ? '' : ` · by ${escapeMrkdwn(names[c.authorId] ?? 'their manager')}`;
      const progress = c.progress !== undefined ? ` ${c.progress}%` : '';
      const note = c.note ? `\n    ${escapeMrkdwn(truncate(c.note.replace(/\s+/g, ' '), 200))}` : '';
      return `${STATUS_EMOJI[c.status]} ${day(c.createdAt, tz)} · ${STATUS_LABELS[c.status]}${progress}${who}${note}`;
    })
    .join('\n');
}

const statusOption = (s: (typeof GOAL_STATUSES)[number]): PlainTextOption => ({ text: { type: 'plain_text', text: `${STATUS_LABELS[s]}` }, value: s });

/** Record a check-in: status (prefilled with the current one), optional progress and note; recent history below. */
export function checkInModal(model: CheckInModalModel, tz = 'UTC'): ModalView {
  const g = model.goal;
  const options = GOAL_STATUSES.map(statusOption);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(goalText(g), 3000) } },
    {
      type: 'input',
      block_id: CHECK_IN_STATUS_BLOCK,
      label: { type: 'plain_text', text: 'Status' },
      element: { type: 'radio_buttons', action_id: CHECK_IN_STATUS_ACTION, options, initial_option: options.find((o) => o.value === g.status) },
    },
    {
      type: 'input',
      block_id: CHECK_IN_PROGRESS_BLOCK,
      optional: true,
      label: { type: 'plain_text', text: 'Progress (%)' },
      hint: { type: 'plain_text', text: 'A whole number from 0 to 100; leave empty if it does not apply.' },
      element: {
        type: 'plain_text_input',
        action_id: CHECK_IN_PROGRESS_ACTION,
        max_length: 4,
        placeholder: { type: 'plain_text', text: g.progress !== undefined ? `Last time: ${g.progress}` : 'e.g. 40' },
      },
    },
    {
      type: 'input',
      block_id: CHECK_IN_NOTE_BLOCK,
      optional: true,
      label: { type: 'plain_text', text: 'Note' },
      element: {
        type: 'plain_text_input',
        action_id: CHECK_IN_NOTE_ACTION,
        multiline: true,
        max_length: GOAL_LIMITS.note,
        placeholder: { type: 'plain_text', text: 'What moved, what is in the way, what help would change it' },
      },
    },
    { type: 'divider' },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(`*Recent check-ins*\n${historyText(model.history, model.authorNames, model.viewerId, tz)}`, 3000) } },
  ];
  return {
    type: 'modal',
    callback_id: GOAL_CHECK_IN_CALLBACK,
    title: { type: 'plain_text', text: 'Goal check-in' },
    submit: { type: 'plain_text', text: 'Save check-in' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(model.metadata),
    blocks,
  };
}

/** What the modal turns into after a successful save: a confirmation the person can close. */
export function goalSavedView(title: string, lines: string[]): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: truncate(title, 24) },
    close: { type: 'plain_text', text: 'Done' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), 3000) } }],
  };
}
