import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logger';
import type { Clock, DeliveryLog } from '../domain/ports';

/**
 * Defines `context.log` as a child logger built on first use: pino serialises a child's bindings when it is
 * made, and most requests log nothing at the default level, so building it eagerly cost every request.
 */
export function lazyLog(context: Record<string, unknown>, make: () => Logger): void {
  let cached: Logger | undefined;
  Object.defineProperty(context, 'log', {
    configurable: true,
    enumerable: true,
    get: () => (cached ??= make()),
    set: (value: Logger) => {
      cached = value;
    },
  });
}

/** Puts a request child logger (team, user, request kind) on `context.log` for listeners and the error handler. */
export function requestLogger(base: Logger): Middleware<AnyMiddlewareArgs> {
  const debug = base.isLevelEnabled('debug');
  return async ({ body, context, next }) => {
    const b = body as { type?: string; command?: string; user_id?: string; user?: { id?: string }; event?: { user?: unknown } };
    const user = b.user_id ?? b.user?.id ?? (typeof b.event?.user === 'string' ? b.event.user : undefined);
    lazyLog(context, () => base.child({ team: context.teamId, user, kind: b.command ?? b.type }));
    context.logDebug = debug;
    await next();
  };
}

/**
 * Slack retries an event it thinks we missed (X-Slack-Retry-Num). An event id we have already
 * taken is acknowledged (Bolt acks events before listeners run) and not processed again.
 */
export function dedupeRetries(deps: { deliveries: DeliveryLog; clock: Clock }): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !deps.deliveries.firstSeen(eventId, deps.clock.now())) {
      (context.log as Logger | undefined)?.info({ eventId, retryNum: context.retryNum }, 'duplicate event delivery ignored');
      return;
    }
    await next();
  };
}
