import crypto from 'node:crypto';
import { createDriver, type Driver, type DriverTarget } from './driver';
import { createFaultQueue } from './faults';
import { chatMethods } from './methods/chat';
import { directoryMethods } from './methods/directory';
import { fileMethods } from './methods/files';
import { viewMethods } from './methods/views';
import { createResponseUrls, type ResponseTarget } from './response-urls';
import { createReaders } from './readers';
import { createRateLimiter } from './rate-limits';
import { createRouter } from './router';
import { startHttpServer, type RawRequest, type RawResponse } from './server';
import { createSocketServer, type EnvelopeType } from './socket';
import { defaultReferenceDir, loadApiSpec, loadLimits } from './spec';
import { addChannel, addUser, createState, type ChannelInput, type EmulatorState, type UserInput } from './state';
import type { EmulatorChannel, EmulatorClock, EmulatorMessage, EmulatorUser, Fault, Json } from './types';
import { createWebApi } from './web-api';
import { createOidc, DEFAULT_OIDC_CLIENT, type OidcClient } from './oidc';

export type { Driver, DriverTarget, InteractionResult, Where, EventDelivery } from './driver';
export type * from './types';
export { SlackApiError } from './types';
export type { EmulatorState, UserInput, ChannelInput } from './state';
export { signRequest } from './signing';
export type { RawRequest, RawResponse } from './server';

export interface EmulatorOptions {
  signingSecret: string;
  botToken: string;
  appToken?: string;
  clock?: EmulatorClock;
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  appId?: string;
  botId?: string;
  botUserId?: string;
  botName?: string;
  referenceDir?: string;
  port?: number;
  /** Enforce each method's rate-limit tier (rate-limits/method_tiers.json) on the emulator clock. Default off. */
  rateLimits?: boolean;
  /** Sign in with Slack's client id and secret (default: DEFAULT_OIDC_CLIENT). */
  oidc?: OidcClient;
  /** Requests the emulator does not serve itself (the playground's page and assets); `undefined` → 404. */
  extraRoutes?: (req: RawRequest) => Promise<RawResponse | undefined>;
}

export async function startEmulator(options: EmulatorOptions) {
  const clock = options.clock ?? { now: () => Date.now() };
  const referenceDir = options.referenceDir ?? defaultReferenceDir();
  const team = {
    id: options.teamId ?? 'T0LEADWELL',
    name: options.teamName ?? 'Leadwell',
    domain: options.teamDomain ?? 'leadwell',
    appId: options.appId ?? 'A0LEADWELL',
    botId: options.botId ?? 'B0LEADWELL',
    botUserId: options.botUserId ?? 'U0LEADWELL',
    botName: options.botName ?? 'leadwell',
  };
  const state = createState(clock, team);
  addUser(state, { id: team.botUserId, name: team.botName, realName: 'Leadwell', isBot: true, botId: team.botId });
  const limits = loadLimits(referenceDir);
  const faults = createFaultQueue();
  const responseUrls = createResponseUrls(state, limits);
  let origin = '';
  const oidc = createOidc(state, options.oidc ?? DEFAULT_OIDC_CLIENT);
  const webApi = createWebApi({
    state,
    spec: loadApiSpec(referenceDir),
    limits,
    faults,
    handlers: { ...chatMethods, ...viewMethods, ...directoryMethods, ...fileMethods, ...oidc.handlers },
    isUserToken: oidc.isUserToken,
    botToken: options.botToken,
    appToken: options.appToken,
    origin: () => origin,
    rateLimiter: options.rateLimits ? createRateLimiter(referenceDir, state) : undefined,
  });

  const route = createRouter({ state, webApi, responseUrls, extraRoutes: async (req) => oidc.route(req) ?? options.extraRoutes?.(req) });

  const { server, origin: o } = await startHttpServer(options.port ?? 0, route);
  origin = o;
  const socket = createSocketServer(server, state);

  function issueTrigger(userId: string): string {
    const id = `${Math.floor(clock.now() / 1000)}.${state.nextId('t').slice(2)}.${crypto.randomBytes(8).toString('hex')}`;
    state.triggers.set(id, { userId, issuedAt: clock.now(), used: false });
    return id;
  }

  const drivers = { state, limits, signingSecret: options.signingSecret, socket, responseUrls, origin, issueTrigger };
  const seeding = createSeeding(state);

  return {
    url: `${origin}/api/`,
    origin,
    /** Sign in with Slack: the client id and secret the app must use. */
    oidcClient: oidc.client,
    /** The HTTP server (the playground may attach its own `upgrade` listener for paths other than `/link`). */
    server,
    state,
    clock,
    ...seeding,
    ...createReaders(state),
    inject: (method: string, fault: Fault, times = 1) => faults.inject(method, fault, times),
    clearFaults: () => faults.clear(),
    get calls() {
      return state.calls;
    },
    issueTrigger,
    issueResponseUrl: (target: ResponseTarget) => responseUrls.issue(origin, target),
    driver: (target: DriverTarget): Driver => createDriver(target, drivers),
    disconnectSocket: (reason?: string) => socket.disconnect(reason),
    socketConnected: () => socket.connected(),
    /** A raw Socket Mode envelope (any payload, optionally a chosen `envelope_id`); resolves with the app's ack. */
    sendEnvelope: (type: EnvelopeType, payload: Json, extra?: Json) => socket.send(type, payload, extra),
    waitForSocket: (timeoutMs?: number) => socket.waitForConnection(timeoutMs),
    async close() {
      await socket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

function createSeeding(state: EmulatorState) {
  const mustUser = (id: string): EmulatorUser => {
    const u = state.users.get(id);
    if (!u) throw new Error(`unknown user ${id}`);
    return u;
  };
  return {
    addUser: (input: UserInput): EmulatorUser => addUser(state, input),
    addBot: (input: { id?: string; name: string; botId?: string }): EmulatorUser =>
      addUser(state, { ...input, isBot: true, botId: input.botId ?? state.nextId('B') }),
    addChannel: (input: ChannelInput): EmulatorChannel => addChannel(state, input),
    deactivateUser: (id: string) => {
      mustUser(id).deleted = true;
      mustUser(id).updated = Math.floor(state.clock.now() / 1000);
    },
    setStatus: (id: string, text: string, emoji = '') => Object.assign(mustUser(id), { statusText: text, statusEmoji: emoji, updated: Math.floor(state.clock.now() / 1000) }),
    /** A message written by a person (for message shortcuts and reading tests): it does not reach the app. */
    postAs: (userId: string, channelId: string, text: string): EmulatorMessage => {
      mustUser(userId);
      const list = state.messages.get(channelId);
      if (!list) throw new Error(`unknown channel ${channelId}`);
      const message: EmulatorMessage = { type: 'message', ts: state.nextTs(), channel: channelId, user: userId, text, team: state.team.id };
      list.push(message);
      return message;
    },
    setBotMember: (channelId: string, isMember: boolean) => {
      const c = state.channels.get(channelId);
      if (!c) throw new Error(`unknown channel ${channelId}`);
      c.botMember = isMember;
      if (isMember) c.members.add(state.team.botUserId);
      else c.members.delete(state.team.botUserId);
    },
  };
}
