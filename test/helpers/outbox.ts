import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import type { Db } from '../../src/storage/database';
import type { Clock, OutboxRow, OutboxStore } from '../../src/domain/ports';
import { DeliveryError, type OutboxKind, type OutboxTransport, type SentMessage } from '../../src/domain/outbox/delivery';
import { createOutboxStore } from '../../src/storage/outbox-repository';
import { createOutboxDispatcher, type OutboxDispatcherOptions } from '../../src/jobs/outbox-dispatcher';
import { handlingOf } from '../../src/slack/slack-errors';

/** A Slack error as the transport reports it: its code and what src/slack/slack-errors.ts says it means. */
export const slackFailure = (code: string, retryAfterMs?: number) =>
  new DeliveryError(code, handlingOf(code), retryAfterMs, retryAfterMs === undefined ? undefined : 'chat.postMessage');

export interface FakeTransport extends OutboxTransport {
  /** What "Slack" accepted: the row's kind and recipient, the prepared model. */
  sent: Array<{ kind: string; recipient: string; model: unknown; at: number }>;
  calls: Array<{ kind: string; recipient: string; at: number }>;
  /** A failure for this send, if any (called once per call, after committing). */
  fail?: (row: OutboxRow) => Error | undefined;
}

/** The outbox's Slack edge, faked at the process edge: commits like the real transport, then records or fails. */
export function fakeTransport(clock: Clock): FakeTransport {
  const t: FakeTransport = {
    sent: [],
    calls: [],
    async send(row, model, hooks): Promise<SentMessage> {
      await hooks.committing();
      t.calls.push({ kind: row.kind, recipient: row.recipient, at: clock.now() });
      const err = t.fail?.(row);
      if (err) throw err;
      t.sent.push({ kind: row.kind, recipient: row.recipient, model, at: clock.now() });
      return { channel: `D${row.recipient}`, ts: `${t.sent.length}.000001` };
    },
  };
  return t;
}

/** The real outbox store and dispatcher over a test database, with a fake Slack edge. */
export function outboxWorld(
  db: Db,
  clock: Clock,
  kindsOf: Record<string, OutboxKind> | ((store: OutboxStore) => Record<string, OutboxKind>),
  options: Partial<OutboxDispatcherOptions> = {},
) {
  const store = createOutboxStore(sqliteKysely(db));
  const kinds = typeof kindsOf === 'function' ? kindsOf(store) : kindsOf;
  const transport = fakeTransport(clock);
  const dispatcher = createOutboxDispatcher({ store, transport, kinds, clock, sleep: async () => undefined, maxRunMs: Infinity, ...options });
  return { store, transport, dispatcher };
}
