import { createClaims } from '../../../src/storage/claims';
import { createSeenRequests } from '../../../src/storage/seen-requests';
import { describeEachEngine } from '../../helpers/engines';

const T = 1_800_000_000_000;
const MINUTE = 60_000;

/** Claims (the agenda guard, dashboard sign-outs) hold across instances because the database decides who took one. */
describeEachEngine('claims', (ctx) => {
  it('one taker among many at the same moment, across two instances', async () => {
    const [a, b] = [createClaims(ctx.db), createClaims(ctx.db)];
    const takes = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).take('agenda:M:R', T + MINUTE, T)));
    expect(takes.filter(Boolean)).toHaveLength(1);
    expect(await b.held('agenda:M:R', T)).toBe(true);
    expect(await a.held('agenda:M:OTHER', T)).toBe(false);
    // Another key is its own claim.
    expect(await a.take('agenda:M:OTHER', T + MINUTE, T)).toBe(true);
  });

  it('given back, it can be taken again at once; held until its expiry otherwise, then taken over', async () => {
    const [a, b] = [createClaims(ctx.db), createClaims(ctx.db)];
    expect(await a.take('k', T + MINUTE, T)).toBe(true);
    await a.release('k', T + MINUTE);
    expect(await b.held('k', T)).toBe(false);
    expect(await b.take('k', T + MINUTE, T + 1)).toBe(true);
    // A holder that died: nobody before the expiry, the next taker at it.
    expect(await a.take('k', T + 2 * MINUTE, T + MINUTE - 1)).toBe(false);
    expect(await a.held('k', T + MINUTE - 1)).toBe(true);
    expect(await a.held('k', T + MINUTE)).toBe(false);
    expect(await a.take('k', T + 2 * MINUTE, T + MINUTE)).toBe(true);
  });

  it('a late release by a holder whose claim was taken over leaves the new holder alone', async () => {
    const [a, b] = [createClaims(ctx.db), createClaims(ctx.db)];
    expect(await a.take('k', T + MINUTE, T)).toBe(true);
    expect(await b.take('k', T + 3 * MINUTE, T + 2 * MINUTE)).toBe(true);
    await a.release('k', T + MINUTE);
    expect(await b.held('k', T + 2 * MINUTE)).toBe(true);
    expect(await a.take('k', T + 4 * MINUTE, T + 2 * MINUTE)).toBe(false);
  });

  it('never meets a request key of the replay memory, and expired claims are pruned with it', async () => {
    const claims = createClaims(ctx.db);
    const seen = createSeenRequests(ctx.db);
    expect(await seen.firstSeen('k', T + MINUTE, T)).toBe(true);
    expect(await claims.take('k', T + MINUTE, T)).toBe(true);
    expect(await claims.take('old', T + 1, T)).toBe(true);
    // The request guard's prune (at most once a minute, in the background) deletes the expired claim only.
    expect(await seen.firstSeen('later', T + 10 * MINUTE, T + MINUTE)).toBe(true);
    const keys = async () => (await ctx.db.selectFrom('seen_requests').select('request_key').orderBy('request_key').execute()).map((r) => r.request_key);
    const deadline = Date.now() + 5000;
    while ((await keys()).includes('claim:old') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(await keys()).toEqual(['claim:k', 'k', 'later']);
  });
});
