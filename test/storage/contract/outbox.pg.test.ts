import { sql } from 'kysely';
import type { PlannedMessage } from '../../../src/domain/ports';
import type { Executor } from '../../../src/storage/engine';
import { createOutboxStore, outboxClaimQuery } from '../../../src/storage/outbox-repository';
import { createUnitOfWork } from '../../../src/storage/unit-of-work';
import { describeEachEngine, ENGINES } from '../../helpers/engines';
import { planOf } from '../../helpers/explain';
import { person, twoInstances, type TwoInstances } from './seed-outbox-pulse';

const T = 1_000_000;
const msg = (key: string, extra: Partial<PlannedMessage> = {}): PlannedMessage => ({ kind: 'reply', recipient: 'U1', dedupeKey: key, dueAt: T, payload: { text: key }, ...extra });
const ledger = { personId: 'U1', kind: 'weekly', period: '2027-W09' };
const row = (db: Executor, key: string) => db.selectFrom('outbox').select(['status', 'reason', 'attempts', 'payload']).where('dedupe_key', '=', key).executeTakeFirstOrThrow();
const nudge = (db: Executor) => db.selectFrom('nudges').select(['status', 'message_ts']).where('kind', '=', 'weekly').executeTakeFirst();

/** The outbox on both engines: every change guarded by the status it expects and by its owner (docs/adr/0002-one-outbox.md). */
describeEachEngine('the outbox store', (ctx) => {
  const store = () => createOutboxStore(ctx.db);
  const claim = (owner: string, now = T, extra = {}) => store().claim({ now, leaseUntil: now + 1000, owner, limit: 10, ...extra });
  beforeEach(() => person(ctx.db, 'U1'));

  it('plans each dedupe key once (twice in one call, or again later: one row); with a period record, only while that period is undecided', async () => {
    expect(await store().plan([msg('a'), msg('a'), msg('b')], T)).toBe(2);
    expect(await store().plan([msg('a')], T)).toBe(0);
    expect(await ctx.db.selectFrom('outbox').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 2 });
    expect(await store().plan([msg('n1', { ledger })], T)).toBe(1);
    expect(await store().plan([msg('n1', { ledger })], T)).toBe(0);
    await ctx.db.updateTable('nudges').set({ status: 'skipped' }).execute();
    expect(await store().plan([msg('n2', { ledger })], T)).toBe(0); // the week is decided: nothing more goes out for it
  });

  it('plans inside a unit of work without nesting a transaction, and a rolled-back unit leaves neither the message nor its period record', async () => {
    const uow = createUnitOfWork(ctx.db, (ex) => ({ outbox: createOutboxStore(ex) }));
    expect(await uow.run(({ outbox }) => outbox.plan([msg('in-uow', { ledger })], T))).toBe(1);
    await expect(uow.run(async ({ outbox }) => {
      await outbox.plan([msg('doomed', { ledger: { ...ledger, period: '2027-W10' } })], T);
      throw new Error('the fact it announces failed');
    })).rejects.toThrow('the fact it announces failed');
    expect((await store().byKeys(['in-uow', 'doomed'])).map((r) => r.dedupeKey)).toEqual(['in-uow']);
    expect(await ctx.db.selectFrom('nudges').select('period').execute()).toEqual([{ period: '2027-W09' }]);
  });

  it('gives a row to one claimer only, not before it is due, and a waiting row only once its group is settled', async () => {
    await store().plan([msg('post', { group: 'g' }), msg('confirm', { group: 'g', waits: true }), msg('later', { dueAt: T + 5000 })], T);
    expect((await claim('A')).map((r) => r.dedupeKey)).toEqual(['post']);
    expect(await claim('B')).toEqual([]);
    const [post] = await store().byKeys(['post']);
    expect(await store().markSending(post!.id, 'B', T + 1000, T)).toBe(false); // not B's claim
    expect(await store().markSending(post!.id, 'A', T + 1000, T)).toBe(true);
    await store().settle(post!.id, 'A', { status: 'sent', channel: 'C1', ts: '1.1' }, T);
    expect((await claim('B', T, { group: 'g' })).map((r) => r.dedupeKey)).toEqual(['confirm']);
    expect((await claim('B', T + 5000)).map((r) => r.dedupeKey)).toEqual(['later']);
    expect(await claim('C', T, { keys: [] })).toEqual([]);
    expect(await row(ctx.db, 'post')).toMatchObject({ status: 'sent', payload: '{}' }); // sent: the payload is not kept
  });

  it('after a lease runs out: claimed → planned, sending → uncertain (mirrored, never resent), and a late success still counts', async () => {
    await store().plan([msg('claimed'), msg('sending', { ledger })], T);
    const sending = (await claim('A')).find((r) => r.dedupeKey === 'sending')!;
    expect(await store().markSending(sending.id, 'A', T + 1000, T)).toBe(true);
    expect(await store().recoverExpired(T + 500)).toEqual({ released: 0, uncertain: 0 });
    expect(await store().recoverExpired(T + 2000)).toEqual({ released: 1, uncertain: 1 });
    expect(await row(ctx.db, 'claimed')).toMatchObject({ status: 'planned' });
    expect(await row(ctx.db, 'sending')).toMatchObject({ status: 'uncertain', reason: 'interrupted' });
    expect(await nudge(ctx.db)).toEqual({ status: 'uncertain', message_ts: null });
    expect((await claim('B', T + 3000)).map((r) => r.dedupeKey)).toEqual(['claimed']); // the uncertain one never again
    await store().settle(sending.id, 'A', { status: 'sent', channel: 'D1', ts: '2.2' }, T + 3000);
    expect(await row(ctx.db, 'sending')).toMatchObject({ status: 'sent' });
    expect(await nudge(ctx.db)).toEqual({ status: 'sent', message_ts: '2.2' });
    await store().settle(sending.id, 'B', { status: 'failed', reason: 'late' }, T + 4000);
    expect(await row(ctx.db, 'sending')).toMatchObject({ status: 'sent' }); // only the owner settles
  });

  it('a release refunds a 429; an admin retries a failed row once; a file keeps no content after a try; a kudos post follows its row', async () => {
    await ctx.db.insertInto('kudos').values({ giver_id: 'U1', value: 'Care', message: 'x', source_channel: null, source_ts: null, source_permalink: null, post_channel: null, post_ts: null, post_error: null, idempotency_key: 'k1', created_at: T }).execute();
    const kudosId = Number((await ctx.db.selectFrom('kudos').select('id').executeTakeFirstOrThrow()).id);
    await store().plan([msg('limited'), msg('broken'), msg('file', { kind: 'file', payload: { content: 'secret,csv' } }), msg('kpost', { kind: 'kudos.post', payload: { kudosId } })], T);
    const rows = await claim('A');
    const byKey = (k: string) => rows.find((r) => r.dedupeKey === k)!;
    await store().release(byKey('limited').id, 'A', T + 3000, 'ratelimited', true, T);
    expect(await row(ctx.db, 'limited')).toMatchObject({ status: 'planned', attempts: 0, reason: 'ratelimited' });
    await store().settle(byKey('broken').id, 'A', { status: 'failed', reason: 'not_in_channel' }, T);
    await store().settle(byKey('file').id, 'A', { status: 'failed', reason: 'http_500' }, T);
    await store().settle(byKey('kpost').id, 'A', { status: 'failed', reason: 'channel_archived' }, T);
    expect(await ctx.db.selectFrom('kudos').select(['post_status', 'post_error']).executeTakeFirst()).toEqual({ post_status: 'not_posted', post_error: 'channel_archived' });
    expect(await row(ctx.db, 'file')).toMatchObject({ status: 'failed', payload: '{}' });
    expect(await store().stats(T)).toEqual({ depth: 1, oldestDueAt: T, failed: 3, uncertain: 0 });
    expect((await store().recentFailures(5)).map((r) => r.dedupeKey).sort()).toEqual(['broken', 'file', 'kpost']);
    expect(await store().retry(byKey('file').id, T)).toBe(false);
    expect(await store().retry(byKey('broken').id, T)).toBe(true);
    expect(await store().retry(byKey('broken').id, T)).toBe(false);
    expect(await store().prune(T + 1)).toBe(2); // the file row and the kudos post
    expect(await store().stats(T)).toMatchObject({ depth: 2, failed: 0 });
  });

  it('the poll seeks outbox_due', async () => {
    const plan = (await planOf(ctx.engine, ctx.db, outboxClaimQuery(ctx.db, { now: T, leaseUntil: T, owner: 'a', limit: 10 }))).join('\n');
    expect(plan).toMatch(/outbox_due/);
  });

  it('a caller whose clock reading is a little older than the last grant waits its turn: lateness is not a clock jump, so no second burst', async () => {
    const gate = store();
    // Ten seconds of burst at one a second: eleven slots at once, read at T + 100.
    for (let i = 0; i < 11; i += 1) expect(await gate.reserveSlot('chat.postMessage', T + 100, 1000, 10_000)).toBe(0);
    // Requests that read the clock just before those grants and reached the gate after them (a busy moment).
    expect(await gate.reserveSlot('chat.postMessage', T, 1000, 10_000)).toBe(1100);
    for (let i = 0; i < 11; i += 1) expect(await gate.reserveSlot('chat.postMessage', T + 50, 1000, 10_000)).toBe(1050);
    // A clock an hour back is still a jump, not lateness: the old slot is ignored (nudges dispatcher test, both engines here).
    expect(await gate.reserveSlot('chat.postMessage', T - 3_600_000, 1000, 10_000)).toBe(0);
  });

  /** A backlog: kudos queued behind the chat.postMessage rate, each a group of a post and a DM. */
  const backlog = (groups: number) => store().plan(Array.from({ length: groups * 2 }, (_, i) => msg(`b${i}`, { group: `kudos:${i >> 1}` })), T);

  it('a group\'s claim seeks its group and the UPDATE the primary key, never a walk over the planned backlog (SQLite with no statistics, as installed)', async () => {
    await backlog(300);
    // PostgreSQL's autovacuum keeps statistics on a live server; a fresh test database has none until asked.
    if (ctx.engine === 'postgres') await sql`ANALYZE outbox`.execute(ctx.db);
    const group = (await planOf(ctx.engine, ctx.db, outboxClaimQuery(ctx.db, { now: T, leaseUntil: T, owner: 'a', limit: 10, group: 'kudos:7' }))).join('\n');
    expect(group).toMatch(/outbox_group/);
    const keys = (await planOf(ctx.engine, ctx.db, outboxClaimQuery(ctx.db, { now: T, leaseUntil: T, owner: 'a', limit: 10, keys: ['b1', 'b2'] }))).join('\n');
    expect(keys).toMatch(/sqlite_autoindex_outbox|outbox_dedupe_key_key/);
    if (ctx.engine === 'sqlite') {
      // The walks this replaced: outbox_settled over every planned row (the UPDATE), outbox_due over every due one (the group).
      for (const plan of [group, keys]) {
        expect(plan).toMatch(/SEARCH outbox USING INTEGER PRIMARY KEY/);
        expect(plan).not.toMatch(/outbox_settled|outbox_due/);
      }
      const poll = (await planOf(ctx.engine, ctx.db, outboxClaimQuery(ctx.db, { now: T, leaseUntil: T, owner: 'a', limit: 10 }))).join('\n');
      expect(poll).toMatch(/SEARCH outbox USING INTEGER PRIMARY KEY/);
    }
  });

  it('claims by group, keys or due order take exactly the rows asked for, one claimer each, whatever waits beside them', async () => {
    await backlog(50);
    await store().plan([msg('c7', { group: 'kudos:7', waits: true }), msg('soon', { group: 'kudos:8', dueAt: T + 5000 })], T);
    // The same prepared claim with new values each time: each group gets its own rows, the waiting one last.
    expect((await claim('A', T, { group: 'kudos:7' })).map((r) => r.dedupeKey)).toEqual(['b14', 'b15']);
    expect((await claim('B', T, { group: 'kudos:7' }))).toEqual([]); // c7 waits on A's two
    expect((await claim('B', T, { group: 'kudos:9' })).map((r) => r.dedupeKey)).toEqual(['b18', 'b19']);
    expect((await claim('C', T, { group: 'kudos:8' })).map((r) => r.dedupeKey)).toEqual(['b16', 'b17']); // 'soon' is not due
    expect((await claim('C', T, { group: 'kudos:404' }))).toEqual([]);
    expect((await claim('C', T, { keys: ['b20', 'b14', 'nope'] })).map((r) => r.dedupeKey)).toEqual(['b20']); // b14 is A's
    const owners = await ctx.db.selectFrom('outbox').select(['dedupe_key', 'claimed_by', 'attempts']).where('status', '=', 'claimed').orderBy('id').execute();
    expect(owners).toEqual([
      { dedupe_key: 'b14', claimed_by: 'A', attempts: 1 }, { dedupe_key: 'b15', claimed_by: 'A', attempts: 1 },
      { dedupe_key: 'b16', claimed_by: 'C', attempts: 1 }, { dedupe_key: 'b17', claimed_by: 'C', attempts: 1 },
      { dedupe_key: 'b18', claimed_by: 'B', attempts: 1 }, { dedupe_key: 'b19', claimed_by: 'B', attempts: 1 },
      { dedupe_key: 'b20', claimed_by: 'C', attempts: 1 },
    ]);
    // The poll: due order, ten at a time, none of the claimed ones again.
    const polled = await claim('D', T);
    expect(polled.map((r) => r.dedupeKey)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8', 'b9']);
    expect((await store().inGroup('kudos:7')).map((r) => [r.dedupeKey, r.status])).toEqual([['b14', 'claimed'], ['b15', 'claimed'], ['c7', 'planned']]);
  });
});

/** Two instances on one database: the rows and the rate gate are shared through it, never through memory. */
describe.each(ENGINES)('the outbox across two instances [%s]', (engine) => {
  let two: TwoInstances;
  beforeEach(async () => {
    two = await twoInstances(engine);
    await person(two.a, 'U1');
  });
  afterEach(() => two.close());

  it('two claimers polling at the same moment never get the same row, and together get them all', async () => {
    const [a, b] = [createOutboxStore(two.a), createOutboxStore(two.b)];
    await a.plan(Array.from({ length: 40 }, (_, i) => msg(`m${i}`)), T);
    const rounds = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? b : a).claim({ now: T, leaseUntil: T + 1000, owner: i % 2 ? 'B' : 'A', limit: 8 })));
    const ids = rounds.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(40); // 6 polls of up to 8
    const owners = await two.a.selectFrom('outbox').select(['claimed_by', 'attempts']).execute();
    expect(owners.every((o) => o.attempts === 1 && (o.claimed_by === 'A' || o.claimed_by === 'B'))).toBe(true);
  });

  it('the rate gate hands out distinct slots across instances and honours a hold set by the other one', async () => {
    const [a, b] = [createOutboxStore(two.a), createOutboxStore(two.b)];
    // interval 1000 ms, no burst: at one instant exactly one slot is free, whoever asks.
    const waits = engine === 'postgres'
      ? await Promise.all([a, b, a, b].map((s) => s.reserveSlot('tier3', T, 1000, 0)))
      : [await a.reserveSlot('tier3', T, 1000, 0), await b.reserveSlot('tier3', T, 1000, 0), await a.reserveSlot('tier3', T, 1000, 0), await b.reserveSlot('tier3', T, 1000, 0)];
    expect(waits.filter((w) => w === 0)).toHaveLength(1);
    expect(waits.filter((w) => w > 0).every((w) => w === 1000)).toBe(true);
    // Each later instant frees one slot, again for one instance only.
    expect([await b.reserveSlot('tier3', T + 1000, 1000, 0), await a.reserveSlot('tier3', T + 1000, 1000, 0)]).toEqual([0, 1000]);
    await a.holdTier('tier3', T + 30_000, T + 2000);
    expect(await b.reserveSlot('tier3', T + 2000, 1000, 0)).toBe(28_000);
    await b.holdTier('tier3', T + 10_000, T + 2000); // an earlier hold does not shorten the later one
    expect(await a.reserveSlot('tier3', T + 2000, 1000, 0)).toBe(28_000);
    expect(await a.reserveSlot('tier3', T + 30_000, 1000, 0)).toBe(0);
  });

  // SQLite has one writer at a time (a claim is one statement); PGlite has one session, so this needs a real server
  // (npm run test:pg, .ci/postgres-tests.sh).
  it('on a PostgreSQL server the claim skips rows another session holds instead of waiting (FOR UPDATE SKIP LOCKED)', async () => {
    if (!two.concurrent) return;
    const [a, b] = [createOutboxStore(two.a), createOutboxStore(two.b)];
    await a.plan([msg('held'), msg('free')], T);
    const heldId = (await a.byKeys(['held']))[0]!.id;
    // Instance A holds a row lock on 'held' (say, mid-transaction); B's poll must neither wait nor take it.
    let releaseLock!: () => void;
    const lockTaken = new Promise<void>((resolve) => {
      void two.a.transaction().execute(async (trx) => {
        await sql`SELECT id FROM outbox WHERE id = ${heldId} FOR UPDATE`.execute(trx);
        resolve();
        await new Promise<void>((r) => (releaseLock = r));
      });
    });
    await lockTaken;
    const claimed = await Promise.race([
      b.claim({ now: T, leaseUntil: T + 1000, owner: 'B', limit: 10 }),
      new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), 3000)),
    ]);
    releaseLock();
    expect(claimed === 'blocked' ? claimed : claimed.map((r) => r.dedupeKey)).toEqual(['free']);
  });
});
