import { checkBlocks, type BlockKitIssue } from './block-kit';
import { checkText, type Issues } from './block-kit-elements';
import type { BlockKitLimits } from './spec';
import type { Json } from './types';

/** A modal or App Home view object, as views.open/push/update/publish and response_action update/push take it. */
export function checkView(view: unknown, limits: BlockKitLimits, expected?: 'modal' | 'home'): BlockKitIssue[] {
  const issues: Issues = [];
  if (typeof view !== 'object' || view === null || Array.isArray(view)) return [{ pointer: '/view', message: 'view must be a JSON object' }];
  const v = view as Json;
  if (v.type !== 'modal' && v.type !== 'home') return [{ pointer: '/view/type', message: 'view type must be modal or home' }];
  if (expected && v.type !== expected) issues.push({ pointer: '/view/type', message: `this method takes a ${expected} view` });
  const ctx = { limits, issues };
  const textMax = (key: string) => limits.get('surfaces', key).max;
  if (v.type === 'modal') {
    checkText(v.title, '/view/title', ctx, { max: textMax('modal.title.text'), key: 'surfaces."modal.title.text"', plainOnly: true, required: true });
    checkText(v.submit, '/view/submit', ctx, { max: textMax('modal.submit.text'), key: 'surfaces."modal.submit.text"', plainOnly: true });
    checkText(v.close, '/view/close', ctx, { max: textMax('modal.close.text'), key: 'surfaces."modal.close.text"', plainOnly: true });
    const hasInput = Array.isArray(v.blocks) && v.blocks.some((b) => typeof b === 'object' && b !== null && (b as Json).type === 'input');
    if (hasInput && v.submit === undefined) issues.push({ pointer: '/view/submit', message: 'submit is required when the view has input blocks (block-kit/limits.json surfaces."modal.submit.text" note)' });
  }
  const maxMeta = textMax('view.private_metadata') ?? 0;
  if (v.private_metadata !== undefined && (typeof v.private_metadata !== 'string' || v.private_metadata.length > maxMeta)) {
    issues.push({ pointer: '/view/private_metadata', message: `must be a string no longer than ${maxMeta} characters (block-kit/limits.json surfaces."view.private_metadata")` });
  }
  const maxCb = textMax('view.callback_id') ?? 0;
  if (v.callback_id !== undefined && (typeof v.callback_id !== 'string' || v.callback_id.length > maxCb)) {
    issues.push({ pointer: '/view/callback_id', message: `must be a string no longer than ${maxCb} characters (block-kit/limits.json surfaces."view.callback_id")` });
  }
  if (v.external_id !== undefined && typeof v.external_id !== 'string') issues.push({ pointer: '/view/external_id', message: 'must be a string' });
  if (v.blocks === undefined) issues.push({ pointer: '/view/blocks', message: 'blocks is required' });
  else issues.push(...checkBlocks(v.blocks, v.type === 'modal' ? 'modal' : 'home', limits, '/view/blocks'));
  return issues;
}

/** Slack's way of listing view errors: `[ERROR] message [json-pointer:/view/title/text]`. */
export function formatIssues(issues: BlockKitIssue[]): string[] {
  return issues.map((i) => `[ERROR] ${i.message} [json-pointer:${i.pointer}]`);
}
