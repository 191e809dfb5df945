import type { BlockKitLimits } from './spec';
import { checkRichTextInput } from './block-kit-extra';
import type { Json } from './types';

export type Issues = { pointer: string; message: string }[];

interface Ctx {
  limits: BlockKitLimits;
  issues: Issues;
}

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface TextRule {
  max?: number;
  /** The limits.json entry the max came from, quoted in the violation. */
  key: string;
  plainOnly?: boolean;
  required?: boolean;
}

/** A text composition object: `{ type: plain_text | mrkdwn, text }`, 1..max characters. */
export function checkText(value: unknown, at: string, ctx: Ctx, rule: TextRule): void {
  const { issues } = ctx;
  if (value === undefined) {
    if (rule.required) issues.push({ pointer: at, message: 'required text object is missing' });
    return;
  }
  if (!isObj(value)) return void issues.push({ pointer: at, message: 'must be a text object' });
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') return void issues.push({ pointer: `${at}/type`, message: 'must be plain_text or mrkdwn' });
  if (rule.plainOnly && value.type !== 'plain_text') issues.push({ pointer: `${at}/type`, message: `must be plain_text (${rule.key})` });
  if (value.type === 'mrkdwn' && value.emoji !== undefined) issues.push({ pointer: `${at}/emoji`, message: 'emoji is only allowed on plain_text' });
  if (typeof value.text !== 'string' || value.text.length === 0) return void issues.push({ pointer: `${at}/text`, message: 'must be at least 1 character (block-kit/limits.json composition."text_object.text")' });
  const max = rule.max ?? ctx.limits.get('composition', 'text_object.text').max ?? 3000;
  if (value.text.length > max) issues.push({ pointer: `${at}/text`, message: `must be no longer than ${max} characters (block-kit/limits.json ${rule.key})` });
}

function checkString(value: unknown, at: string, ctx: Ctx, section: 'elements' | 'composition', key: string): void {
  if (value === undefined) return;
  const max = ctx.limits.get(section, key).max ?? 0;
  if (typeof value !== 'string') ctx.issues.push({ pointer: at, message: 'must be a string' });
  else if (value.length > max) ctx.issues.push({ pointer: at, message: `must be no longer than ${max} characters (block-kit/limits.json ${section}."${key}")` });
}

function checkMaxItems(value: unknown, at: string, ctx: Ctx, section: 'elements' | 'composition', key: string): value is unknown[] {
  if (value === undefined) return false;
  if (!Array.isArray(value)) return void ctx.issues.push({ pointer: at, message: 'must be an array' }), false;
  const { max, min } = ctx.limits.get(section, key);
  if (max !== undefined && value.length > max) ctx.issues.push({ pointer: at, message: `no more than ${max} items allowed (block-kit/limits.json ${section}."${key}")` });
  if (min !== undefined && value.length < min) ctx.issues.push({ pointer: at, message: `at least ${min} items required (block-kit/limits.json ${section}."${key}")` });
  return true;
}

/** An option object. Select menus and overflow take plain_text; checkboxes and radios may use mrkdwn. */
function checkOption(opt: unknown, at: string, ctx: Ctx, plainOnly: boolean): void {
  if (!isObj(opt)) return void ctx.issues.push({ pointer: at, message: 'option must be an object' });
  checkText(opt.text, `${at}/text`, ctx, { max: ctx.limits.get('composition', 'option.text.text').max, key: 'composition."option.text.text"', plainOnly, required: true });
  // option.value: 150 per Slack's server-side docs and python-slack-sdk (limits.json notes @slack/types says 75).
  if (typeof opt.value !== 'string' || opt.value.length === 0) ctx.issues.push({ pointer: `${at}/value`, message: 'option value is required' });
  else checkString(opt.value, `${at}/value`, ctx, 'composition', 'option.value');
  if (opt.description !== undefined) checkText(opt.description, `${at}/description`, ctx, { max: ctx.limits.get('composition', 'option.description.text').max, key: 'composition."option.description.text"', plainOnly });
  checkString(opt.url, `${at}/url`, ctx, 'composition', 'option.url');
}

function checkConfirm(confirm: unknown, at: string, ctx: Ctx): void {
  if (confirm === undefined) return;
  if (!isObj(confirm)) return void ctx.issues.push({ pointer: at, message: 'confirm must be an object' });
  const l = (k: string) => ctx.limits.get('composition', k).max;
  checkText(confirm.title, `${at}/title`, ctx, { max: l('confirm.title.text'), key: 'composition."confirm.title.text"', plainOnly: true, required: true });
  checkText(confirm.text, `${at}/text`, ctx, { max: l('confirm.text.text'), key: 'composition."confirm.text.text"', required: true });
  checkText(confirm.confirm, `${at}/confirm`, ctx, { max: l('confirm.confirm.text'), key: 'composition."confirm.confirm.text"', plainOnly: true, required: true });
  checkText(confirm.deny, `${at}/deny`, ctx, { max: l('confirm.deny.text'), key: 'composition."confirm.deny.text"', plainOnly: true, required: true });
}

function optionValues(el: Json): string[] {
  const direct = Array.isArray(el.options) ? el.options : [];
  const grouped = Array.isArray(el.option_groups) ? el.option_groups.flatMap((g) => (isObj(g) && Array.isArray(g.options) ? g.options : [])) : [];
  return [...direct, ...grouped].map((o) => (isObj(o) ? String(o.value) : ''));
}

function checkOptionsElement(el: Json, at: string, ctx: Ctx, type: string): void {
  const plainOnly = type !== 'checkboxes' && type !== 'radio_buttons';
  const key = type === 'overflow' ? 'overflow.options' : type === 'checkboxes' || type === 'radio_buttons' ? `${type}.options.maxItems` : `${type === 'multi_static_select' ? 'multi_static_select' : 'static_select'}.options.maxItems`;
  if (el.options === undefined && el.option_groups === undefined) ctx.issues.push({ pointer: `${at}/options`, message: 'options or option_groups is required' });
  if (checkMaxItems(el.options, `${at}/options`, ctx, 'elements', key)) (el.options as unknown[]).forEach((o, i) => checkOption(o, `${at}/options/${i}`, ctx, plainOnly));
  if (checkMaxItems(el.option_groups, `${at}/option_groups`, ctx, 'elements', 'static_select.option_groups.maxItems')) {
    (el.option_groups as unknown[]).forEach((g, gi) => {
      const gat = `${at}/option_groups/${gi}`;
      if (!isObj(g)) return void ctx.issues.push({ pointer: gat, message: 'option group must be an object' });
      checkText(g.label, `${gat}/label`, ctx, { max: ctx.limits.get('composition', 'option_group.label.text').max, key: 'composition."option_group.label.text"', plainOnly: true, required: true });
      if (checkMaxItems(g.options, `${gat}/options`, ctx, 'composition', 'option_group.options.maxItems')) (g.options as unknown[]).forEach((o, i) => checkOption(o, `${gat}/options/${i}`, ctx, true));
    });
  }
  // Slack rejects an initial option that is not one of the options.
  const values = optionValues(el);
  const initial = el.initial_option !== undefined ? [el.initial_option] : Array.isArray(el.initial_options) ? el.initial_options : [];
  initial.forEach((o) => {
    if (isObj(o) && !values.includes(String(o.value))) ctx.issues.push({ pointer: `${at}/initial_option`, message: `initial option "${String(o.value)}" is not one of the options` });
  });
}

/** Any interactive element: action_id, placeholders, per-type limits. */
export function checkElement(el: Json, at: string, ctx: Ctx): void {
  const type = String(el.type);
  checkString(el.action_id, `${at}/action_id`, ctx, 'elements', 'action_id');
  if (el.placeholder !== undefined) checkText(el.placeholder, `${at}/placeholder`, ctx, { max: ctx.limits.get('elements', 'placeholder.text').max, key: 'elements."placeholder.text"', plainOnly: true });
  checkConfirm(el.confirm, `${at}/confirm`, ctx);
  if (type === 'button') {
    checkText(el.text, `${at}/text`, ctx, { max: ctx.limits.get('elements', 'button.text.text').max, key: 'elements."button.text.text"', plainOnly: true, required: true });
    checkString(el.value, `${at}/value`, ctx, 'elements', 'button.value');
    checkString(el.url, `${at}/url`, ctx, 'elements', 'button.url');
    checkString(el.accessibility_label, `${at}/accessibility_label`, ctx, 'elements', 'button.accessibility_label');
    if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') ctx.issues.push({ pointer: `${at}/style`, message: 'style must be primary or danger' });
  } else if (['static_select', 'multi_static_select', 'overflow', 'checkboxes', 'radio_buttons'].includes(type)) {
    checkOptionsElement(el, at, ctx, type);
  } else if (type === 'plain_text_input') {
    const l = ctx.limits.get('elements', 'plain_text_input.min_length');
    const min = el.min_length;
    if (min !== undefined && (typeof min !== 'number' || min < (l.min ?? 0) || min > (l.max ?? 3000))) ctx.issues.push({ pointer: `${at}/min_length`, message: `must be between ${l.min} and ${l.max} (block-kit/limits.json elements."plain_text_input.min_length")` });
    if (el.max_length !== undefined && typeof min === 'number' && (typeof el.max_length !== 'number' || el.max_length < min)) ctx.issues.push({ pointer: `${at}/max_length`, message: 'must be >= min_length (block-kit/limits.json elements."plain_text_input.max_length")' });
    if (typeof el.initial_value === 'string' && typeof el.max_length === 'number' && el.initial_value.length > el.max_length) ctx.issues.push({ pointer: `${at}/initial_value`, message: 'initial_value longer than max_length' });
  } else if (type === 'datepicker' && el.initial_date !== undefined) {
    if (typeof el.initial_date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(el.initial_date)) ctx.issues.push({ pointer: `${at}/initial_date`, message: 'initial_date must be YYYY-MM-DD' });
  } else if (type === 'rich_text_input') {
    checkRichTextInput(el, at, ctx);
  } else if (type === 'file_input' && el.max_files !== undefined) {
    const l = ctx.limits.get('elements', 'file_input.max_files');
    if (typeof el.max_files !== 'number' || el.max_files < (l.min ?? 1) || el.max_files > (l.max ?? 10)) ctx.issues.push({ pointer: `${at}/max_files`, message: `must be between ${l.min} and ${l.max} (block-kit/limits.json elements."file_input.max_files")` });
  }
  if (type.startsWith('multi_') && el.max_selected_items !== undefined) {
    const min = ctx.limits.get('elements', 'multi_*_select.max_selected_items').min ?? 1;
    if (typeof el.max_selected_items !== 'number' || el.max_selected_items < min) ctx.issues.push({ pointer: `${at}/max_selected_items`, message: `must be at least ${min} (block-kit/limits.json elements."multi_*_select.max_selected_items")` });
  }
}
