import type { EmulatorState } from './state';
import type { Json } from './types';

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function withActionId(el: unknown, state: EmulatorState): unknown {
  if (!isObj(el) || el.type === 'image' || el.type === 'plain_text' || el.type === 'mrkdwn') return el;
  return el.action_id === undefined ? { ...el, action_id: state.nextId('a').slice(2) } : el;
}

/**
 * Slack fills in what the app left out: a block without block_id and an element without action_id get generated
 * ids, and the stored message or view (and every payload built from it) carries them.
 */
export function withIds(blocks: Json[], state: EmulatorState): Json[] {
  return blocks.map((block) => {
    const out: Json = { ...block };
    if (out.block_id === undefined) out.block_id = state.nextId('b').slice(2);
    if (Array.isArray(out.elements) && (out.type === 'actions' || out.type === 'input')) out.elements = out.elements.map((e) => withActionId(e, state));
    if (out.accessory !== undefined) out.accessory = withActionId(out.accessory, state);
    if (out.element !== undefined) out.element = withActionId(out.element, state);
    return out;
  });
}
