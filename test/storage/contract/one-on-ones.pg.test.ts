import { createOneOnOneRepository } from '../../../src/storage/one-on-one-repository';
import { createGuidanceSeenRepository } from '../../../src/storage/guidance-seen-repository';
import { NO_PAIR, oneOnOneQueries } from '../../../src/storage/one-on-one-queries';
import { createTextSealer } from '../../../src/storage/sealed-text';
import { createUnitOfWork } from '../../../src/storage/unit-of-work';
import type { Executor } from '../../../src/storage/engine';
import { describeEachEngine } from '../../helpers/engines';
import { planOf } from '../../helpers/explain';
import { OTHER_DATA_KEY, testSealer } from '../../helpers/data-key';
import { busyOrg, DAY, expectIndexed, rowCount, T, team } from './seed-activity';

const log = (over: Partial<Parameters<ReturnType<typeof createOneOnOneRepository>['insert']>[0]> = {}) => ({
  managerId: 'UM', reportId: 'UA', heldOn: '2027-01-10', heldAt: T, notes: 'She wants to lead the migration', careerTalk: false,
  idempotencyKey: `log-${Math.random()}`, createdAt: T, ...over,
});

/** The prep card's facts' pair part: its figures and the manager's last prepared items. */
async function facts(r: ReturnType<typeof createOneOnOneRepository>, managerId: string, reportId: string) {
  const { stats, lastPrepared } = await r.prepFacts(managerId, reportId, { since: 0, openItems: 1, recognition: 1 });
  return { stats, lastPrepared };
}

describeEachEngine('1:1 repository', (ctx) => {
  const repo = (db: Executor = ctx.db) => createOneOnOneRepository(db, { sealer: testSealer() });

  it('stores a 1:1 once per idempotency key, returning the first id for a repeat', async () => {
    await team(ctx.db);
    const first = await repo().insert(log({ idempotencyKey: 'same' }));
    const again = await repo().insert(log({ idempotencyKey: 'same', notes: 'other' }));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await rowCount(ctx.db, 'one_on_ones')).toBe(1);
  });

  it('seals notes: never in clear in the table, readable by the writer, unreadable without the key', async () => {
    await team(ctx.db);
    const { id } = await repo().insert(log({ notes: 'Burnout worry, keep private' }));
    const raw = await ctx.db.selectFrom('one_on_ones').select('notes').where('id', '=', id).executeTakeFirstOrThrow();
    expect(raw.notes.startsWith('lw1:')).toBe(true);
    expect(raw.notes).not.toContain('Burnout');
    expect((await repo().history('UA', 'UM', 5))[0]?.notes).toBe('Burnout worry, keep private');
    const otherKey = createOneOnOneRepository(ctx.db, { sealer: createTextSealer({ current: Buffer.from(OTHER_DATA_KEY, 'base64') }) });
    const shown = (await otherKey.history('UA', 'UM', 5))[0]?.notes;
    expect(shown).toMatch(/encrypted under data key k[0-9a-f]{8}/);
    expect(shown).not.toContain('Burnout');
  });

  it('refuses notes without a data key in words and stores nothing; a 1:1 without notes still saves', async () => {
    await team(ctx.db);
    const keyless = createOneOnOneRepository(ctx.db, { sealer: createTextSealer({}) });
    await expect(keyless.insert(log())).rejects.toMatchObject({ code: 'notes_need_key' });
    expect(await rowCount(ctx.db, 'one_on_ones')).toBe(0);
    await keyless.insert(log({ notes: '' }));
    expect((await keyless.history('UA', 'UM', 5))[0]?.notes).toBe('');
  });

  it('shows history only to the manager who held it, newest first, each with its own items', async () => {
    await team(ctx.db);
    const r = repo();
    const old = await r.insert(log({ heldOn: '2027-01-01', heldAt: T - 9 * DAY }));
    const recent = await r.insert(log({ heldOn: '2027-01-10', heldAt: T, energy: 4, careerTalk: true }));
    await r.insert(log({ managerId: 'UOTHER', notes: 'not yours', heldAt: T + DAY }));
    await r.addItems(old.id, 'UM', 'UA', [{ ownerId: 'UA', text: 'Draft plan' }], T - 9 * DAY);
    await r.addItems(recent.id, 'UM', 'UA', [{ ownerId: 'UM', text: 'Book room' }, { ownerId: 'UA', text: 'Share notes' }], T);
    const history = await r.history('UA', 'UM', 5);
    expect(history.map((h) => [h.id, h.heldOn, h.energy, h.careerTalk, h.summarySent])).toEqual([
      [recent.id, '2027-01-10', 4, true, false], [old.id, '2027-01-01', undefined, false, false],
    ]);
    expect(history[0]?.items.map((i) => [i.text, i.heldOn])).toEqual([['Book room', '2027-01-10'], ['Share notes', '2027-01-10']]);
    expect(history[1]?.items.map((i) => i.text)).toEqual(['Draft plan']);
    expect(await r.history('UA', 'UM', 1)).toHaveLength(1);
    expect((await r.history('UA', 'UOTHER', 5)).map((h) => h.notes)).toEqual(['not yours']);
    expect(await r.history('UA', 'UB', 5)).toEqual([]);
  });

  it('carries open items over from earlier 1:1s, oldest first, and closes only the pair’s open ones', async () => {
    await team(ctx.db);
    const r = repo();
    const first = await r.insert(log({ heldAt: T - 14 * DAY }));
    await r.addItems(first.id, 'UM', 'UA', [{ ownerId: 'UA', text: 'One' }, { ownerId: 'UM', text: 'Two' }], T - 14 * DAY);
    const second = await r.insert(log({ heldAt: T }));
    await r.addItems(second.id, 'UM', 'UA', [{ ownerId: 'UA', text: 'Three' }], T);
    const other = await r.insert(log({ reportId: 'UB' }));
    await r.addItems(other.id, 'UM', 'UB', [{ ownerId: 'UB', text: 'Not this pair' }], T);
    const open = await r.openItems('UM', 'UA', 10);
    expect(open.map((i) => i.text)).toEqual(['One', 'Two', 'Three']);
    expect((await r.openItems('UM', 'UA', 2)).map((i) => i.text)).toEqual(['One', 'Two']);
    const foreign = (await r.openItems('UM', 'UB', 10)).map((i) => i.id);
    expect(await r.completeItems('UM', 'UA', [open[0]!.id, ...foreign], T + 1)).toBe(1);
    expect(await r.completeItems('UM', 'UA', [open[0]!.id], T + 2)).toBe(0);
    expect(await r.completeItems('UM', 'UA', [], T + 2)).toBe(0);
    expect((await r.openItems('UM', 'UA', 10)).map((i) => i.text)).toEqual(['Two', 'Three']);
    expect((await r.openItems('UM', 'UB', 10)).map((i) => i.text)).toEqual(['Not this pair']);
    expect((await r.history('UA', 'UM', 5))[1]?.items[0]).toMatchObject({ text: 'One', doneAt: T + 1 });
  });

  it('sums up a pair: count, first and last 1:1, last career talk and the latest situation', async () => {
    await team(ctx.db);
    const r = repo();
    expect(await r.pairStats('UM', 'UA')).toEqual({ count: 0, firstHeldAt: undefined, lastHeldAt: undefined, lastHeldOn: undefined, lastCareerAt: undefined });
    await r.insert(log({ heldOn: '2027-01-01', heldAt: T - 20 * DAY, careerTalk: true }));
    await r.insert(log({ heldOn: '2027-01-11', heldAt: T, situation: 'feedback' }));
    await r.insert(log({ heldOn: '2027-01-05', heldAt: T - 5 * DAY }));
    expect(await r.pairStats('UM', 'UA')).toEqual({
      count: 3, firstHeldAt: T - 20 * DAY, lastHeldAt: T, lastHeldOn: '2027-01-11', lastCareerAt: T - 20 * DAY, lastSituation: 'feedback',
    });
    expect(await facts(r, 'UM', 'UA')).toEqual({ stats: await r.pairStats('UM', 'UA'), lastPrepared: [] });
  });

  it('gives the latest 1:1 per report, ties on time going to the later row', async () => {
    await team(ctx.db);
    const r = repo();
    await r.insert(log({ heldOn: '2027-01-01', heldAt: T - DAY }));
    await r.insert(log({ heldOn: '2027-01-02', heldAt: T }));
    await r.insert(log({ heldOn: '2027-01-02b', heldAt: T }));
    await r.insert(log({ reportId: 'UB', heldOn: '2026-12-01', heldAt: T - 40 * DAY }));
    await r.insert(log({ managerId: 'UOTHER', reportId: 'UB', heldAt: T + DAY }));
    expect(await r.lastHeldByReport('UM')).toEqual(new Map([['UA', { heldAt: T, heldOn: '2027-01-02b' }], ['UB', { heldAt: T - 40 * DAY, heldOn: '2026-12-01' }]]));
  });

  it('marks the summary sent, remembers the last prep card’s items and when an agenda was sent', async () => {
    await team(ctx.db);
    const r = repo();
    const { id } = await r.insert(log());
    await r.markSummarySent(id);
    expect((await r.history('UA', 'UM', 1))[0]?.summarySent).toBe(true);
    expect(await r.lastPreparedItems('UM')).toEqual([]);
    await r.recordPrep('UM', 'UA', ['g1', 'g2'], T);
    await r.recordPrep('UM', 'UB', ['g3'], T + 1);
    expect(await r.lastPreparedItems('UM')).toEqual(['g3']);
    // The prep card reads both in one statement: the same answers as the two reads.
    expect(await facts(r, 'UM', 'UA')).toEqual({ stats: await r.pairStats('UM', 'UA'), lastPrepared: ['g3'] });
    expect(await facts(r, 'UOTHER', 'UA')).toEqual({ stats: await r.pairStats('UOTHER', 'UA'), lastPrepared: [] });
    expect(await r.lastAgendaSentAt('UM', 'UA')).toBeUndefined();
    await ctx.db.insertInto('events').values([
      { at: T + 5, kind: 'one_on_one.agenda_sent', actor_id: 'UM', subject_id: 'UA' },
      { at: T + 9, kind: 'one_on_one.agenda_sent', actor_id: 'UM', subject_id: 'UB' },
    ]).execute();
    expect(await r.lastAgendaSentAt('UM', 'UA')).toBe(T + 5);
  });

  it('records a prep card: its items for the next card, and the manager as managing (the latest time, never back)', async () => {
    await team(ctx.db);
    let statements = 0;
    const counted = ctx.db.withPlugin({ transformQuery: (args) => args.node, transformResult: async (args) => ((statements += 1), args.result) });
    const r = repo(counted);
    const managingOf = async (id: string) => (await ctx.db.selectFrom('people').select('managing_seen_at').where('id', '=', id).executeTakeFirstOrThrow()).managing_seen_at;
    expect(await managingOf('UM')).toBeNull();
    await r.recordPrep('UM', 'UA', ['g1'], T + 2 * DAY);
    // PostgreSQL: one statement (a round trip and a commit); SQLite: the two writes, in process.
    expect(statements).toBe(ctx.engine === 'postgres' ? 1 : 2);
    expect(Number(await managingOf('UM'))).toBe(T + 2 * DAY);
    // An older prep (a slow request landing late) never moves the mark back; it is still the card last written.
    await r.recordPrep('UM', 'UB', ['g2'], T + DAY);
    expect(Number(await managingOf('UM'))).toBe(T + 2 * DAY);
    await r.recordPrep('UM', 'UA', ['g3', 'g4'], T + 3 * DAY);
    expect(Number(await managingOf('UM'))).toBe(T + 3 * DAY);
    // Only the manager's own row: the report's and everyone else's marks stay unset.
    for (const id of ['UA', 'UB', 'UOTHER']) expect(await managingOf(id)).toBeNull();
    const events = await ctx.db.selectFrom('events').select(['actor_id', 'subject_id', 'data', 'at']).where('kind', '=', 'one_on_one.prepared').orderBy('id').execute();
    expect(events.map((e) => [e.actor_id, e.subject_id, JSON.parse(e.data ?? 'null'), Number(e.at)])).toEqual([
      ['UM', 'UA', { items: ['g1'] }, T + 2 * DAY], ['UM', 'UB', { items: ['g2'] }, T + DAY], ['UM', 'UA', { items: ['g3', 'g4'] }, T + 3 * DAY],
    ]);
    expect(await r.lastPreparedItems('UM')).toEqual(['g3', 'g4']);
    // A manager with no row yet (never looked up): the items are still kept, and no people row appears.
    await r.recordPrep('UNEW', 'UA', ['g5'], T);
    expect(await r.lastPreparedItems('UNEW')).toEqual(['g5']);
    expect(await ctx.db.selectFrom('people').select('id').where('id', '=', 'UNEW').executeTakeFirst()).toBeUndefined();
    // No picks given, none recorded.
    expect(await ctx.db.selectFrom('guidance_seen').select('id').execute()).toEqual([]);
  });

  it("records a prep card's guidance picks with it, in the order drawn, as the rotation reads them", async () => {
    await team(ctx.db);
    let statements = 0;
    const r = repo(ctx.db.withPlugin({ transformQuery: (args) => args.node, transformResult: async (args) => ((statements += 1), args.result) }));
    const seen = createGuidanceSeenRepository(ctx.db);
    const pool = 'frontline/one-on-one/-';
    // Ids an array literal must escape: a comma, quotes, braces, a backslash, a space, NULL spelled out, non-ASCII.
    const odd = ['a,b', 'say "hi"', '{x}', 'back\\slash', 'two words', 'NULL', 'ünï 🎉'];
    await r.recordPrep('UM', 'UA', ['g1'], T, [{ pool, itemId: 'first' }, { pool: 'frontline/one-on-one/overdue', itemId: 'sit' }, { pool, itemId: 'second' }]);
    expect(statements).toBe(ctx.engine === 'postgres' ? 1 : 5);
    expect(await seen.latest('UM', pool, 5)).toEqual({ count: 2, itemIds: ['second', 'first'] });
    expect(await seen.latest('UM', 'frontline/one-on-one/overdue', 5)).toEqual({ count: 1, itemIds: ['sit'] });
    await r.recordPrep('UM', 'UB', ['g2'], T + 1, odd.map((itemId) => ({ pool, itemId })));
    expect(await seen.latest('UM', pool, 20)).toEqual({ count: 9, itemIds: [...odd].reverse().concat(['second', 'first']) });
    const rows = await ctx.db.selectFrom('guidance_seen').select(['person_id', 'seen_at']).execute();
    expect(new Set(rows.map((x) => `${x.person_id}@${Number(x.seen_at)}`))).toEqual(new Set([`UM@${T}`, `UM@${T + 1}`]));
    // The report's and everyone else's rotations are untouched.
    expect(await seen.latest('UA', pool, 5)).toEqual({ count: 0, itemIds: [] });
  });

  it('stores a log, its new items and the items it closes together in one unit of work, or none of it', async () => {
    await team(ctx.db);
    const first = await repo().insert(log({ heldAt: T - DAY }));
    await repo().addItems(first.id, 'UM', 'UA', [{ ownerId: 'UA', text: 'Old' }], T - DAY);
    const [old] = await repo().openItems('UM', 'UA', 5);
    const uow = createUnitOfWork(ctx.db, (ex) => repo(ex));
    await expect(uow.run(async (r) => {
      const { id } = await r.insert(log());
      await r.completeItems('UM', 'UA', [old!.id], T);
      await r.addItems(id, 'UM', 'UA', [{ ownerId: 'UA', text: 'x'.repeat(501) }], T);
    })).rejects.toThrow();
    expect(await rowCount(ctx.db, 'one_on_ones')).toBe(1);
    expect((await repo().openItems('UM', 'UA', 5)).map((i) => i.text)).toEqual(['Old']);
    await uow.run(async (r) => {
      const { id } = await r.insert(log());
      await r.completeItems('UM', 'UA', [old!.id], T);
      await r.addItems(id, 'UM', 'UA', [{ ownerId: 'UA', text: 'New' }], T);
    });
    expect((await repo().openItems('UM', 'UA', 5)).map((i) => i.text)).toEqual(['New']);
  });
});

describeEachEngine('1:1 queries seek their indexes (prep card, log modal, history)', (ctx) => {
  const queries = () => oneOnOneQueries(ctx.db, { ...NO_PAIR, managerId: 'UM', reportId: 'UA', limit: 5, ids: [1, 2] });
  it.each([
    ['openItems', 'action_items_open_pair'],
    ['pairStats', 'one_on_ones_pair'],
    ['prepStats', 'one_on_ones_pair'],
    ['prepStats', 'events_actor_kind'],
    ['prepFacts', 'one_on_ones_pair'],
    ['prepFacts', 'events_actor_kind'],
    ['prepFacts', 'action_items_open_pair'],
    ['lastByReport', 'one_on_ones_pair'],
    ['history', 'one_on_ones_pair'],
    ['itemsOf', 'action_items_open_pair'],
    ['lastPrepared', 'events_actor_kind'],
    ['lastAgenda', 'events_actor_kind'],
  ] as const)('%s', async (name, index) => {
    await busyOrg(ctx.db, ctx.engine);
    expectIndexed(ctx.engine, await planOf(ctx.engine, ctx.db, queries()[name]), ['one_on_ones', 'action_items', 'events'], index);
  });
});
