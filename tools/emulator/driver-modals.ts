import { checkView, formatIssues } from './block-kit-view';
import { elementsOf, isFilled, stateEntry } from './driver-elements';
import { teamJson, userRef, VERIFICATION_TOKEN } from './driver-payloads';
import type { Delivery, InteractionResult } from './driver-transport';
import { buildView, replaceView } from './methods/views';
import { viewJson } from './serialize';
import type { BlockKitLimits } from './spec';
import type { EmulatorState } from './state';
import { summarizeArgs, type EmulatorView, type Json } from './types';

export interface ModalDeps {
  state: EmulatorState;
  limits: BlockKitLimits;
  send: (d: Delivery) => Promise<InteractionResult>;
  issueTrigger: (userId: string) => string;
  issueResponseUrl: (userId: string, channelId: string) => string;
}

export type FillValues = Record<string, Record<string, unknown>>;

export function topView(state: EmulatorState, userId: string): EmulatorView {
  const view = state.modals.get(userId)?.at(-1);
  if (!view) throw new Error(`user ${userId} has no open modal`);
  return view;
}

/** What the user typed or picked, stored like Slack's client keeps it until submit. */
export function fillView(state: EmulatorState, userId: string, values: FillValues): void {
  const view = topView(state, userId);
  const found = elementsOf(view.blocks);
  for (const [blockId, byAction] of Object.entries(values)) {
    for (const [actionId, value] of Object.entries(byAction)) {
      const hit = found.find((f) => f.blockId === blockId && f.element.action_id === actionId);
      if (!hit) throw new Error(`view ${view.callback_id} has no element ${blockId}/${actionId} (has: ${found.map((f) => `${f.blockId}/${String(f.element.action_id)}`).join(', ')})`);
      view.state.values[blockId] = { ...view.state.values[blockId], [actionId]: stateEntry(hit.element, value) };
    }
  }
}

/** `view.state.values` as Slack sends it: every input block's element, filled or initial. */
export function currentValues(view: EmulatorView): EmulatorView['state']['values'] {
  const values: EmulatorView['state']['values'] = {};
  for (const f of elementsOf(view.blocks)) {
    const filled = view.state.values[f.blockId]?.[String(f.element.action_id)];
    if (!filled && f.block.type !== 'input') continue;
    values[f.blockId] = { ...values[f.blockId], [String(f.element.action_id)]: filled ?? stateEntry(f.element, undefined) };
  }
  return values;
}

function missingRequired(view: EmulatorView, values: EmulatorView['state']['values']): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of elementsOf(view.blocks)) {
    if (f.block.type !== 'input' || f.block.optional === true) continue;
    const entry = values[f.blockId]?.[String(f.element.action_id)];
    if (!entry || !isFilled(entry)) errors[f.blockId] = 'Please fill out this required field.';
  }
  return errors;
}

function recordViolation(state: EmulatorState, error: string, detail: string, args: Json): void {
  state.violations.push({ method: 'view_submission_response', args: summarizeArgs(args), error, detail, rule: 'block_kit' });
}

/** How Slack's client acts on the app's answer to a view_submission. */
function applyResponse(deps: ModalDeps, userId: string, view: EmulatorView, body: unknown): Record<string, string> | undefined {
  const { state } = deps;
  const stack = state.modals.get(userId) ?? [];
  if (body === '' || body === undefined || body === null) {
    stack.splice(stack.indexOf(view), 1);
    if (stack.length === 0) state.modals.delete(userId);
    return undefined;
  }
  const res = body as Json;
  switch (res.response_action) {
    case 'errors': {
      const errors = (res.errors ?? {}) as Record<string, string>;
      const inputIds = new Set(view.blocks.filter((b) => b.type === 'input').map((b) => String(b.block_id)));
      const unknown = Object.keys(errors).filter((id) => !inputIds.has(id));
      if (unknown.length > 0) recordViolation(state, 'invalid_arguments', `errors name blocks that are not input blocks of the view: ${unknown.join(', ')}`, res);
      view.errors = errors;
      return errors;
    }
    case 'update':
    case 'push': {
      const issues = checkView(res.view, deps.limits, 'modal');
      if (issues.length > 0) {
        recordViolation(state, 'invalid_arguments', formatIssues(issues).join('; '), res);
        return undefined;
      }
      if (res.response_action === 'update') replaceView(state, view, res.view as Json);
      else if (stack.length >= 3) recordViolation(state, 'push_limit_reached', 'three views are already stacked', res);
      else stack.push(buildView(state, res.view as Json, userId, view));
      return undefined;
    }
    case 'clear':
      state.modals.delete(userId);
      return undefined;
    default:
      recordViolation(state, 'invalid_response', `unexpected answer to view_submission: ${JSON.stringify(body).slice(0, 200)}`, res);
      return undefined;
  }
}

/** Inputs with `response_url_enabled` (conversations/channels selects) get a response_url for the picked channel. */
function responseUrlsFor(deps: ModalDeps, userId: string, view: EmulatorView): Json[] {
  const out: Json[] = [];
  for (const f of elementsOf(view.blocks)) {
    if (f.block.type !== 'input' || f.element.response_url_enabled !== true) continue;
    const entry = view.state.values[f.blockId]?.[String(f.element.action_id)];
    const channelId = entry?.selected_conversation ?? entry?.selected_channel;
    if (typeof channelId !== 'string') continue;
    out.push({ block_id: f.blockId, action_id: f.element.action_id, channel_id: channelId, response_url: deps.issueResponseUrl(userId, channelId) });
  }
  return out;
}

export async function submitView(deps: ModalDeps, userId: string): Promise<InteractionResult> {
  const { state } = deps;
  const view = topView(state, userId);
  const user = state.users.get(userId);
  if (!user) throw new Error(`unknown user ${userId}`);
  if (view.submit === undefined) throw new Error(`view ${view.callback_id} has no submit button: Slack shows none to press`);
  const values = currentValues(view);
  const missing = missingRequired(view, values);
  if (Object.keys(missing).length > 0) return { status: 0, body: '', errors: missing };
  view.state.values = values;
  view.errors = undefined;
  const payload: Json = {
    type: 'view_submission',
    team: teamJson(state),
    user: userRef(state, user),
    api_app_id: state.team.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: deps.issueTrigger(userId),
    view: viewJson(view),
    response_urls: responseUrlsFor(deps, userId, view),
    is_enterprise_install: false,
    enterprise: null,
  };
  const result = await deps.send({ kind: 'interactive', payload });
  if (result.status !== 200) return result;
  const errors = applyResponse(deps, userId, view, result.body);
  state.changed();
  return errors ? { ...result, errors } : result;
}

/** The user closes the top modal: Slack tells the app only when the view asked (`notify_on_close`). */
export async function closeView(deps: ModalDeps, userId: string): Promise<InteractionResult | undefined> {
  const { state } = deps;
  const view = topView(state, userId);
  const user = state.users.get(userId);
  if (!user) throw new Error(`unknown user ${userId}`);
  const stack = state.modals.get(userId) ?? [];
  if (view.clear_on_close) state.modals.delete(userId);
  else {
    stack.pop();
    if (stack.length === 0) state.modals.delete(userId);
  }
  state.changed();
  if (!view.notify_on_close) return undefined;
  const payload: Json = {
    type: 'view_closed',
    team: teamJson(state),
    user: userRef(state, user),
    api_app_id: state.team.appId,
    token: VERIFICATION_TOKEN,
    view: { ...viewJson(view), state: { values: currentValues(view) } },
    is_cleared: view.clear_on_close,
    is_enterprise_install: false,
    enterprise: null,
  };
  return deps.send({ kind: 'interactive', payload });
}
