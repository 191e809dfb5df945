import type { Kysely } from 'kysely';
import { createFixedClock, type FixedClock } from '../../src/clock';
import type { OutboxStore, PlannedMessage } from '../../src/domain/ports';
import type { OutboxTransport, SentMessage } from '../../src/domain/outbox/delivery';
import { createOutboxDispatcher } from '../../src/jobs/outbox-dispatcher';
import { createOutboxStore } from '../../src/storage/outbox-repository';
import type { Database } from '../../src/storage/tables';
import { describeEachEngine, ENGINES } from '../helpers/engines';
import { person, twoInstances, type TwoInstances } from '../storage/contract/seed-outbox-pulse';

const T = Date.UTC(2027, 2, 1, 9, 0);
const POSTS = { name: 'chat.postMessage', perMinute: 60 };

/** A transport that takes its slot and commits like the real one (src/slack/outbox-transport.ts), then records. */
function pacedTransport(during?: (key: string) => Promise<void>, sent: string[] = []) {
  const transport: OutboxTransport = {
    async send(row, _model, hooks): Promise<SentMessage> {
      await hooks.slot(POSTS);
      await hooks.committing();
      await during?.(row.dedupeKey);
      sent.push(row.dedupeKey);
      return { channel: 'C1', ts: `${sent.length}.000001` };
    },
  };
  return { transport, sent };
}

/** The real store, counting the statements this change is about: claims, and hand-backs (one call per statement). */
function countingStore(store: OutboxStore) {
  const counted = { claims: 0, handBacks: [] as number[][], releases: 0 };
  const wrapped: OutboxStore = {
    ...store,
    claim: (o) => ((counted.claims += 1), store.claim(o)),
    releaseUnspent: (ids, ...rest) => (counted.handBacks.push([...ids]), store.releaseUnspent(ids, ...rest)),
    release: (...args) => ((counted.releases += 1), store.release(...args)),
  };
  return { store: wrapped, counted };
}

/** A kudos's messages: the channel post, a DM, and optionally the giver's confirmation that waits for both. */
const kudos = (id: number, confirm = false): PlannedMessage[] => [
  ...['post', 'to:UA'].map((what) => ({ kind: 'kudos.recipient', recipient: 'U1', dedupeKey: `kudos:${id}:${what}`, dueAt: T, payload: {}, group: `kudos:${id}` })),
  ...(confirm ? [{ kind: 'kudos.confirm', recipient: 'U1', dedupeKey: `kudos:${id}:confirm`, dueAt: T, payload: {}, group: `kudos:${id}`, waits: true }] : []),
];

function world(db: Kysely<Database>, clock: FixedClock, o: { during?: (key: string) => Promise<void>; sent?: string[] } = {}) {
  const { store, counted } = countingStore(createOutboxStore(db));
  const { transport, sent } = pacedTransport(o.during, o.sent);
  const dispatcher = createOutboxDispatcher({ store, transport, kinds: {}, clock, sleep: async (ms) => clock.advance(ms), maxRunMs: 120_000 });
  return { store, counted, sent, dispatcher };
}

/**
 * A request that delivers its group now claims once more only when its read-back shows a row a claim would take,
 * and hands every row its gate turned away back in one statement. Neither may lose a message or send one twice.
 */
describeEachEngine('delivering a group now: claims and hand-backs', (ctx) => {
  beforeEach(() => person(ctx.db, 'U1'));

  it('at a spent tier: one claim, one hand-back for the whole batch, every row unspent; the next run sends each once', async () => {
    const clock = createFixedClock(T);
    const w = world(ctx.db, clock);
    for (let i = 0; i < 11; i += 1) expect(await w.store.reserveSlot(POSTS.name, T, 1000, 10_000)).toBe(0); // the burst is spent
    await w.store.plan(kudos(1, true), T);

    const rows = await w.dispatcher.deliverNow({ group: 'kudos:1' }, 1000);
    expect(w.sent).toEqual([]);
    expect(w.counted).toEqual({ claims: 1, handBacks: [[rows[0]!.id, rows[1]!.id]], releases: 0 });
    expect(rows.map((r) => [r.dedupeKey, r.status, r.attempts])).toEqual([['kudos:1:post', 'planned', 0], ['kudos:1:to:UA', 'planned', 0], ['kudos:1:confirm', 'planned', 0]]);
    expect(rows.slice(0, 2).every((r) => r.nextAttemptAt >= T + 1000)).toBe(true); // not due before the gate has a slot

    clock.advance(1000);
    await w.dispatcher.drain();
    expect(w.sent).toEqual(['kudos:1:post', 'kudos:1:to:UA', 'kudos:1:confirm']);
    expect((await w.store.inGroup('kudos:1')).map((r) => [r.status, r.attempts])).toEqual([['sent', 1], ['sent', 1], ['sent', 1]]);
  });

  it('with slots free: a group with nothing waiting is claimed once; a waiting confirmation its batch unblocked is claimed and sent in the same request', async () => {
    const clock = createFixedClock(T);
    const w = world(ctx.db, clock);
    await w.store.plan([...kudos(2), ...kudos(3, true)], T);

    expect((await w.dispatcher.deliverNow({ group: 'kudos:2' }, 1000)).map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(w.counted.claims).toBe(1);
    expect((await w.dispatcher.deliverNow({ group: 'kudos:3' }, 1000)).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(w.counted.claims).toBe(3); // the batch, then the confirmation it unblocked
    expect(w.sent).toEqual(['kudos:2:post', 'kudos:2:to:UA', 'kudos:3:post', 'kudos:3:to:UA', 'kudos:3:confirm']);
  });

  it('attack: a row planned into the group by another process while the batch is sent is claimed and sent by the same request, once', async () => {
    const clock = createFixedClock(T);
    const late: PlannedMessage = { kind: 'kudos.recipient', recipient: 'U1', dedupeKey: 'kudos:4:to:UB', dueAt: T, payload: {}, group: 'kudos:4' };
    const other = createOutboxStore(ctx.db);
    const w = world(ctx.db, clock, {
      during: async (key) => {
        if (key === 'kudos:4:post') await other.plan([late], T);
      },
    });
    await w.store.plan(kudos(4), T);
    const rows = await w.dispatcher.deliverNow({ group: 'kudos:4' }, 1000);
    expect(rows.map((r) => [r.dedupeKey, r.status])).toEqual([['kudos:4:post', 'sent'], ['kudos:4:to:UA', 'sent'], ['kudos:4:to:UB', 'sent']]);
    await w.dispatcher.drain();
    expect(w.sent).toEqual(['kudos:4:post', 'kudos:4:to:UA', 'kudos:4:to:UB']);
  });

  it('attack: a row whose last call is refused after it committed (a file shares itself on its last call) goes back to planned, not lost as uncertain', async () => {
    const clock = createFixedClock(T);
    const { store, counted } = countingStore(createOutboxStore(ctx.db));
    const shared: string[] = [];
    const transport: OutboxTransport = {
      async send(row, _model, hooks): Promise<SentMessage> {
        await hooks.committing();
        await hooks.slot(POSTS); // files.completeUploadExternal's slot comes after committing
        shared.push(row.dedupeKey);
        return { channel: 'D1', ts: 'F1' };
      },
    };
    const dispatcher = createOutboxDispatcher({ store, transport, kinds: {}, clock, sleep: async (ms) => clock.advance(ms), maxRunMs: 120_000 });
    for (let i = 0; i < 11; i += 1) await store.reserveSlot(POSTS.name, T, 1000, 10_000);
    await store.plan([{ kind: 'file', recipient: 'U1', dedupeKey: 'file:1', dueAt: T, payload: {}, group: 'files:1' }], T);
    const [row] = await dispatcher.deliverNow({ group: 'files:1' }, 1000);
    expect([row!.status, row!.attempts, counted.handBacks.length]).toEqual(['planned', 0, 1]);
    clock.advance(1000);
    await dispatcher.drain();
    clock.advance(120_000);
    expect(await store.recoverExpired(clock.now())).toEqual({ released: 0, uncertain: 0 });
    expect(shared).toEqual(['file:1']);
  });

  it('by keys, a waiting row whose group is not all read is claimed again rather than left (the read cannot prove it blocked)', async () => {
    const clock = createFixedClock(T);
    const w = world(ctx.db, clock);
    await w.store.plan(kudos(5, true), T);
    const rows = await w.dispatcher.deliverNow({ keys: ['kudos:5:post', 'kudos:5:confirm'] }, 1000);
    // The DM outside the keys is still planned, so the confirmation waits: claimed for nothing, never sent early.
    expect(rows.map((r) => [r.dedupeKey, r.status])).toEqual([['kudos:5:post', 'sent'], ['kudos:5:confirm', 'planned']]);
    expect(w.counted.claims).toBe(2);
    expect(w.sent).toEqual(['kudos:5:post']);
  });
});

describe.each(ENGINES)('delivering one group now from two instances at once [%s]', (engine) => {
  let two: TwoInstances;
  beforeEach(async () => {
    two = await twoInstances(engine);
    await person(two.a, 'U1');
  });
  afterEach(() => two.close());

  it('attack: both requests deliver the same group with its confirmation; every message goes out once, the confirmation after the rest', async () => {
    const clock = createFixedClock(T);
    const sent: string[] = []; // both instances' sends, in the order they reached "Slack"
    const [a, b] = [world(two.a, clock, { sent }), world(two.b, clock, { sent })];
    await a.store.plan(kudos(6, true), T);
    await Promise.all([a.dispatcher.deliverNow({ group: 'kudos:6' }, 5000), b.dispatcher.deliverNow({ group: 'kudos:6' }, 5000)]);
    await a.dispatcher.drain();
    await b.dispatcher.drain();
    expect([...sent].sort()).toEqual(['kudos:6:confirm', 'kudos:6:post', 'kudos:6:to:UA']);
    expect(sent[2]).toBe('kudos:6:confirm');
    expect((await a.store.inGroup('kudos:6')).map((r) => [r.status, r.attempts])).toEqual([['sent', 1], ['sent', 1], ['sent', 1]]);
  });
});
