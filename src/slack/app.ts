import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type CustomRoute } from '@slack/bolt';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { boltLoggerAdapter } from '../logger';
import type { DeliveryLog, Clock, SeenRequests } from '../domain/ports';
import { registerListeners, type ListenerDeps } from './listeners';
import { createErrorHandler } from './error-handler';
import { requestContext } from './middleware';
import { webClientOptions } from './web-client';
import { createReceiver } from './receiver';
import { startingHealthServer, waitForSlack } from './startup';
import { instrumentWebApi } from './web-api-metrics';
import type { Metrics } from '../metrics';

/** Where the Slack connection stands; /healthz reports it. HTTP mode is "connected" once it listens. */
export type SlackConnection = 'starting' | 'connected' | 'reconnecting' | 'disconnected';

export interface Health {
  ok: boolean;
  database: boolean;
  /** Why not ok, in plain words for an operator. */
  reason?: string;
  contentItems: number;
  version: string;
  /** The storage engine and the schema's migration version. */
  engine: 'sqlite' | 'postgres';
  schemaVersion: number;
}

/** What /healthz answers: the app's own checks plus the Slack connection. */
export interface HealthReport extends Health {
  status: 'ok' | 'starting' | 'degraded';
  slack: SlackConnection;
}

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  clock: Clock;
  deliveries: DeliveryLog;
  /** Signed requests and envelopes already taken (replay memory, shared by every instance on the database). */
  seenRequests: SeenRequests;
  /** Real time for signature windows; the app's clock may travel in tests and the playground. */
  requestClock: Clock;
  health: () => Promise<Health>;
  deps: ListenerDeps;
  metrics: Metrics;
  /** More routes on the app's HTTP server beside /healthz and /metrics (the web dashboard). */
  routes?: CustomRoute[];
  /** How long start() keeps retrying an unreachable Slack before giving up (default 2 minutes). */
  startupDeadlineMs?: number;
}

export interface SlackApp {
  app: App;
  /** The services the listeners call (tests and the playground seed through them). */
  deps: ListenerDeps;
  start(): Promise<{ botUserId: string; teamId: string }>;
  stop(): Promise<void>;
  healthReport(): Promise<HealthReport>;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, logger } = options;
  const boltLogger = boltLoggerAdapter(logger);
  let connection: SlackConnection = 'starting';
  const healthReport = async (): Promise<HealthReport> => {
    const h = await options.health();
    const status = connection === 'starting' ? 'starting' : h.ok && connection === 'connected' ? 'ok' : 'degraded';
    return { ...h, ok: status === 'ok', status, slack: connection };
  };
  const healthRoute: CustomRoute = {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      healthReport()
        .then((report) => {
          res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify(report));
        })
        .catch(() => {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, status: 'degraded', reason: 'health check failed' }));
        });
    },
  };
  const metricsRoute: CustomRoute = {
    path: '/metrics',
    method: ['GET'],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      options.metrics.registry
        .metrics()
        .then((text) => {
          res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
          res.end(text);
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
    },
  };
  instrumentWebApi();
  const clientOptions = webClientOptions(config);
  const customRoutes = [healthRoute, metricsRoute, ...(options.routes ?? [])];

  const { receiver, socket } = createReceiver({ config, logger, boltLogger, customRoutes, clientOptions, requestClock: options.requestClock });
  socket?.client.on('connected', () => (connection = 'connected'));
  socket?.client.on('reconnecting', () => (connection = 'reconnecting'));
  socket?.client.on('disconnected', () => {
    if (connection !== 'starting') connection = 'disconnected';
  });

  const app = new App({
    token: config.slack.botToken,
    receiver,
    logger: boltLogger,
    clientOptions,
    extendedErrorHandler: true,
    deferInitialization: true,
    // Leadwell keeps no conversation state in Bolt; the default store costs every request.
    convoStore: false,
  });

  app.use(
    requestContext({ logger, deliveries: options.deliveries, clock: options.clock, metrics: options.metrics, seen: options.seenRequests, requestClock: options.requestClock }),
  );
  app.error(createErrorHandler({ client: app.client, outbox: options.deps.outbox, now: () => options.clock.now() }));
  registerListeners(app, options.deps);

  return {
    app,
    deps: options.deps,
    healthReport,
    async start() {
      // /healthz answers "starting" while Slack is out of reach (a port is only there in HTTP mode or when set).
      const early = config.port > 0 ? await startingHealthServer(config.port, healthReport) : undefined;
      let auth;
      try {
        auth = await waitForSlack({ client: app.client, apiUrl: config.slack.apiUrl, logger, deadlineMs: options.startupDeadlineMs });
      } finally {
        await early?.close();
      }
      options.deps.workspaces.adoptInstallation(auth.teamId);
      await app.init();
      if (config.mode === 'socket') await app.start();
      else {
        await app.start(config.port);
        connection = 'connected';
      }
      logger.info({ mode: config.mode, port: config.port || undefined, team: auth.teamId }, 'Leadwell is listening');
      return auth;
    },
    async stop() {
      connection = 'disconnected';
      await app.stop();
    },
  };
}
