/* eslint-disable @typescript-eslint/no-explicit-any -- walks untyped Block Kit JSON */
import { readReference } from '../helpers/reference';

type Limits = Record<string, Record<string, { max?: number }>>;
const limits = readReference<Limits>('block-kit/limits.json');
const max = (section: string, key: string): number => {
  const v = limits[section]?.[key]?.max;
  if (typeof v !== 'number') throw new Error(`no limit ${section}.${key}`);
  return v;
};

/** Every Block Kit limit from Slack's compiled reference that these surfaces can hit; returns the problems found. */
export function blockProblems(surface: { blocks: unknown[]; private_metadata?: string; title?: { text: string } }, kind: 'home' | 'modal' | 'message'): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => void (ok || problems.push(what));
  const maxBlocks = kind === 'message' ? max('surfaces', 'message.blocks.maxItems') : max('surfaces', `${kind}.blocks.maxItems`);
  check(surface.blocks.length <= maxBlocks, `${surface.blocks.length} blocks > ${maxBlocks}`);
  check((surface.private_metadata ?? '').length <= max('surfaces', 'view.private_metadata'), 'private_metadata too long');
  if (surface.title) check(surface.title.text.length <= max('surfaces', 'modal.title.text'), `title "${surface.title.text}" too long`);
  const blockIds = new Set<string>();
  for (const raw of surface.blocks) {
    const b = raw as Record<string, any>;
    if (b.block_id) {
      check(!blockIds.has(b.block_id), `duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
      check(b.block_id.length <= max('blocks', 'block_id'), 'block_id too long');
    }
    if (b.type === 'section') {
      if (b.text) check(b.text.text.length <= max('blocks', 'section.text'), `section text ${b.text.text.length} chars`);
      if (b.fields) {
        check(b.fields.length <= max('blocks', 'section.fields.maxItems'), 'too many fields');
        for (const f of b.fields) check(f.text.length <= max('blocks', 'section.fields[].text'), 'field too long');
      }
      if (b.accessory) checkElement(b.accessory, check);
    }
    if (b.type === 'header') check(b.text.text.length <= max('blocks', 'header.text'), 'header too long');
    if (b.type === 'context') check(b.elements.length <= max('blocks', 'context.elements.maxItems'), 'context too many elements');
    if (b.type === 'actions') {
      check(b.elements.length <= max('blocks', 'actions.elements.maxItems'), 'too many actions');
      const ids = b.elements.map((e: any) => e.action_id);
      check(new Set(ids).size === ids.length, `duplicate action_id in ${b.block_id}`);
      for (const e of b.elements) checkElement(e, check);
    }
    if (b.type === 'input') {
      check(b.label.text.length <= max('blocks', 'input.label.text'), 'label too long');
      checkElement(b.element, check);
    }
  }
  return problems;
}

function checkElement(e: any, check: (ok: boolean, what: string) => void): void {
  if (e.type === 'button') {
    check(e.text.text.length <= max('elements', 'button.text.text'), `button text "${e.text.text}"`);
    check((e.value ?? '').length <= max('elements', 'button.value'), 'button value too long');
  }
  if (e.type === 'overflow') check(e.options.length <= max('elements', 'overflow.options'), 'overflow options');
  if (e.type === 'static_select') check(e.options.length <= max('elements', 'static_select.options.maxItems'), 'select options');
  if (e.type === 'checkboxes') check(e.options.length <= max('elements', 'checkboxes.options.maxItems'), 'checkbox options');
  for (const o of e.options ?? []) {
    check(o.text.text.length <= max('composition', 'option.text.text'), `option text "${o.text.text}"`);
    check(o.value.length <= max('composition', 'option.value'), 'option value');
  }
  if (e.confirm) {
    check(e.confirm.title.text.length <= max('composition', 'confirm.title.text'), 'confirm title');
    check(e.confirm.text.text.length <= max('composition', 'confirm.text.text'), 'confirm text');
  }
  if (e.action_id) check(e.action_id.length <= max('elements', 'action_id'), 'action_id');
}
