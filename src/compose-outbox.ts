import type { Config } from './config';
import type { Logger } from './logger';
import type { Clock, EventLog, OutboxStore } from './domain/ports';
import type { OutboxKind } from './domain/outbox/delivery';
import { createOutboxService, type OutboxService } from './domain/outbox/outbox-service';
import { createOutboxDispatcher, type OutboxDispatcher, type OutboxDispatcherOptions } from './jobs/outbox-dispatcher';
import { createWebClient } from './slack/web-client';
import { createChannelTargets } from './slack/channel-target';
import { createOutboxTransport } from './slack/outbox-transport';
import { outboxRenderers } from './slack/outbox-renderers';

/**
 * Wiring for the one outbox (issue 18), kept out of compose.ts: the store is made first (producers plan into it),
 * the dispatcher and its transport once every kind's rules exist.
 */
export function composeOutbox(o: {
  config: Config;
  logger: Logger;
  clock: Clock;
  events: EventLog;
  store: OutboxStore;
  kinds: Record<string, OutboxKind>;
  isAdmin: (id: string) => boolean;
  /** Tests and the chaos harness: a shorter lease, a hook at each step of a send. */
  dispatcher?: Partial<Pick<OutboxDispatcherOptions, 'leaseMs' | 'onStep' | 'sleep' | 'maxWaitMs'>>;
}): { dispatcher: OutboxDispatcher; service: OutboxService } {
  const { config, clock } = o;
  const client = createWebClient(config, o.logger);
  const transport = createOutboxTransport({
    client,
    channels: createChannelTargets(client),
    renderers: outboxRenderers({ clock, minGroup: config.pulseMinResponses, minResponses: config.pulseMinResponses, kudosChannel: config.kudosChannel }),
    postsPerMinute: config.nudgeRatePerMinute,
  });
  const dispatcher = createOutboxDispatcher({
    store: o.store,
    transport,
    kinds: o.kinds,
    clock,
    logger: o.logger.child({ area: 'outbox' }),
    leaseMs: config.outboxLeaseMs,
    ...o.dispatcher,
  });
  const service = createOutboxService({ store: o.store, clock, events: o.events, isAdmin: o.isAdmin, deliverNow: (which, budget) => dispatcher.deliverNow(which, budget) });
  return { dispatcher, service };
}
