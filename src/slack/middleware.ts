import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logger';
import type { Clock, DeliveryLog, SeenRequests } from '../domain/ports';
import type { Metrics } from '../metrics';

/** The metrics label for a request: a small fixed set, never an id or a text. */
export function requestKind(body: { type?: string; command?: string }): string {
  if (body.command) return 'command';
  switch (body.type) {
    case 'block_actions':
    case 'interactive_message':
      return 'action';
    case 'view_submission':
    case 'view_closed':
      return 'view';
    case 'shortcut':
    case 'message_action':
      return 'shortcut';
    case 'event_callback':
      return 'event';
    case 'block_suggestion':
      return 'options';
    default:
      return 'other';
  }
}
import { PULSE_ANSWER_ACTION, PULSE_MODAL_CALLBACK } from './ui/pulse-message';
import { RequestLog } from './request-log';

interface RequestBody {
  type?: string;
  actions?: Array<{ action_id?: unknown }>;
  view?: { callback_id?: unknown };
  command?: string;
  user_id?: string;
  user?: { id?: string };
  event?: { user?: unknown };
  event_id?: unknown;
}

export interface RequestContextDeps {
  logger: Logger;
  deliveries: DeliveryLog;
  clock: Clock;
  seen: SeenRequests;
  /** Real time: replay keys expire with Slack's signature window, not with the app's (travelling) clock. */
  requestClock: Clock;
  metrics?: Metrics;
}

/**
 * The one global middleware (each one is a hop on every request): puts a request child logger (team,
 * user, request kind) on `context.log`, and drops what was already taken:
 * - a Slack retry (X-Slack-Retry-Num / retry_attempt) of an event: events are keyed by `event_id` for a day
 *   (Bolt has acknowledged events before listeners run, so the retry is answered and not processed twice);
 * - a replay of any other request: keyed by its signature (HTTP) or envelope id (Socket Mode) for as long as
 *   the receiver would accept it, and acknowledged without running anything.
 * Both memories live in the database, so a replay sent to another instance does nothing either.
 */
export function requestContext(deps: RequestContextDeps): Middleware<AnyMiddlewareArgs> {
  const debug = deps.logger.isLevelEnabled('debug');
  return async (args) => {
    const { body, context, next } = args;
    const b = body as RequestBody;
    // A pulse request is never logged with who made it: its log lines carry no user, whatever the level.
    const user = isPulseRequest(b) ? undefined : (b.user_id ?? b.user?.id ?? (typeof b.event?.user === 'string' ? b.event.user : undefined));
    const log = new RequestLog(deps.logger, { team: context.teamId, user, kind: b.command ?? b.type });
    context.log = log;
    context.logDebug = debug;
    if (typeof b.event_id === 'string' && !(await deps.deliveries.firstSeen(b.event_id, deps.clock.now()))) {
      log.info({ eventId: b.event_id, retryNum: context.retryNum }, 'duplicate event delivery ignored');
      return;
    }
    if (typeof b.event_id !== 'string' && (await isReplay(deps, context))) {
      log.warn({ retryNum: context.retryNum }, 'replayed request ignored');
      await (args as { ack?: () => Promise<void> }).ack?.();
      return;
    }
    const started = performance.now();
    try {
      await next();
    } finally {
      deps.metrics?.observeRequest(requestKind(b), (performance.now() - started) / 1000);
    }
  };
}

async function isReplay(deps: RequestContextDeps, context: Record<string, unknown>): Promise<boolean> {
  const { requestKey, requestKeyExpiresAt } = context;
  if (typeof requestKey !== 'string' || typeof requestKeyExpiresAt !== 'number') return false;
  return !await deps.seen.firstSeen(requestKey, requestKeyExpiresAt, deps.requestClock.now());
}

function isPulseRequest(b: RequestBody): boolean {
  if (b.view?.callback_id === PULSE_MODAL_CALLBACK) return true;
  return Array.isArray(b.actions) && b.actions.some((a) => a?.action_id === PULSE_ANSWER_ACTION);
}
