import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { MAX_RECIPIENTS, MESSAGE_MAX, MESSAGE_MIN } from '../../domain/kudos';

export const KUDOS_MODAL_CALLBACK = 'kudos_modal';
export const KUDOS_RECIPIENTS_BLOCK = 'kudos_recipients';
export const KUDOS_RECIPIENTS_ACTION = 'recipients';
export const KUDOS_VALUE_BLOCK = 'kudos_value';
export const KUDOS_VALUE_ACTION = 'value';
export const KUDOS_MESSAGE_BLOCK = 'kudos_message';
export const KUDOS_MESSAGE_ACTION = 'message';
export const KUDOS_POST_BLOCK = 'kudos_post';
export const KUDOS_POST_ACTION = 'post_in_channel';
export const KUDOS_POST_OPTION = 'post';

/** Field names used by the domain (KudosInputError.fields) → the modal block that shows the error. */
export const KUDOS_FIELD_BLOCKS: Record<string, string> = {
  recipients: KUDOS_RECIPIENTS_BLOCK,
  value: KUDOS_VALUE_BLOCK,
  message: KUDOS_MESSAGE_BLOCK,
};

export interface KudosModalModel {
  companyValues: readonly string[];
  recipientIds?: readonly string[];
  value?: string;
  message?: string;
  /** The kudos channel as people know it (`#kudos`); undefined hides the "post in channel" choice. */
  channelLabel?: string;
  hint?: { title: string; body: string };
  /** The recognised message (message shortcut), linked in the modal and the post. */
  permalink?: string;
  /** A line above the form, e.g. why the author could not be prefilled. */
  notice?: string;
  /** JSON context for the submission (≤ 3000 characters). */
  privateMetadata: string;
}

const HINT_MAX = 600;
const option = (v: string): PlainTextOption => ({ text: { type: 'plain_text', text: v.slice(0, 75) }, value: v.slice(0, 75) });

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

function contextBlocks(model: KudosModalModel): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (model.notice) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `:information_source: ${clip(model.notice, 2900)}` } });
  if (model.permalink) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `For <${model.permalink}|this message>; the link goes in the post.` }] });
  }
  return blocks;
}

function inputs(model: KudosModalModel): KnownBlock[] {
  const values = model.companyValues;
  const initialValue = model.value && values.includes(model.value) ? model.value : undefined;
  const recipients = (model.recipientIds ?? []).slice(0, MAX_RECIPIENTS);
  return [
    {
      type: 'input',
      block_id: KUDOS_RECIPIENTS_BLOCK,
      label: { type: 'plain_text', text: 'Who are you recognising?' },
      element: {
        type: 'multi_users_select',
        action_id: KUDOS_RECIPIENTS_ACTION,
        placeholder: { type: 'plain_text', text: `Up to ${MAX_RECIPIENTS} people` },
        max_selected_items: MAX_RECIPIENTS,
        ...(recipients.length > 0 ? { initial_users: [...recipients] } : {}),
      },
    },
    {
      type: 'input',
      block_id: KUDOS_VALUE_BLOCK,
      label: { type: 'plain_text', text: 'Which value did it show?' },
      element: {
        type: 'static_select',
        action_id: KUDOS_VALUE_ACTION,
        placeholder: { type: 'plain_text', text: 'Pick a company value' },
        options: values.slice(0, 100).map(option),
        ...(initialValue ? { initial_option: option(initialValue) } : {}),
      },
    },
    {
      type: 'input',
      block_id: KUDOS_MESSAGE_BLOCK,
      label: { type: 'plain_text', text: 'What did they do, and what did it make possible?' },
      element: {
        type: 'plain_text_input',
        action_id: KUDOS_MESSAGE_ACTION,
        multiline: true,
        min_length: MESSAGE_MIN,
        max_length: MESSAGE_MAX,
        placeholder: { type: 'plain_text', text: 'The specific thing they did and the difference it made' },
        ...(model.message ? { initial_value: clip(model.message, MESSAGE_MAX) } : {}),
      },
    },
  ];
}

/** The "Give kudos" modal, shared by the global shortcut, the message shortcut and an incomplete /kudos. */
export function kudosModal(model: KudosModalModel): ModalView {
  const blocks: KnownBlock[] = [...contextBlocks(model), ...inputs(model)];
  if (model.channelLabel) {
    const postOption = option(KUDOS_POST_OPTION);
    postOption.text = { type: 'plain_text', text: `Post it in ${model.channelLabel}`.slice(0, 75) };
    blocks.push({
      type: 'input',
      block_id: KUDOS_POST_BLOCK,
      optional: true,
      label: { type: 'plain_text', text: 'Share' },
      element: { type: 'checkboxes', action_id: KUDOS_POST_ACTION, options: [postOption], initial_options: [postOption] },
    });
  }
  if (model.hint) {
    const text = clip(`:bulb: *${model.hint.title}*\n${model.hint.body}`, HINT_MAX);
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
  }
  return {
    type: 'modal',
    callback_id: KUDOS_MODAL_CALLBACK,
    title: { type: 'plain_text', text: 'Give kudos' },
    submit: { type: 'plain_text', text: 'Send kudos' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: model.privateMetadata.slice(0, 3000),
    blocks,
  };
}
