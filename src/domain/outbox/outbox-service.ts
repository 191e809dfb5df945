import { DomainError } from '../errors';
import type { Clock, EventLog, OutboxRow, OutboxStore, PlannedMessage } from '../ports';

/** What admins see of the outbox: App Home and /coach status. */
export interface OutboxStatusView {
  depth: number;
  /** How long the oldest waiting message has been due, in ms; 0 when nothing waits. */
  oldestAgeMs: number;
  failedLastWeek: number;
  uncertainLastWeek: number;
  /** The latest failed or uncertain messages, newest first. */
  failures: OutboxRow[];
}

export interface OutboxService {
  /** For producers outside a transaction of their own (listeners' DMs); returns how many were new. */
  plan(messages: readonly PlannedMessage[]): Promise<number>;
  /** Sends these rows now for a request that waits on them, for at most `budgetMs`. */
  deliverNow(which: { keys?: readonly string[]; group?: string }, budgetMs: number): Promise<OutboxRow[]>;
  status(viewerId: string): Promise<OutboxStatusView>;
  /** An admin's one-click retry of a failed message. */
  retry(actorId: string, id: number): Promise<boolean>;
}

export function createOutboxService(o: {
  store: OutboxStore;
  clock: Clock;
  events: EventLog;
  isAdmin: (id: string) => boolean;
  deliverNow: OutboxService['deliverNow'];
  failuresShown?: number;
}): OutboxService {
  const { store, clock } = o;
  const adminOnly = (id: string) => {
    if (!o.isAdmin(id)) throw new DomainError('outbox_admin_only', 'Only a Leadwell admin can see or retry what Leadwell failed to send.');
  };
  return {
    plan: (messages) => store.plan(messages, clock.now()),
    deliverNow: (which, budgetMs) => o.deliverNow(which, budgetMs),
    async status(viewerId) {
      adminOnly(viewerId);
      const now = clock.now();
      const s = await store.stats(now);
      return {
        depth: s.depth,
        oldestAgeMs: s.oldestDueAt === undefined ? 0 : Math.max(0, now - s.oldestDueAt),
        failedLastWeek: s.failed,
        uncertainLastWeek: s.uncertain,
        failures: await store.recentFailures(o.failuresShown ?? 5),
      };
    },
    async retry(actorId, id) {
      adminOnly(actorId);
      const now = clock.now();
      const done = await store.retry(id, now);
      if (done) await o.events.append({ kind: 'outbox.retried', actorId, refId: id }, now);
      return done;
    },
  };
}
