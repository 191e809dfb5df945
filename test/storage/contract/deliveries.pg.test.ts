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
});
