import { READ_RETRY } from './web-client';
import type { IncomingMessage } from 'node:http';
import {
  HTTPReceiver,
  SocketModeReceiver,
  type App,
  type BufferedIncomingMessage,
  type CustomRoute,
  type Logger as BoltLogger,
  type Receiver,
  type ReceiverEvent,
} from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../config';
import type { Clock } from '../domain/ports';
import type { Logger } from '../logger';
import { guardRequestListener, SIGNATURE_WINDOW_S } from './http-guard';
import { requestShape } from './request-shape';

export const EVENTS_ENDPOINT = '/slack/events';
/** Socket Mode envelopes are remembered this long: Slack does not redeliver a command or interaction later. */
const ENVELOPE_MEMORY_MS = 10 * 60_000;
/** Allowance for instances whose clocks differ slightly. */
const CLOCK_MARGIN_MS = 60_000;

/** What the request guard in the middleware needs to recognise a replay: a key and how long to keep it. */
export interface RequestKey {
  requestKey: string;
  requestKeyExpiresAt: number;
}

function signatureKey(req: IncomingMessage): RequestKey | Record<string, never> {
  const signature = req.headers['x-slack-signature'];
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  if (typeof signature !== 'string' || !Number.isFinite(timestamp)) return {};
  return { requestKey: `sig:${signature}`, requestKeyExpiresAt: (timestamp + SIGNATURE_WINDOW_S) * 1000 + CLOCK_MARGIN_MS };
}

/**
 * Stands between a Bolt receiver and the App: every request is acknowledged exactly once, whatever happens.
 * A body Bolt cannot take is acked and dropped (Socket Mode has no 400 to give); a request no listener acked
 * (an unknown kind, a listener that threw first) is acked once processing ends; an error that escapes Bolt is
 * logged without the body and the receiver keeps serving. Listeners and the error handler can ack early
 * through `context.ackNow`.
 */
function guardedProcessing(app: App, logger: Logger, screened: boolean) {
  return async (event: ReceiverEvent): Promise<void> => {
    let acked = false;
    const ack = async (response?: unknown): Promise<void> => {
      if (acked) return;
      acked = true;
      await event.ack(response);
    };
    const kind = typeof event.body?.type === 'string' ? event.body.type : typeof event.body?.command === 'string' ? 'command' : 'unknown';
    try {
      if (!screened && requestShape(event.body) !== 'ok') {
        logger.info({ kind }, 'request ignored: not a kind or structure Leadwell takes');
        return;
      }
      await app.processEvent({ ...event, ack, customProperties: { ...event.customProperties, ackNow: () => ack() } });
    } catch (err) {
      logger.error({ kind, errName: (err as Error | undefined)?.name, code: (err as { code?: unknown } | undefined)?.code }, 'request failed outside any listener; acknowledged');
    } finally {
      await ack().catch(() => undefined);
    }
  };
}

/**
 * A receiver whose App is reached only through `guardedProcessing`. `screened`: every body already passed
 * `requestShape` on its way in (the HTTP guard checks each request to the endpoint, and Bolt parses the same
 * bytes with the same function), so checking it again would only cost a second schema walk.
 */
function guarded(inner: Receiver, logger: Logger, screened = false): Receiver {
  return {
    init: (app: App) => inner.init({ processEvent: guardedProcessing(app, logger, screened) } as unknown as App),
    start: (...args: unknown[]) => inner.start(...args),
    stop: (...args: unknown[]) => inner.stop(...args),
  };
}

export interface ReceiverOptions {
  config: Config;
  logger: Logger;
  boltLogger: BoltLogger;
  customRoutes: CustomRoute[];
  clientOptions: WebClientOptions;
  /** Real time, for signature windows and envelope memory. */
  requestClock: Clock;
}

/** The guarded receiver for the configured mode; in Socket Mode also Bolt's own receiver, whose client reports the connection. */
export function createReceiver(o: ReceiverOptions): { receiver: Receiver; socket?: SocketModeReceiver } {
  const { config } = o;
  if (config.mode === 'socket') {
    const socket = new SocketModeReceiver({
      appToken: config.slack.appToken as string,
      logger: o.boltLogger,
      // This client only opens connections (apps.connections.open): idempotent, so it may retry briefly.
      installerOptions: { port: config.port, clientOptions: { ...o.clientOptions, retryConfig: READ_RETRY } },
      ...(config.port > 0 ? { customRoutes: o.customRoutes } : {}),
      customPropertiesExtractor: (args: { envelope_id?: unknown }): RequestKey | Record<string, never> =>
        typeof args.envelope_id === 'string' ? { requestKey: `envelope:${args.envelope_id}`, requestKeyExpiresAt: o.requestClock.now() + ENVELOPE_MEMORY_MS } : {},
      // An error Bolt could not hand to a listener still gets its envelope acked: Slack must not wait on it.
      processEventErrorHandler: async () => true,
    });
    return { receiver: guarded(socket, o.logger), socket };
  }
  const signingSecret = config.slack.signingSecret as string;
  const http = new HTTPReceiver({
    signingSecret,
    endpoints: EVENTS_ENDPOINT,
    customRoutes: o.customRoutes,
    logger: o.boltLogger,
    // Unknown paths and bad signatures are answered by the receiver; keep Slack's 3 s budget for listeners.
    unhandledRequestTimeoutMillis: 3001,
    // The guard below verifies every request to the endpoint (both time directions, which Bolt does not) and
    // answers what fails; verifying again in Bolt cost a second HMAC and a double-HMAC compare on every request.
    signatureVerification: false,
    customPropertiesExtractor: (req: BufferedIncomingMessage) => signatureKey(req),
  });
  http.requestListener = guardRequestListener(http.requestListener, {
    signingSecret,
    endpoint: EVENTS_ENDPOINT,
    clock: o.requestClock,
    logger: o.logger.child({ area: 'receiver' }),
  });
  return { receiver: guarded(http, o.logger.child({ area: 'receiver' }), true) };
}
