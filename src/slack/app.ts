import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, type CustomRoute } from '@slack/bolt';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { boltLoggerAdapter } from '../logger';
import type { DeliveryLog, Clock } from '../domain/ports';
import { registerListeners, type ListenerDeps } from './listeners';
import { createErrorHandler } from './error-handler';
import { requestContext } from './middleware';
import { webClientOptions } from './web-client';

export interface Health {
  ok: boolean;
  database: boolean;
  contentItems: number;
  version: string;
}

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  clock: Clock;
  deliveries: DeliveryLog;
  health: () => Health;
  deps: ListenerDeps;
}

export interface SlackApp {
  app: App;
  /** The services the listeners call (tests and the playground seed through them). */
  deps: ListenerDeps;
  start(): Promise<{ botUserId: string; teamId: string }>;
  stop(): Promise<void>;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, logger } = options;
  const boltLogger = boltLoggerAdapter(logger);
  const healthRoute: CustomRoute = {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      const health = options.health();
      res.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(health));
    },
  };
  const clientOptions = webClientOptions(config);

  const app =
    config.mode === 'socket'
      ? new App({
          token: config.slack.botToken,
          appToken: config.slack.appToken,
          socketMode: true,
          logger: boltLogger,
          clientOptions,
          extendedErrorHandler: true,
          deferInitialization: true,
          convoStore: false,
          ...(config.port > 0 ? { port: config.port, customRoutes: [healthRoute] } : {}),
        })
      : new App({
          token: config.slack.botToken,
          logger: boltLogger,
          clientOptions,
          extendedErrorHandler: true,
          deferInitialization: true,
          // Leadwell keeps no conversation state in Bolt; the default store costs every request.
          convoStore: false,
          receiver: new HTTPReceiver({
            signingSecret: config.slack.signingSecret as string,
            endpoints: '/slack/events',
            customRoutes: [healthRoute],
            logger: boltLogger,
            // Unknown paths and bad signatures are answered by the receiver; keep Slack's 3 s budget for listeners.
            unhandledRequestTimeoutMillis: 3001,
          }),
        });

  app.use(requestContext({ logger, deliveries: options.deliveries, clock: options.clock }));
  app.error(createErrorHandler({ client: app.client }));
  registerListeners(app, options.deps);

  return {
    app,
    deps: options.deps,
    async start() {
      const auth = await app.client.auth.test();
      await app.init();
      if (config.mode === 'socket') await app.start();
      else await app.start(config.port);
      logger.info({ mode: config.mode, port: config.port || undefined, team: auth.team_id }, 'Leadwell is listening');
      return { botUserId: String(auth.user_id ?? ''), teamId: String(auth.team_id ?? '') };
    },
    async stop() {
      await app.stop();
    },
  };
}
