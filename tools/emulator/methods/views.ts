import { checkView, formatIssues } from '../block-kit-view';
import { withIds } from '../normalize';
import { viewJson } from '../serialize';
import type { BlockKitLimits } from '../spec';
import type { EmulatorState } from '../state';
import { fail, type EmulatorView, type Json } from '../types';
import type { MethodHandler } from '../web-api';
import { knownUser, requireStr, str } from './common';

/** trigger_id rules (block-kit/limits.json surfaces."trigger_id.lifetime_seconds"): 3 s, single use. */
export const TRIGGER_LIFETIME_MS = 3000;

function exchangeTrigger(state: EmulatorState, triggerId: string): string {
  const trigger = state.triggers.get(triggerId);
  if (!trigger) fail('invalid_trigger_id', `trigger_id ${triggerId} was never issued by this workspace`);
  if (trigger.used) fail('exchanged_trigger_id', `trigger_id ${triggerId} was already used (single use)`);
  const age = state.clock.now() - trigger.issuedAt;
  if (age > TRIGGER_LIFETIME_MS) fail('expired_trigger_id', `trigger_id ${triggerId} is ${age} ms old; it lives ${TRIGGER_LIFETIME_MS} ms (block-kit/limits.json surfaces."trigger_id.lifetime_seconds")`);
  trigger.used = true;
  return trigger.userId;
}

function validView(args: Json, limits: BlockKitLimits, expected?: 'modal' | 'home'): Json {
  if (typeof args.view === 'string') fail('invalid_arguments', 'view is not valid JSON');
  const issues = checkView(args.view, limits, expected);
  const first = issues[0];
  if (first) fail('invalid_arguments', `${first.pointer}: ${first.message}`, { response_metadata: { messages: formatIssues(issues) } }, 'block_kit');
  return args.view as Json;
}

function newHash(state: EmulatorState): string {
  return `${Math.floor(state.clock.now() / 1000)}.${state.nextId('h').slice(2)}`;
}

function allViews(state: EmulatorState): EmulatorView[] {
  return [...[...state.modals.values()].flat(), ...state.homes.values()];
}

export function buildView(state: EmulatorState, input: Json, user: string, previous: EmulatorView | null): EmulatorView {
  const externalId = typeof input.external_id === 'string' ? input.external_id : '';
  if (externalId !== '' && allViews(state).some((v) => v.external_id === externalId)) fail('duplicate_external_id', `external_id ${externalId} is already used in this team`);
  const id = state.nextId('V');
  return {
    id,
    team_id: state.team.id,
    type: input.type === 'home' ? 'home' : 'modal',
    title: input.title as Json | undefined,
    submit: input.submit as Json | undefined,
    close: input.close as Json | undefined,
    blocks: withIds((input.blocks as Json[]) ?? [], state),
    private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
    callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
    external_id: externalId,
    hash: newHash(state),
    clear_on_close: input.clear_on_close === true,
    notify_on_close: input.notify_on_close === true,
    previous_view_id: previous?.id ?? null,
    root_view_id: previous?.root_view_id ?? id,
    app_id: state.team.appId,
    app_installed_team_id: state.team.id,
    bot_id: state.team.botId,
    state: { values: {} },
    user,
  };
}

/** Replace a view's content in place (same id): views.update and response_action update. Input values whose block survives are kept. */
export function replaceView(state: EmulatorState, view: EmulatorView, input: Json): void {
  const externalId = typeof input.external_id === 'string' ? input.external_id : view.external_id;
  Object.assign(view, {
    title: input.title,
    submit: input.submit,
    close: input.close,
    blocks: withIds((input.blocks as Json[]) ?? [], state),
    private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
    callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
    external_id: externalId,
    clear_on_close: input.clear_on_close === true,
    notify_on_close: input.notify_on_close === true,
    hash: newHash(state),
    errors: undefined,
  });
  const ids = new Set(view.blocks.map((b) => b.block_id).filter((x): x is string => typeof x === 'string'));
  view.state.values = Object.fromEntries(Object.entries(view.state.values).filter(([blockId]) => ids.has(blockId)));
}

const open: MethodHandler = (args, { state, limits }) => {
  const view = validView(args, limits, 'modal');
  const user = exchangeTrigger(state, requireStr(args, 'trigger_id'));
  const created = buildView(state, view, user, null);
  state.modals.set(user, [created]);
  return { view: viewJson(created) };
};

const push: MethodHandler = (args, { state, limits }) => {
  const view = validView(args, limits, 'modal');
  const user = exchangeTrigger(state, requireStr(args, 'trigger_id'));
  const stack = state.modals.get(user) ?? [];
  const top = stack[stack.length - 1];
  if (!top) fail('view_not_found', 'views.push needs a modal already open for this user');
  if (stack.length >= 3) fail('push_limit_reached', 'three views are already stacked (block-kit/limits.json surfaces."modal.view_stack.maxViews")');
  const created = buildView(state, view, user, top);
  stack.push(created);
  return { view: viewJson(created) };
};

const update: MethodHandler = (args, { state, limits }) => {
  const viewId = str(args, 'view_id');
  const externalId = str(args, 'external_id');
  if (!viewId && !externalId) fail('invalid_arguments', 'views.update needs view_id or external_id');
  const input = validView(args, limits);
  const target = allViews(state).find((v) => (viewId ? v.id === viewId : v.external_id === externalId));
  if (!target) fail('view_not_found', `no open view ${viewId ?? externalId ?? ''}`);
  const hash = str(args, 'hash');
  if (hash !== undefined && hash !== target.hash) fail('hash_conflict', `hash ${hash} is stale; the view is now at ${target.hash}`);
  if (input.type !== target.type) fail('invalid_arguments', `view ${target.id} is a ${target.type}; it cannot become a ${String(input.type)}`, {}, 'arguments');
  replaceView(state, target, input);
  return { view: viewJson(target) };
};

const publish: MethodHandler = (args, { state, limits }) => {
  const input = validView(args, limits, 'home');
  const user = knownUser(state, str(args, 'user_id'));
  const current = state.homes.get(user.id);
  const hash = str(args, 'hash');
  if (hash !== undefined && current && hash !== current.hash) fail('hash_conflict', `hash ${hash} is stale; the home is now at ${current.hash}`);
  if (current) {
    replaceView(state, current, input);
    return { view: viewJson(current) };
  }
  const created = buildView(state, input, user.id, null);
  state.homes.set(user.id, created);
  return { view: viewJson(created) };
};

export const viewMethods: Record<string, MethodHandler> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
