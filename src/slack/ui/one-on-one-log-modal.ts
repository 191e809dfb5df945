import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { ActionItem } from '../../domain/one-on-ones';
import { ITEM_TEXT_MAX, MAX_ITEMS, NOTES_MAX } from '../../domain/one-on-ones-log';
import { escapeMrkdwn, formatDate, truncate } from './one-on-one-format';

export const LOG_MODAL_CALLBACK = 'one_on_one_log';
export const LOG_ADD_ITEM_ACTION = 'one_on_one_log_add_item';
export const LOG_DATE_BLOCK = 'oo_date';
export const LOG_NOTES_BLOCK = 'oo_notes';
export const LOG_ENERGY_BLOCK = 'oo_energy';
export const LOG_OPTIONS_BLOCK = 'oo_options';
export const LOG_VALUE_ACTION = 'value';
export const DEFAULT_ITEM_ROWS = 3;
export const itemTextBlock = (row: number) => `oo_item_text_${row}`;
export const itemOwnerBlock = (row: number) => `oo_item_owner_${row}`;
export const doneBlock = (chunk: number) => `oo_done_${chunk}`;
export const OPTION_CAREER = 'career';
export const OPTION_SUMMARY = 'summary';
const DONE_CHUNK = 10;

/** Modal context carried through Slack in private_metadata (≤3000 chars). */
export interface LogModalMeta {
  /** The report. */
  r: string;
  /** Action item rows shown. */
  n: number;
  /** The command's or card's response_url, to confirm in the conversation the manager started from. */
  u?: string;
  /** The situation chosen on the prep card (a situation id), stored with the 1:1. */
  s?: string;
  /** Opened from a prep card: the guidance items it showed, so the saved log can redraw that card (replace_original). */
  g?: string[];
  /** When the modal was opened (epoch ms): a response_url lives 30 minutes, so an older one is not used. */
  t?: number;
}

/** Values to show again (after "Add another item" the modal is rebuilt with what was typed). */
export interface LogDraft {
  heldOn?: string;
  notes?: string;
  items?: Array<{ row: number; ownerId?: string; text: string }>;
  doneItemIds?: number[];
  energy?: number;
  careerTalk?: boolean;
  sendSummary?: boolean;
}

export interface LogModalModel {
  meta: LogModalMeta;
  managerId: string;
  reportName: string;
  today: string;
  openItems: readonly ActionItem[];
  draft?: LogDraft;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });

function ownerOptions(meta: LogModalMeta, managerId: string, reportName: string): PlainTextOption[] {
  return [
    { text: plain(truncate(reportName, 75)), value: meta.r },
    { text: plain('Me'), value: managerId },
  ];
}

function itemRows(model: LogModalModel): KnownBlock[] {
  const { meta, draft } = model;
  const owners = ownerOptions(meta, model.managerId, model.reportName);
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: '*Action items* — who does what next' } }];
  for (let row = 0; row < meta.n; row += 1) {
    const prior = draft?.items?.find((i) => i.row === row);
    const owner = owners.find((o) => o.value === prior?.ownerId);
    blocks.push(
      {
        type: 'input',
        block_id: itemTextBlock(row),
        optional: true,
        label: plain(`Action item ${row + 1}`),
        element: { type: 'plain_text_input', action_id: LOG_VALUE_ACTION, max_length: ITEM_TEXT_MAX, ...(prior?.text ? { initial_value: prior.text } : {}) },
      },
      {
        type: 'input',
        block_id: itemOwnerBlock(row),
        optional: true,
        label: plain('Owner'),
        element: {
          type: 'static_select',
          action_id: LOG_VALUE_ACTION,
          placeholder: plain(truncate(`${model.reportName} (default)`, 150)),
          options: owners,
          ...(owner ? { initial_option: owner } : {}),
        },
      },
    );
  }
  if (meta.n < MAX_ITEMS) {
    blocks.push({ type: 'actions', elements: [{ type: 'button', action_id: LOG_ADD_ITEM_ACTION, text: plain('Add another item'), value: String(meta.n) }] });
  }
  return blocks;
}

function doneBlocks(model: LogModalModel): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const done = new Set(model.draft?.doneItemIds ?? []);
  for (let chunk = 0; chunk * DONE_CHUNK < model.openItems.length; chunk += 1) {
    const options = model.openItems.slice(chunk * DONE_CHUNK, (chunk + 1) * DONE_CHUNK).map((i) => ({
      text: { type: 'mrkdwn' as const, text: truncate(escapeMrkdwn(i.text), 75) },
      description: plain(truncate(`${i.ownerId === model.meta.r ? model.reportName : 'You'} · since ${formatDate(i.heldOn)}`, 75)),
      value: String(i.id),
    }));
    const initial = options.filter((o) => done.has(Number(o.value)));
    blocks.push({
      type: 'input',
      block_id: doneBlock(chunk),
      optional: true,
      label: plain(chunk === 0 ? 'Open items from before: tick what is done' : 'More open items'),
      element: { type: 'checkboxes', action_id: LOG_VALUE_ACTION, options, ...(initial.length > 0 ? { initial_options: initial } : {}) },
    });
  }
  return blocks;
}

function closingBlocks(model: LogModalModel): KnownBlock[] {
  const { draft } = model;
  const energy = [1, 2, 3, 4, 5].map((n) => ({ text: plain(['1 · drained', '2 · low', '3 · okay', '4 · good', '5 · energised'][n - 1] as string), value: String(n) }));
  const options = [
    { text: plain('We talked about career and growth'), value: OPTION_CAREER },
    { text: plain(truncate(`Send a summary to ${model.reportName}`, 75)), description: plain('Date and action items only — never your notes'), value: OPTION_SUMMARY },
  ];
  const initialOptions = options.filter((o) => (o.value === OPTION_CAREER ? draft?.careerTalk : draft?.sendSummary));
  const initialEnergy = energy.find((e) => Number(e.value) === draft?.energy);
  return [
    {
      type: 'input',
      block_id: LOG_ENERGY_BLOCK,
      optional: true,
      label: plain('How was the energy?'),
      element: { type: 'radio_buttons', action_id: LOG_VALUE_ACTION, options: energy, ...(initialEnergy ? { initial_option: initialEnergy } : {}) },
    },
    {
      type: 'input',
      block_id: LOG_OPTIONS_BLOCK,
      optional: true,
      label: plain('Also'),
      element: { type: 'checkboxes', action_id: LOG_VALUE_ACTION, options, ...(initialOptions.length > 0 ? { initial_options: initialOptions } : {}) },
    },
  ];
}

/** The "Log a 1:1" modal. */
export function logModal(model: LogModalModel): ModalView {
  const { draft } = model;
  return {
    type: 'modal',
    callback_id: LOG_MODAL_CALLBACK,
    private_metadata: JSON.stringify(model.meta),
    title: plain('Log a 1:1'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(`1:1 with *<@${model.meta.r}>*`, 3000) } },
      {
        type: 'input',
        block_id: LOG_DATE_BLOCK,
        label: plain('Date'),
        element: { type: 'datepicker', action_id: LOG_VALUE_ACTION, initial_date: draft?.heldOn || model.today },
      },
      {
        type: 'input',
        block_id: LOG_NOTES_BLOCK,
        optional: true,
        label: plain('Private notes'),
        hint: plain('Only you will ever see these — not the person, not admins, not reports.'),
        element: { type: 'plain_text_input', action_id: LOG_VALUE_ACTION, multiline: true, max_length: NOTES_MAX, ...(draft?.notes ? { initial_value: draft.notes } : {}) },
      },
      ...itemRows(model),
      ...doneBlocks(model),
      ...closingBlocks(model),
    ],
  };
}
