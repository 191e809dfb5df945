import type { Json } from './types';

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface FoundElement {
  blockId: string;
  block: Json;
  element: Json;
}

/** Every interactive element of a blocks array with the block that holds it. */
export function elementsOf(blocks: Json[]): FoundElement[] {
  const out: FoundElement[] = [];
  for (const block of blocks) {
    const blockId = String(block.block_id ?? '');
    const candidates = [...(Array.isArray(block.elements) ? block.elements : []), block.accessory, block.element];
    for (const el of candidates) if (isObj(el) && typeof el.action_id === 'string') out.push({ blockId, block, element: el });
  }
  return out;
}

function allOptions(el: Json): Json[] {
  const direct = Array.isArray(el.options) ? (el.options as Json[]) : [];
  const grouped = Array.isArray(el.option_groups) ? (el.option_groups as Json[]).flatMap((g) => (Array.isArray(g.options) ? (g.options as Json[]) : [])) : [];
  return [...direct, ...grouped];
}

function pickOption(el: Json, value: string): Json {
  const option = allOptions(el).find((o) => o.value === value);
  if (!option) throw new Error(`element ${String(el.action_id)} has no option with value "${value}" (options: ${allOptions(el).map((o) => String(o.value)).join(', ')})`);
  const { text, value: v, description } = option;
  return description === undefined ? { text, value: v } : { text, value: v, description };
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)]);

/** The `state.values` entry Slack reports for an element holding `value` (undefined → its initial value or empty). */
export function stateEntry(el: Json, value: unknown): Json {
  const type = String(el.type);
  const given = value !== undefined;
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: given ? String(value) : typeof el.initial_value === 'string' ? el.initial_value : null };
    case 'datepicker':
      return { type, selected_date: given ? String(value) : (el.initial_date ?? null) };
    case 'timepicker':
      return { type, selected_time: given ? String(value) : (el.initial_time ?? null) };
    case 'static_select':
    case 'radio_buttons':
    case 'external_select':
      return { type, selected_option: given ? pickOption(el, String(value)) : (el.initial_option ?? null) };
    case 'multi_static_select':
    case 'checkboxes':
    case 'multi_external_select':
      return { type, selected_options: given ? asList(value).map((v) => pickOption(el, v)) : (el.initial_options ?? []) };
    case 'users_select':
      return { type, selected_user: given ? String(value) : (el.initial_user ?? null) };
    case 'multi_users_select':
      return { type, selected_users: given ? asList(value) : (el.initial_users ?? []) };
    case 'conversations_select':
      return { type, selected_conversation: given ? String(value) : (el.initial_conversation ?? null) };
    case 'multi_conversations_select':
      return { type, selected_conversations: given ? asList(value) : (el.initial_conversations ?? []) };
    case 'channels_select':
      return { type, selected_channel: given ? String(value) : (el.initial_channel ?? null) };
    case 'multi_channels_select':
      return { type, selected_channels: given ? asList(value) : (el.initial_channels ?? []) };
    default:
      return { type, value: given ? value : null };
  }
}

/** Whether a state entry holds something (Slack's client refuses to submit an empty required input). */
export function isFilled(entry: Json): boolean {
  const v = Object.entries(entry).find(([k]) => k !== 'type')?.[1];
  return Array.isArray(v) ? v.length > 0 : v !== null && v !== undefined && v !== '';
}

/** The `actions[0]` of a block_actions payload for one element. */
export function actionFor(found: FoundElement, value: unknown, actionTs: string): Json {
  const { element: el, blockId } = found;
  const base: Json = { action_id: el.action_id, block_id: blockId, type: el.type, action_ts: actionTs };
  if (el.type === 'button') {
    const out: Json = { ...base, text: el.text };
    if (el.value !== undefined) out.value = el.value;
    if (el.style !== undefined) out.style = el.style;
    return out;
  }
  if (el.type === 'overflow') return { ...base, selected_option: pickOption(el, String(value)) };
  const { type: _type, ...entry } = stateEntry(el, value);
  if (el.placeholder !== undefined) base.placeholder = el.placeholder;
  return { ...base, ...entry };
}
