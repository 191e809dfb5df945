import { createDeliveryLog } from '../../../src/storage/event-log';
import { createSeenRequests } from '../../../src/storage/seen-requests';
import { describeEachEngine } from '../../helpers/engines';

const T = 1_800_000_000_000;
const DAY = 86_400_000;

/** Slack retries and replays are dropped through the database, so an instance that never saw the first copy drops them too. */
describeEachEngine('delivery de-duplication and replay memory', (ctx) => {
  it('takes a delivery id once, even through two instances on one database at the same moment, and forgets it after a day', async () => {
    const a = createDeliveryLog(ctx.db);
    const b = createDeliveryLog(ctx.db);
    const results = await Promise.all([a.firstSeen('Ev1', T), b.firstSeen('Ev1', T), a.firstSeen('Ev1', T + 1)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await b.firstSeen('Ev2', T)).toBe(true);
    // An hour later the older-than-a-day rows are pruned; a day and more later Ev1 is new again.
    expect(await a.firstSeen('Ev1', T + DAY + 2 * 60 * 60 * 1000)).toBe(true);
  });

  it('takes a request key once until it expires; an expired key not yet pruned is taken over', async () => {
    const a = createSeenRequests(ctx.db);
    const b = createSeenRequests(ctx.db);
    expect(await a.firstSeen('sig1', T + 300_000, T)).toBe(true);
    expect(await b.firstSeen('sig1', T + 300_000, T + 1)).toBe(false);
    expect(await b.firstSeen('sig1', T + 300_000, T + 299_999)).toBe(false);
    // b pruned at T+1, so within a minute it does not prune again: the expired row is refreshed instead.
    expect(await b.firstSeen('sig1', T + 900_000, T + 300_001)).toBe(true);
    expect(await a.firstSeen('sig1', T + 900_000, T + 300_002)).toBe(false);
  });

  it('answers a burst in one go: each key once across both instances, a key offered twice in the burst once, new keys all taken', async () => {
    const a = createSeenRequests(ctx.db);
    const b = createSeenRequests(ctx.db);
    const keys = Array.from({ length: 150 }, (_, i) => `burst${i}`);
    // 150 keys, each offered three times in the same turn (twice to a, once to b): more than one statement's worth.
    const offers = keys.flatMap((k) => [a.firstSeen(k, T + 300_000, T), b.firstSeen(k, T + 300_000, T), a.firstSeen(k, T + 300_000, T)]);
    const answers = await Promise.all(offers);
    for (let i = 0; i < keys.length; i += 1) expect(answers.slice(3 * i, 3 * i + 3).filter(Boolean)).toHaveLength(1);
    const rows = await ctx.db.selectFrom('seen_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(150);
    // Later turns: all already seen, then a fresh one beside them is still taken.
    expect(await Promise.all([...keys.slice(0, 5).map((k) => b.firstSeen(k, T + 300_000, T + 5)), b.firstSeen('fresh', T + 300_000, T + 5)])).toEqual([false, false, false, false, false, true]);
  });

  it('prunes expired keys in chunks, after the answer, and keeps every live one', async () => {
    const a = createSeenRequests(ctx.db);
    const expired = Array.from({ length: 1200 }, (_, i) => ({ request_key: `old${i}`, expires_at: T - 1 }));
    for (let i = 0; i < expired.length; i += 400) await ctx.db.insertInto('seen_requests').values(expired.slice(i, i + 400)).execute();
    await ctx.db.insertInto('seen_requests').values({ request_key: 'live', expires_at: T + 60_000 }).execute();
    expect(await a.firstSeen('new', T + 300_000, T)).toBe(true);
    const left = async () => (await ctx.db.selectFrom('seen_requests').select('request_key').orderBy('request_key').execute()).map((r) => r.request_key);
    for (let i = 0; i < 50 && (await left()).length > 2; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(await left()).toEqual(['live', 'new']);
    expect(await a.firstSeen('live', T + 300_000, T + 1)).toBe(false);
  });

  it('a failing statement fails every request of its batch (the request is then not processed), and the next turn works again', async () => {
    const a = createSeenRequests(ctx.db);
    // An expiry neither engine's integer column takes breaks the one statement the batch shares.
    const bad = a.firstSeen('bad1', 'soon' as unknown as number, T);
    const good = a.firstSeen('ok1', T + 300_000, T);
    const settled = await Promise.allSettled([bad, good]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(await a.firstSeen('ok1', T + 300_000, T + 1)).toBe(true);
  });
});
