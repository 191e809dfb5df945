import { createFixedClock, type FixedClock } from '../../src/clock';
import type { OutboxStore, PlannedMessage } from '../../src/domain/ports';
import type { OutboxTransport, SentMessage } from '../../src/domain/outbox/delivery';
import { createOutboxDispatcher } from '../../src/jobs/outbox-dispatcher';
import { createOutboxStore } from '../../src/storage/outbox-repository';
import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';

const T = Date.UTC(2027, 2, 1, 9, 0);
const POSTS = { name: 'chat.postMessage', perMinute: 60 };

/** A transport that takes its slot and commits like the real one (src/slack/outbox-transport.ts), then records. */
function pacedTransport(clock: FixedClock) {
  const sent: Array<{ key: string; at: number }> = [];
  const transport: OutboxTransport = {
    async send(row, _model, hooks): Promise<SentMessage> {
      await hooks.slot(POSTS);
      await hooks.committing();
      sent.push({ key: row.dedupeKey, at: clock.now() });
      return { channel: 'C1', ts: `${sent.length}.000001` };
    },
  };
  return { transport, sent };
}

/** The real store over a real file, counting the rate gate's reservations (each one a write transaction). */
function countingStore(store: OutboxStore) {
  const counted = { reservations: 0 };
  const wrapped: OutboxStore = { ...store, reserveSlot: (...args) => ((counted.reservations += 1), store.reserveSlot(...args)) };
  return { store: wrapped, counted };
}

const kudosGroup = (id: number): PlannedMessage[] => ['post', 'to:UA', 'to:UB'].map((what) => ({
  kind: 'kudos.recipient', recipient: 'UA', dedupeKey: `kudos:${id}:${what}`, dueAt: T, payload: {}, group: `kudos:${id}`,
}));

/**
 * A giver's request delivers its kudos "now" only if the chat.postMessage tier has a slot: when it has none, the
 * request must not pay for a reservation per message (each a write transaction that fails and rolls back), and
 * nothing may be lost or doubled; the dispatcher sends the rows later, at the tier, once each.
 */
describe('delivering now when the tier is full', () => {
  let env: ReturnType<typeof freshDb>;
  afterEach(() => env.cleanup());

  it('asks the gate once for the whole group, hands every row back unspent, and the next run sends each once at the rate', async () => {
    env = freshDb();
    const clock = createFixedClock(T);
    const { store, counted } = countingStore(createOutboxStore(sqliteKysely(env.db)));
    const { transport, sent } = pacedTransport(clock);
    const dispatcher = createOutboxDispatcher({ store, transport, kinds: {}, clock, sleep: async (ms) => clock.advance(ms), maxRunMs: 120_000 });
    // The tier's burst is spent: ten seconds ahead at one a second (a sixth of the minute), plus the slot itself.
    for (let i = 0; i < 11; i += 1) expect(await store.reserveSlot(POSTS.name, T, 1000, 10_000)).toBe(0);
    counted.reservations = 0;
    await store.plan(kudosGroup(1), T);

    const rows = await dispatcher.deliverNow({ group: 'kudos:1' }, 1000);
    expect(sent).toEqual([]);
    expect(counted.reservations).toBe(1); // not one per message
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([['planned', 0], ['planned', 0], ['planned', 0]]);
    expect(rows.every((r) => r.nextAttemptAt > T)).toBe(true); // not due again before the gate could have a slot

    // A second request for the same group meanwhile: still nothing sent, nothing claimed twice.
    expect((await dispatcher.deliverNow({ group: 'kudos:1' }, 1000)).map((r) => r.status)).toEqual(['planned', 'planned', 'planned']);
    clock.advance(1000); // when the gate said a slot would be free
    await dispatcher.drain();
    expect(sent.map((s) => s.key).sort()).toEqual(['kudos:1:post', 'kudos:1:to:UA', 'kudos:1:to:UB']);
    // At the tier: a second apart, the first once the ten seconds of burst already spent had passed.
    expect(sent.map((s) => s.at - T)).toEqual([1000, 2000, 3000]);
    expect((await store.inGroup('kudos:1')).map((r) => [r.status, r.attempts])).toEqual([['sent', 1], ['sent', 1], ['sent', 1]]);
  });

  it('a free slot is still used at once: only the rows after the first refusal skip the gate', async () => {
    env = freshDb();
    const clock = createFixedClock(T);
    const { store, counted } = countingStore(createOutboxStore(sqliteKysely(env.db)));
    const { transport, sent } = pacedTransport(clock);
    const dispatcher = createOutboxDispatcher({ store, transport, kinds: {}, clock, sleep: async (ms) => clock.advance(ms), maxRunMs: 120_000 });
    for (let i = 0; i < 10; i += 1) await store.reserveSlot(POSTS.name, T, 1000, 10_000); // one slot of the burst left
    counted.reservations = 0;
    await store.plan(kudosGroup(2), T);
    const rows = await dispatcher.deliverNow({ group: 'kudos:2' }, 1000);
    expect(sent.map((s) => s.key)).toEqual(['kudos:2:post']);
    expect(counted.reservations).toBe(2); // the slot taken, then the refusal; the third row did not ask
    expect(rows.map((r) => r.status)).toEqual(['sent', 'planned', 'planned']);
  });
});
