import type { BlockKitLimits } from './spec';
import type { Json } from './types';

/** The less common blocks' limits from block-kit/limits.json: video, table, card, carousel, rich text. */

interface Ctx {
  limits: BlockKitLimits;
  issues: { pointer: string; message: string }[];
}

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A text that may be a string or a text object. */
function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isObj(v) && typeof v.text === 'string') return v.text;
  return undefined;
}

function maxLen(value: unknown, at: string, ctx: Ctx, key: string, required = false): void {
  const text = textOf(value);
  if (text === undefined) {
    if (required) ctx.issues.push({ pointer: at, message: 'is required' });
    return;
  }
  const max = ctx.limits.get('blocks', key).max ?? 0;
  if (text.length > max) ctx.issues.push({ pointer: at, message: `must be no longer than ${max} characters (block-kit/limits.json blocks."${key}")` });
}

function countRange(list: unknown, at: string, ctx: Ctx, section: 'blocks' | 'elements', key: string): void {
  const { min, max } = ctx.limits.get(section, key);
  if (!Array.isArray(list)) return void ctx.issues.push({ pointer: at, message: 'must be an array' });
  if (max !== undefined && list.length > max) ctx.issues.push({ pointer: at, message: `no more than ${max} items allowed (block-kit/limits.json ${section}."${key}")` });
  if (min !== undefined && list.length < min) ctx.issues.push({ pointer: at, message: `at least ${min} items required (block-kit/limits.json ${section}."${key}")` });
}

function checkRichText(elements: unknown, at: string, ctx: Ctx): void {
  if (!Array.isArray(elements)) return;
  const { min, max } = ctx.limits.get('elements', 'rich_text_list.indent');
  elements.forEach((el, i) => {
    if (!isObj(el)) return;
    if (el.type === 'rich_text_list' && el.indent !== undefined && (typeof el.indent !== 'number' || el.indent < (min ?? 0) || el.indent > (max ?? 8))) {
      ctx.issues.push({ pointer: `${at}/${i}/indent`, message: `must be between ${min} and ${max} (block-kit/limits.json elements."rich_text_list.indent")` });
    }
    checkRichText(el.elements, `${at}/${i}/elements`, ctx);
  });
}

export function checkExtraBlock(block: Json, at: string, ctx: Ctx): void {
  switch (block.type) {
    case 'video':
      maxLen(block.title, `${at}/title`, ctx, 'video.title.text', true);
      maxLen(block.author_name, `${at}/author_name`, ctx, 'video.author_name');
      for (const key of ['alt_text', 'video_url', 'thumbnail_url']) if (typeof block[key] !== 'string') ctx.issues.push({ pointer: `${at}/${key}`, message: 'is required' });
      return;
    case 'table':
      countRange(block.rows, `${at}/rows`, ctx, 'blocks', 'table.rows.maxItems');
      if (Array.isArray(block.rows)) block.rows.forEach((row, i) => countRange(row, `${at}/rows/${i}`, ctx, 'blocks', 'table.row.cells.maxItems'));
      return;
    case 'card':
      maxLen(block.title, `${at}/title`, ctx, 'card.title/subtitle');
      maxLen(block.subtitle, `${at}/subtitle`, ctx, 'card.title/subtitle');
      maxLen(block.body, `${at}/body`, ctx, 'card.body');
      return;
    case 'carousel':
      countRange(block.elements, `${at}/elements`, ctx, 'blocks', 'carousel.elements');
      return;
    case 'rich_text':
      checkRichText(block.elements, `${at}/elements`, ctx);
      return;
    default:
      return;
  }
}

/** rich_text_input line counts, checked wherever the element appears. */
export function checkRichTextInput(el: Json, at: string, ctx: Ctx): void {
  const { min, max } = ctx.limits.get('elements', 'rich_text_input.min_lines/max_lines');
  for (const key of ['min_lines', 'max_lines']) {
    const v = el[key];
    if (v !== undefined && (typeof v !== 'number' || v < (min ?? 1) || v > (max ?? 100))) {
      ctx.issues.push({ pointer: `${at}/${key}`, message: `must be between ${min} and ${max} (block-kit/limits.json elements."rich_text_input.min_lines/max_lines")` });
    }
  }
}
