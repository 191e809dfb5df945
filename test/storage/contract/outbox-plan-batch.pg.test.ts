import type { KyselyPlugin } from 'kysely';
import type { PlannedMessage } from '../../../src/domain/ports';
import { createOutboxStore } from '../../../src/storage/outbox-repository';
import { describeEachEngine } from '../../helpers/engines';

const T = 1_000_000;
const PEOPLE = 1_200; // more than one batch of 500

/** Counts the statements Kysely sends (a round trip each on PostgreSQL). */
function statementCounter(): KyselyPlugin & { count: number } {
  const counter = {
    count: 0,
    transformQuery(args: Parameters<KyselyPlugin['transformQuery']>[0]) {
      counter.count += 1;
      return args.node;
    },
    transformResult: (args: Parameters<KyselyPlugin['transformResult']>[0]) => Promise.resolve(args.result),
  };
  return counter;
}

const weekly = (i: number, period = '2027-W09', key = `weekly:${i}:${period}`): PlannedMessage => ({
  kind: 'weekly', recipient: `U${i}`, dedupeKey: key, dueAt: T, payload: { n: i }, ledger: { personId: `U${i}`, kind: 'weekly', period },
});

/**
 * Planning the whole workspace's nudges at once (the bench's 10,000 managers): a fixed number of statements per
 * batch of 500, never one per message (each was a PostgreSQL round trip: 26 s for 10,000 managers), with exactly
 * what planning one message at a time decided.
 */
describeEachEngine('the outbox plans many messages in batches', (ctx) => {
  beforeEach(async () => {
    const rows = Array.from({ length: PEOPLE }, (_, i) => ({ id: `U${i}`, name: `u${i}`, created_at: 0, updated_at: 0 }));
    for (let i = 0; i < rows.length; i += 500) await ctx.db.insertInto('people').values(rows.slice(i, i + 500)).execute();
  });

  it('plans 1,200 period messages in a bounded number of statements; a rerun adds nothing and stays bounded', async () => {
    const counter = statementCounter();
    const store = createOutboxStore(ctx.db.withPlugin(counter));
    const messages = Array.from({ length: PEOPLE }, (_, i) => weekly(i));
    expect(await store.plan(messages, T)).toBe(PEOPLE);
    expect(counter.count).toBeLessThanOrEqual(3 * 3 + 2); // three batches of three statements, BEGIN/COMMIT aside
    counter.count = 0;
    expect(await store.plan(messages, T + 300_000)).toBe(0);
    expect(counter.count).toBeLessThanOrEqual(3 * 3 + 2);
    const outbox = await ctx.db.selectFrom('outbox as o').innerJoin('nudges as n', 'n.id', 'o.nudge_id')
      .select(['o.recipient', 'n.person_id', 'n.period', 'n.status']).execute();
    expect(outbox).toHaveLength(PEOPLE);
    expect(outbox.every((r) => r.recipient === r.person_id && r.period === '2027-W09' && r.status === 'planned')).toBe(true);
  });

  it('decides each message as one-at-a-time planning did: decided periods send nothing, duplicates and other periods are told apart', async () => {
    // U0…U9's week is already decided (skipped); U10 already has its message; U11 is asked twice in one call.
    const store = createOutboxStore(ctx.db);
    await ctx.db.insertInto('nudges').values(Array.from({ length: 10 }, (_, i) => ({
      person_id: `U${i}`, kind: 'weekly', period: '2027-W09', status: 'skipped' as const, due_at: T, next_attempt_at: T, created_at: T, updated_at: T,
    }))).execute();
    expect(await store.plan([weekly(10)], T)).toBe(1);
    const messages = [
      ...Array.from({ length: 700 }, (_, i) => weekly(i)),
      weekly(11), // the same key twice: one row
      weekly(11, '2027-W10'), // the same person, the next week: its own period record and row
      { kind: 'reply', recipient: 'U12', dedupeKey: 'plain', dueAt: T, payload: {} }, // no period record at all
    ];
    expect(await store.plan(messages, T)).toBe(700 - 10 - 1 + 2);
    const decided = await ctx.db.selectFrom('outbox').select('recipient').where('recipient', 'in', Array.from({ length: 10 }, (_, i) => `U${i}`)).execute();
    expect(decided).toEqual([]);
    const u11 = await ctx.db.selectFrom('outbox as o').innerJoin('nudges as n', 'n.id', 'o.nudge_id').select('n.period').where('o.recipient', '=', 'U11').orderBy('n.period').execute();
    expect(u11).toEqual([{ period: '2027-W09' }, { period: '2027-W10' }]);
    expect(await ctx.db.selectFrom('outbox').select(['nudge_id']).where('dedupe_key', '=', 'plain').executeTakeFirst()).toEqual({ nudge_id: null });
  });

  it('stores every value as given, text an array literal must quote included (PostgreSQL sends each column as one array)', async () => {
    const awkward = ['{a,b}', '"quoted", \\ back\\slash', 'NULL', '', 'ünïcödé 🎉\nline', ' spaced ', '}{,"\\'];
    const messages: PlannedMessage[] = awkward.map((text, i) => ({
      kind: i % 2 ? 'weekly' : 'reply', recipient: `U${i}`, dedupeKey: `k${i}:${text}`, dueAt: T + i, payload: { text, n: i },
      ...(i % 3 === 0 ? { group: text } : {}), ...(i === 4 ? { waits: true } : {}), ...(i % 2 ? { ledger: { personId: `U${i}`, kind: 'weekly', period: text || 'p', payload: { text } } } : {}),
    }));
    expect(await createOutboxStore(ctx.db).plan(messages, T)).toBe(awkward.length);
    const rows = await ctx.db.selectFrom('outbox').select(['recipient', 'dedupe_key', 'payload', 'group_key', 'waits', 'due_at', 'nudge_id']).orderBy('recipient').execute();
    expect(rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as unknown, nudge_id: r.nudge_id === null ? null : 'set' }))).toEqual(messages.map((m, i) => ({
      recipient: m.recipient, dedupe_key: m.dedupeKey, payload: m.payload, group_key: m.group ?? null, waits: m.waits ? 1 : 0, due_at: T + i, nudge_id: m.ledger ? 'set' : null,
    })).sort((a, b) => a.recipient.localeCompare(b.recipient)));
    const ledgers = await ctx.db.selectFrom('nudges').select(['person_id', 'period', 'payload']).orderBy('person_id').execute();
    expect(ledgers).toEqual(messages.filter((m) => m.ledger).map((m) => ({ person_id: m.recipient, period: m.ledger!.period, payload: JSON.stringify(m.ledger!.payload) })));
    // Planned again: the same keys, found by their exact (person, kind, period), nothing added.
    expect(await createOutboxStore(ctx.db).plan(messages, T)).toBe(0);
  });
});
