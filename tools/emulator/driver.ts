import { actionFor, elementsOf, type FoundElement } from './driver-elements';
import { closeView, currentValues, fillView, submitView, type FillValues, type ModalDeps } from './driver-modals';
import * as P from './driver-payloads';
import { createTransport, type DriverTarget, type InteractionResult } from './driver-transport';
import type { ResponseUrls } from './response-urls';
import { userJson, viewJson } from './serialize';
import type { SocketServer } from './socket';
import type { BlockKitLimits } from './spec';
import { dmWith, type EmulatorState } from './state';
import type { EmulatorChannel, Json } from './types';

export type { DriverTarget, InteractionResult } from './driver-transport';

export interface DriverDeps {
  state: EmulatorState;
  limits: BlockKitLimits;
  signingSecret: string;
  socket: SocketServer;
  responseUrls: ResponseUrls;
  origin: string;
  issueTrigger: (userId: string) => string;
}

export type Where = 'last-ephemeral' | 'home' | 'view' | 'last-dm' | { channel: string; ts: string };

export interface EventOptions {
  retryNum?: number;
  retryReason?: string;
  eventId?: string;
}

export interface EventDelivery extends InteractionResult {
  eventId: string;
  /** Re-sends the same event (same event_id) as Slack's retry number `n` (default: previous + 1). */
  retry(n?: number, reason?: string): Promise<EventDelivery>;
}

interface Surface {
  blocks: Json[];
  fields: Json;
  responseTarget?: { channelId: string; messageTs: string; isEphemeral: boolean };
}

export function createDriver(target: DriverTarget, deps: DriverDeps) {
  const { state } = deps;
  const send = createTransport(target, { state, signingSecret: deps.signingSecret, socket: deps.socket });
  const modalDeps: ModalDeps = {
    state,
    limits: deps.limits,
    send,
    issueTrigger: deps.issueTrigger,
    issueResponseUrl: (userId, channelId) => deps.responseUrls.issue(deps.origin, { userId, channelId }),
  };

  const user = (id: string) => {
    const u = state.users.get(id);
    if (!u) throw new Error(`driver: unknown user ${id}; add it with emulator.addUser first`);
    // Slack lets neither deactivated people nor bots click or type commands.
    if (u.deleted || u.isBot) throw new Error(`driver: ${id} is ${u.deleted ? 'deactivated' : 'a bot'} and cannot use Slack`);
    return u;
  };
  const channel = (id: string): EmulatorChannel => {
    const c = state.channels.get(id);
    if (!c) throw new Error(`driver: unknown channel ${id}`);
    return c;
  };
  const responseUrl = (userId: string, channelId: string, messageTs?: string, isEphemeral = false) =>
    deps.responseUrls.issue(deps.origin, { userId, channelId, messageTs, isEphemeral });

  async function command(userId: string, name: string, text = '', opts: { channelId?: string } = {}): Promise<InteractionResult> {
    const u = user(userId);
    const c = opts.channelId ? channel(opts.channelId) : dmWith(state, userId);
    const url = responseUrl(userId, c.id);
    const form = P.commandForm(state, { user: u, channel: c, command: name, text, responseUrl: url, triggerId: deps.issueTrigger(userId) });
    const result = await send({ kind: 'command', form });
    // Slack turns the acknowledgement body into a message for the user (ephemeral unless in_channel).
    if (result.status === 200 && result.body !== '') {
      const payload = typeof result.body === 'string' ? { text: result.body } : (result.body as Json);
      deps.responseUrls.deliverAck(url, payload);
      state.changed();
    }
    return result;
  }

  async function globalShortcut(userId: string, callbackId: string): Promise<InteractionResult> {
    return send({ kind: 'interactive', payload: P.globalShortcutPayload(state, user(userId), callbackId, deps.issueTrigger(userId)) });
  }

  async function messageShortcut(userId: string, callbackId: string, at: { channel: string; ts: string }): Promise<InteractionResult> {
    const c = channel(at.channel);
    const message = (state.messages.get(c.id) ?? []).find((m) => m.ts === at.ts);
    if (!message) throw new Error(`driver: no message ${at.ts} in ${at.channel}`);
    const { channel: _c, ...publicMessage } = message;
    const payload = P.messageShortcutPayload(state, { user: user(userId), channel: c, message: publicMessage, callbackId, triggerId: deps.issueTrigger(userId), responseUrl: responseUrl(userId, c.id, message.ts) });
    return send({ kind: 'interactive', payload });
  }

  function surfaces(userId: string, where: Where | undefined): Surface[] {
    const viewSurface = (v: Parameters<typeof viewJson>[0] | undefined): Surface[] =>
      v ? [{ blocks: v.blocks, fields: { container: { type: 'view', view_id: v.id }, view: { ...viewJson(v), state: { values: currentValues(v) } } } }] : [];
    const messageSurface = (c: EmulatorChannel, m: { ts: string; blocks?: Json[] } & Json, ephemeral: boolean): Surface => {
      const { channel: _c, source: _s, deleted: _d, user: _u, ...rest } = m;
      const fields: Json = { container: { type: 'message', message_ts: m.ts, channel_id: c.id, is_ephemeral: ephemeral }, channel: P.channelRef(c) };
      if (!ephemeral) fields.message = { ...rest, user: m.user };
      return { blocks: m.blocks ?? [], fields, responseTarget: { channelId: c.id, messageTs: m.ts, isEphemeral: ephemeral } };
    };
    const lastEphemeral = (): Surface[] => {
      const e = state.ephemerals.filter((x) => x.user === userId && !x.deleted).at(-1);
      return e ? [messageSurface(channel(e.channel), e as unknown as Json & { ts: string }, true)] : [];
    };
    const lastDm = (): Surface[] => {
      const dm = dmWith(state, userId);
      const m = state.messages.get(dm.id)?.at(-1);
      return m ? [messageSurface(dm, m as unknown as Json & { ts: string }, false)] : [];
    };
    if (where === 'view') return viewSurface(state.modals.get(userId)?.at(-1));
    if (where === 'home') return viewSurface(state.homes.get(userId));
    if (where === 'last-ephemeral') return lastEphemeral();
    if (where === 'last-dm') return lastDm();
    if (where) {
      const c = channel(where.channel);
      const m = state.messages.get(c.id)?.find((x) => x.ts === where.ts);
      const e = state.ephemerals.find((x) => x.user === userId && x.channel === c.id && x.ts === where.ts && !x.deleted);
      if (m) return [messageSurface(c, m as unknown as Json & { ts: string }, false)];
      return e ? [messageSurface(c, e as unknown as Json & { ts: string }, true)] : [];
    }
    return [...viewSurface(state.modals.get(userId)?.at(-1)), ...lastEphemeral(), ...lastDm(), ...viewSurface(state.homes.get(userId))];
  }

  /** A click on a button (or a pick in a select/overflow) in a message, the home tab or the open modal. */
  async function clickButton(userId: string, o: { actionId: string; value?: string; blockId?: string; where?: Where }): Promise<InteractionResult> {
    const u = user(userId);
    let hit: { surface: Surface; found: FoundElement } | undefined;
    for (const surface of surfaces(userId, o.where)) {
      const found = elementsOf(surface.blocks).find(
        (f) => f.element.action_id === o.actionId && (o.blockId === undefined || f.blockId === o.blockId) && (f.element.type !== 'button' || o.value === undefined || f.element.value === o.value),
      );
      if (found) {
        hit = { surface, found };
        break;
      }
    }
    if (!hit) throw new Error(`driver: no element with action_id ${o.actionId}${o.value ? ` and value ${o.value}` : ''} where ${JSON.stringify(o.where ?? 'anywhere')} for ${userId}`);
    const payload: Json = {
      type: 'block_actions',
      user: P.userRef(state, u),
      api_app_id: state.team.appId,
      token: P.VERIFICATION_TOKEN,
      trigger_id: deps.issueTrigger(userId),
      team: P.teamJson(state),
      enterprise: null,
      is_enterprise_install: false,
      ...hit.surface.fields,
      state: { values: {} },
      actions: [actionFor(hit.found, o.value, P.actionTs(state))],
    };
    const action = (payload.actions as Json[])[0] ?? {};
    const liveView = [state.modals.get(userId)?.at(-1), state.homes.get(userId)].find((v) => v && (payload.view as Json | undefined)?.id === v.id);
    if (liveView && hit.found.element.type !== 'button' && hit.found.element.type !== 'overflow') {
      // The client keeps what was picked: later submissions carry it in state.values.
      const { action_id: _a, block_id: _b, action_ts: _t, placeholder: _p, ...entry } = action;
      liveView.state.values[hit.found.blockId] = { ...liveView.state.values[hit.found.blockId], [String(action.action_id)]: entry };
    }
    if (liveView) payload.state = { values: currentValues(liveView) };
    if (payload.view) (payload.view as Json).state = payload.state;
    const rt = hit.surface.responseTarget;
    if (rt) payload.response_url = responseUrl(userId, rt.channelId, rt.messageTs, rt.isEphemeral);
    return send({ kind: 'interactive', payload });
  }

  async function event(type: string, ev: Json, opts: EventOptions = {}): Promise<EventDelivery> {
    const eventId = opts.eventId ?? state.nextId('Ev');
    const payload = P.eventCallback(state, type, ev, eventId);
    const deliver = async (retryNum: number | undefined, reason: string | undefined): Promise<EventDelivery> => {
      const result = await send({ kind: 'event', payload, retryNum, retryReason: reason });
      // Without a reason the transport says what Slack says: http_timeout over HTTP, timeout over Socket Mode.
      return { ...result, eventId, retry: (n, r) => deliver(n ?? (retryNum ?? 0) + 1, r ?? reason) };
    };
    return deliver(opts.retryNum, opts.retryReason);
  }

  /** Slack's check of a new Request URL: the app must echo the challenge. */
  async function urlVerification(): Promise<InteractionResult & { challenge: string }> {
    const challenge = `${state.nextId('ch')}${Math.random().toString(36).slice(2, 12)}`;
    const result = await send({ kind: 'event', payload: { token: P.VERIFICATION_TOKEN, challenge, type: 'url_verification' } });
    const echoed = typeof result.body === 'object' && result.body !== null ? (result.body as Json).challenge : result.body;
    if (echoed !== challenge) state.violations.push({ method: 'url_verification', args: { challenge }, error: 'challenge_failed', detail: `the app answered ${JSON.stringify(result.body).slice(0, 100)}`, rule: 'arguments' });
    return { ...result, challenge };
  }

  return {
    command,
    urlVerification,
    globalShortcut,
    messageShortcut,
    clickButton,
    fillView: (userId: string, values: FillValues) => fillView(state, userId, values),
    submitView: (userId: string) => submitView(modalDeps, userId),
    closeView: (userId: string) => closeView(modalDeps, userId),
    event,
    openHome: (userId: string) => {
      const home = state.homes.get(userId);
      return event('app_home_opened', { user: userId, channel: dmWith(state, userId).id, tab: 'home', ...(home ? { view: viewJson(home) } : {}) });
    },
    /** `user_change` with the user as users.info shows it now (change the user first, e.g. setStatus). */
    userChange: (userId: string) => {
      const changed = state.users.get(userId);
      if (!changed) throw new Error(`driver: unknown user ${userId}`);
      return event('user_change', { user: userJson(state, changed), cache_ts: Math.floor(state.clock.now() / 1000) });
    },
  };
}

export type Driver = ReturnType<typeof createDriver>;
