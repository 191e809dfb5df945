import { readReference } from '../helpers/reference';

interface Limits {
  surfaces: Record<string, { max?: number }>;
  blocks: Record<string, { max?: number }>;
  elements: Record<string, { max?: number }>;
  composition: Record<string, { max?: number }>;
}

const limits = readReference<Limits>('block-kit/limits.json');
const max = (group: keyof Limits, key: string): number => {
  const v = limits[group][key]?.max;
  if (v === undefined) throw new Error(`no limit ${group}.${key}`);
  return v;
};

type Node = Record<string, unknown>;

/** Every Block Kit limit these messages can break, checked against Slack's published numbers. */
export function limitViolations(blocks: unknown[], surface: 'message' | 'modal'): string[] {
  const out: string[] = [];
  const maxBlocks = max('surfaces', surface === 'message' ? 'message.blocks.maxItems' : 'modal.blocks.maxItems');
  if (blocks.length > maxBlocks) out.push(`${blocks.length} blocks > ${maxBlocks}`);
  const check = (what: string, len: number, limit: number) => {
    if (len > limit) out.push(`${what}: ${len} > ${limit}`);
  };
  const ids = new Set<string>();
  for (const raw of blocks) {
    const b = raw as Node;
    if (typeof b.block_id === 'string') {
      check('block_id', b.block_id.length, max('blocks', 'block_id'));
      if (ids.has(b.block_id)) out.push(`duplicate block_id ${b.block_id}`);
      ids.add(b.block_id);
    }
    const text = (b.text as Node | undefined)?.text;
    if (b.type === 'section' && typeof text === 'string') check('section.text', text.length, max('blocks', 'section.text'));
    if (b.type === 'header' && typeof text === 'string') check('header.text', text.length, max('blocks', 'header.text'));
    const elements = [
      ...((b.elements as Node[] | undefined) ?? []),
      ...(b.accessory ? [b.accessory as Node] : []),
      ...(b.element ? [b.element as Node] : []),
    ];
    if (b.type === 'actions') check('actions.elements', elements.length, max('blocks', 'actions.elements.maxItems'));
    if (b.type === 'context') check('context.elements', elements.length, max('blocks', 'context.elements.maxItems'));
    if (b.type === 'input') check('input.label', String((b.label as Node).text).length, max('blocks', 'input.label.text'));
    for (const e of elements) {
      if (e.type === 'button') {
        check('button.text', String((e.text as Node).text).length, max('elements', 'button.text.text'));
        if (typeof e.value === 'string') check('button.value', e.value.length, max('elements', 'button.value'));
      }
      if (typeof e.action_id === 'string') check('action_id', e.action_id.length, max('elements', 'action_id'));
      const options = (e.options as Node[] | undefined) ?? [];
      if (e.type === 'checkboxes') check('checkboxes.options', options.length, max('elements', 'checkboxes.options.maxItems'));
      if (e.type === 'radio_buttons') check('radio.options', options.length, max('elements', 'radio_buttons.options.maxItems'));
      if (e.type === 'static_select') check('static_select.options', options.length, max('elements', 'static_select.options.maxItems'));
      for (const o of options) {
        check('option.text', String((o.text as Node).text).length, max('composition', 'option.text.text'));
        check('option.value', String(o.value).length, 75);
        if (o.description) check('option.description', String((o.description as Node).text).length, max('composition', 'option.description.text'));
      }
      if (e.placeholder) check('placeholder', String((e.placeholder as Node).text).length, max('elements', 'placeholder.text'));
    }
  }
  return out;
}

export const modalLimits = {
  title: max('surfaces', 'modal.title.text'),
  submit: max('surfaces', 'modal.submit.text'),
  metadata: max('surfaces', 'view.private_metadata'),
};
