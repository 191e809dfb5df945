import type { BlockKitLimits } from './spec';
import type { Json } from './types';
import { checkElement, checkText, type Issues } from './block-kit-elements';
import { checkExtraBlock } from './block-kit-extra';

export type Surface = 'message' | 'modal' | 'home';

export interface BlockKitIssue {
  /** JSON pointer, e.g. `/blocks/3/text/text` or `/view/title/text`. */
  pointer: string;
  message: string;
}

const KNOWN_BLOCKS = new Set([
  'section', 'divider', 'header', 'context', 'actions', 'input', 'image', 'markdown', 'rich_text', 'video', 'file',
  'table', 'context_actions', 'card', 'carousel', 'alert',
]);
const SECTION_ACCESSORIES = new Set([
  'button', 'image', 'overflow', 'datepicker', 'timepicker', 'checkboxes', 'radio_buttons', 'static_select',
  'external_select', 'users_select', 'conversations_select', 'channels_select', 'multi_static_select',
  'multi_external_select', 'multi_users_select', 'multi_conversations_select', 'multi_channels_select', 'workflow_button',
]);
const ACTION_ELEMENTS = new Set([...SECTION_ACCESSORIES, 'datetimepicker', 'rich_text_input'].filter((t) => t !== 'image'));
const INPUT_ELEMENTS = new Set([
  'plain_text_input', 'email_text_input', 'url_text_input', 'number_input', 'rich_text_input', 'file_input', 'datepicker',
  'timepicker', 'datetimepicker', 'checkboxes', 'radio_buttons', 'static_select', 'external_select', 'users_select',
  'conversations_select', 'channels_select', 'multi_static_select', 'multi_external_select', 'multi_users_select',
  'multi_conversations_select', 'multi_channels_select',
]);

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a blocks array for a surface against `block-kit/limits.json`. Returns every issue found. */
export function checkBlocks(blocks: unknown, surface: Surface, limits: BlockKitLimits, base = '/blocks'): BlockKitIssue[] {
  const issues: Issues = [];
  if (!Array.isArray(blocks)) return [{ pointer: base, message: 'blocks must be an array' }];
  const max = limits.get('surfaces', `${surface}.blocks.maxItems`).max ?? 0;
  if (blocks.length > max) issues.push({ pointer: base, message: `no more than ${max} items allowed (block-kit/limits.json surfaces."${surface}.blocks.maxItems")` });
  const seenIds = new Set<string>();
  blocks.forEach((block, i) => checkBlock(block, `${base}/${i}`, surface, limits, issues, seenIds));
  return issues;
}

function checkBlock(block: unknown, at: string, surface: Surface, limits: BlockKitLimits, issues: Issues, seenIds: Set<string>): void {
  if (!isObj(block) || typeof block.type !== 'string') return void issues.push({ pointer: at, message: 'block must be an object with a type' });
  if (!KNOWN_BLOCKS.has(block.type)) return void issues.push({ pointer: `${at}/type`, message: `unknown block type "${block.type}"` });
  if (block.block_id !== undefined) {
    const id = block.block_id;
    const maxId = limits.get('blocks', 'block_id').max ?? 0;
    if (typeof id !== 'string' || id.length === 0) issues.push({ pointer: `${at}/block_id`, message: 'block_id must be a non-empty string' });
    else if (id.length > maxId) issues.push({ pointer: `${at}/block_id`, message: `block_id longer than ${maxId} (block-kit/limits.json blocks."block_id")` });
    else if (seenIds.has(id)) issues.push({ pointer: `${at}/block_id`, message: `duplicate block_id "${id}"` });
    else seenIds.add(id);
  }
  const ctx = { limits, issues, surface };
  switch (block.type) {
    case 'section':
      return checkSection(block, at, ctx);
    case 'header':
      checkText(block.text, `${at}/text`, ctx, { max: limits.get('blocks', 'header.text').max, key: 'blocks."header.text"', plainOnly: true, required: true });
      return;
    case 'context':
      return checkContext(block, at, ctx);
    case 'actions':
      return checkElementList(block.elements, `${at}/elements`, ctx, ACTION_ELEMENTS, 'actions.elements.maxItems');
    case 'context_actions':
      return checkElementList(block.elements, `${at}/elements`, ctx, new Set(['feedback_buttons', 'icon_button']), 'context_actions.elements.maxItems');
    case 'input':
      return checkInput(block, at, ctx);
    case 'image':
      return checkImage(block, at, ctx);
    case 'markdown': {
      const max = limits.get('blocks', 'markdown.text').max ?? 0;
      if (typeof block.text !== 'string' || block.text.length === 0) issues.push({ pointer: `${at}/text`, message: 'markdown block needs text' });
      else if (block.text.length > max) issues.push({ pointer: `${at}/text`, message: `longer than ${max} (block-kit/limits.json blocks."markdown.text")` });
      return;
    }
    default:
      return checkExtraBlock(block, at, ctx);
  }
}

interface Ctx {
  limits: BlockKitLimits;
  issues: Issues;
  surface: Surface;
}

function checkSection(block: Json, at: string, ctx: Ctx): void {
  const { limits, issues } = ctx;
  if (block.text === undefined && block.fields === undefined) issues.push({ pointer: at, message: 'section needs text or fields' });
  if (block.text !== undefined) {
    const l = limits.get('blocks', 'section.text');
    checkText(block.text, `${at}/text`, ctx, { max: l.max, key: 'blocks."section.text"' });
  }
  if (block.fields !== undefined) {
    const max = limits.get('blocks', 'section.fields.maxItems').max ?? 0;
    if (!Array.isArray(block.fields)) issues.push({ pointer: `${at}/fields`, message: 'fields must be an array' });
    else {
      if (block.fields.length > max) issues.push({ pointer: `${at}/fields`, message: `no more than ${max} items allowed (block-kit/limits.json blocks."section.fields.maxItems")` });
      const fmax = limits.get('blocks', 'section.fields[].text').max;
      block.fields.forEach((f, i) => checkText(f, `${at}/fields/${i}`, ctx, { max: fmax, key: 'blocks."section.fields[].text"' }));
    }
  }
  if (block.accessory !== undefined) {
    const acc = block.accessory;
    if (!isObj(acc) || typeof acc.type !== 'string' || !SECTION_ACCESSORIES.has(acc.type)) issues.push({ pointer: `${at}/accessory`, message: 'unsupported accessory element' });
    else if (acc.type === 'image') checkImageElement(acc, `${at}/accessory`, ctx);
    else checkElement(acc, `${at}/accessory`, ctx);
  }
}

function checkContext(block: Json, at: string, ctx: Ctx): void {
  const max = ctx.limits.get('blocks', 'context.elements.maxItems').max ?? 0;
  const els = block.elements;
  if (!Array.isArray(els) || els.length === 0) return void ctx.issues.push({ pointer: `${at}/elements`, message: 'context needs at least 1 element' });
  if (els.length > max) ctx.issues.push({ pointer: `${at}/elements`, message: `no more than ${max} items allowed (block-kit/limits.json blocks."context.elements.maxItems")` });
  els.forEach((el, i) => {
    if (isObj(el) && el.type === 'image') checkImageElement(el, `${at}/elements/${i}`, ctx);
    else checkText(el, `${at}/elements/${i}`, ctx, { max: ctx.limits.get('composition', 'text_object.text').max, key: 'composition."text_object.text"' });
  });
}

function checkElementList(els: unknown, at: string, ctx: Ctx, allowed: Set<string>, limitKey: string): void {
  const max = ctx.limits.get('blocks', limitKey).max ?? 0;
  if (!Array.isArray(els) || els.length === 0) return void ctx.issues.push({ pointer: at, message: 'needs at least 1 element' });
  if (els.length > max) ctx.issues.push({ pointer: at, message: `no more than ${max} items allowed (block-kit/limits.json blocks."${limitKey}")` });
  els.forEach((el, i) => {
    if (!isObj(el) || typeof el.type !== 'string' || !allowed.has(el.type)) ctx.issues.push({ pointer: `${at}/${i}`, message: 'element type not allowed here' });
    else checkElement(el, `${at}/${i}`, ctx);
  });
}

function checkInput(block: Json, at: string, ctx: Ctx): void {
  const { limits, issues } = ctx;
  if (ctx.surface !== 'modal') issues.push({ pointer: at, message: `input blocks are only accepted in modals here, not in a ${ctx.surface}` });
  checkText(block.label, `${at}/label`, ctx, { max: limits.get('blocks', 'input.label.text').max, key: 'blocks."input.label.text"', plainOnly: true, required: true });
  if (block.hint !== undefined) checkText(block.hint, `${at}/hint`, ctx, { max: limits.get('blocks', 'input.hint.text').max, key: 'blocks."input.hint.text"', plainOnly: true });
  const el = block.element;
  if (!isObj(el) || typeof el.type !== 'string' || !INPUT_ELEMENTS.has(el.type)) issues.push({ pointer: `${at}/element`, message: 'input needs a supported element' });
  else checkElement(el, `${at}/element`, ctx);
}

function checkImage(block: Json, at: string, ctx: Ctx): void {
  checkImageElement(block, at, ctx);
  if (block.title !== undefined) checkText(block.title, `${at}/title`, ctx, { max: ctx.limits.get('blocks', 'image.title.text').max, key: 'blocks."image.title.text"', plainOnly: true });
}

function checkImageElement(el: Json, at: string, ctx: Ctx): void {
  const { limits, issues } = ctx;
  const alt = limits.get('blocks', 'image.alt_text').max ?? 0;
  const url = limits.get('blocks', 'image.image_url').max ?? 0;
  if (typeof el.alt_text !== 'string' || el.alt_text.length === 0) issues.push({ pointer: `${at}/alt_text`, message: 'alt_text is required' });
  else if (el.alt_text.length > alt) issues.push({ pointer: `${at}/alt_text`, message: `longer than ${alt} (block-kit/limits.json blocks."image.alt_text")` });
  if (el.image_url === undefined && el.slack_file === undefined) issues.push({ pointer: `${at}/image_url`, message: 'image_url or slack_file is required' });
  else if (typeof el.image_url === 'string' && el.image_url.length > url) issues.push({ pointer: `${at}/image_url`, message: `longer than ${url} (block-kit/limits.json blocks."image.image_url")` });
}
