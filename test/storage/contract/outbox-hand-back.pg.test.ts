import type { PlannedMessage } from '../../../src/domain/ports';
import type { Executor } from '../../../src/storage/engine';
import { createOutboxStore } from '../../../src/storage/outbox-repository';
import { describeEachEngine } from '../../helpers/engines';
import { person } from './seed-outbox-pulse';

const T = 1_000_000;
const msg = (key: string, extra: Partial<PlannedMessage> = {}): PlannedMessage => ({ kind: 'reply', recipient: 'U1', dedupeKey: key, dueAt: T, payload: { text: key }, ...extra });
const ledger = { personId: 'U1', kind: 'weekly', period: '2027-W09' };
const rows = (db: Executor) => db.selectFrom('outbox').select(['dedupe_key', 'status', 'reason', 'attempts', 'next_attempt_at', 'claimed_by']).orderBy('id').execute();

/** What a request's run hands back when its own rate gate turned rows away: one statement, each row as it was before the claim. */
describeEachEngine('handing back the rows the gate turned away', (ctx) => {
  const store = () => createOutboxStore(ctx.db);
  beforeEach(() => person(ctx.db, 'U1'));

  it('back to planned together, due when the tier has a slot, the attempt refunded, the reason kept; only the owner\'s rows', async () => {
    await store().plan([msg('a'), msg('b'), msg('theirs'), msg('sending', { ledger }), msg('weekly', { ledger: { ...ledger, period: '2027-W10' } })], T);
    await ctx.db.updateTable('outbox').set({ reason: 'http_500' }).where('dedupe_key', '=', 'b').execute(); // an earlier try's reason
    const mine = await store().claim({ now: T, leaseUntil: T + 60_000, owner: 'A', limit: 10, keys: ['a', 'b', 'sending', 'weekly'] });
    await store().claim({ now: T, leaseUntil: T + 60_000, owner: 'B', limit: 10, keys: ['theirs'] });
    const id = (key: string) => mine.find((r) => r.dedupeKey === key)!.id;
    // A file marks its row sending before its last call, whose slot can still be refused: nothing was called, so it goes back too.
    expect(await store().markSending(id('sending'), 'A', T + 60_000, T)).toBe(true);

    const theirs = (await store().byKeys(['theirs']))[0]!.id;
    await store().releaseUnspent([id('a'), id('b'), id('sending'), id('weekly'), theirs], 'A', T + 5000, T + 10);
    expect(await rows(ctx.db)).toEqual([
      { dedupe_key: 'a', status: 'planned', reason: null, attempts: 0, next_attempt_at: T + 5000, claimed_by: null },
      { dedupe_key: 'b', status: 'planned', reason: 'http_500', attempts: 0, next_attempt_at: T + 5000, claimed_by: null },
      { dedupe_key: 'theirs', status: 'claimed', reason: null, attempts: 1, next_attempt_at: T, claimed_by: 'B' },
      { dedupe_key: 'sending', status: 'planned', reason: null, attempts: 0, next_attempt_at: T + 5000, claimed_by: null },
      { dedupe_key: 'weekly', status: 'planned', reason: null, attempts: 0, next_attempt_at: T + 5000, claimed_by: null },
    ]);
    // The period record follows its message back to waiting, as a release leaves it.
    expect(await ctx.db.selectFrom('nudges').select(['period', 'status', 'attempts']).orderBy('period').execute())
      .toEqual([{ period: '2027-W09', status: 'planned', attempts: 0 }, { period: '2027-W10', status: 'planned', attempts: 0 }]);
    // Nothing is claimable before its time, then each row exactly once.
    expect(await store().claim({ now: T + 4999, leaseUntil: T + 70_000, owner: 'C', limit: 10 })).toEqual([]);
    expect((await store().claim({ now: T + 5000, leaseUntil: T + 70_000, owner: 'C', limit: 10 })).map((r) => r.dedupeKey)).toEqual(['a', 'b', 'sending', 'weekly']);
    await store().releaseUnspent([], 'C', T, T); // nothing to hand back: no statement, no error
  });

  it('a read says which rows wait for their group (what a request checks before claiming again)', async () => {
    await store().plan([msg('post', { group: 'g' }), msg('confirm', { group: 'g', waits: true })], T);
    expect((await store().inGroup('g')).map((r) => [r.dedupeKey, r.waits])).toEqual([['post', false], ['confirm', true]]);
  });
});
