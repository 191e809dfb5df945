import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';
import { createOutboxStore } from '../../src/storage/outbox-repository';
import type { PlannedMessage } from '../../src/domain/ports';

/** The outbox's SQL (src/storage/outbox-repository.ts): every change guarded by the status it expects and by its owner. */
describe('the outbox store', () => {
  let env: ReturnType<typeof freshDb>;
  let store: ReturnType<typeof createOutboxStore>;
  const T = 1_000_000;
  const msg = (key: string, extra: Partial<PlannedMessage> = {}): PlannedMessage => ({ kind: 'reply', recipient: 'U1', dedupeKey: key, dueAt: T, payload: { text: key }, ...extra });
  const status = (key: string) => env.db.prepare('SELECT status, reason, attempts, payload FROM outbox WHERE dedupe_key = ?').get(key) as { status: string; reason: string | null; attempts: number; payload: string };
  const claim = (owner: string, now = T, extra = {}) => store.claim({ now, leaseUntil: now + 1000, owner, limit: 10, ...extra });
  beforeEach(() => {
    env = freshDb();
    env.db.prepare("INSERT INTO people (id, created_at, updated_at) VALUES ('U1', 0, 0)").run();
    store = createOutboxStore(sqliteKysely(env.db));
  });
  afterEach(() => env.cleanup());

  it('plans each dedupe key once; with a period record, only while that period is still undecided', async () => {
    expect(await store.plan([msg('a'), msg('a'), msg('b')], T)).toBe(2);
    expect(await store.plan([msg('a')], T)).toBe(0);
    const ledger = { personId: 'U1', kind: 'weekly', period: '2027-W09' };
    expect(await store.plan([msg('n1', { ledger })], T)).toBe(1);
    expect(env.db.prepare("SELECT COUNT(*) AS n FROM nudges WHERE kind = 'weekly'").get()).toEqual({ n: 1 });
    env.db.prepare("UPDATE nudges SET status = 'skipped' WHERE kind = 'weekly'").run();
    const other = { personId: 'U1', kind: 'weekly', period: '2027-W09' };
    expect(await store.plan([msg('n2', { ledger: other })], T)).toBe(0); // the week is decided: nothing more goes out for it
  });

  it('gives a row to one claimer only, not before it is due, and a waiting row only once its group is settled', async () => {
    await store.plan([msg('post', { group: 'g' }), msg('confirm', { group: 'g', waits: true }), msg('later', { dueAt: T + 5000 })], T);
    expect((await claim('A')).map((r) => r.dedupeKey)).toEqual(['post']);
    expect(await claim('B')).toEqual([]);
    const [post] = await store.byKeys(['post']);
    expect(await store.markSending(post!.id, 'B', T + 1000, T)).toBe(false); // not B's claim
    expect(await store.markSending(post!.id, 'A', T + 1000, T)).toBe(true);
    await store.settle(post!.id, 'A', { status: 'sent', channel: 'C1', ts: '1.1' }, T);
    expect((await claim('B', T, { group: 'g' })).map((r) => r.dedupeKey)).toEqual(['confirm']);
    expect((await claim('B', T + 5000)).map((r) => r.dedupeKey)).toEqual(['later']);
    expect(status('post')).toMatchObject({ status: 'sent', payload: '{}' }); // sent: the payload is not kept
  });

  it('after a lease runs out: a claim goes back to planned, a send under way becomes uncertain (mirrored), and a late success still counts', async () => {
    const ledger = { personId: 'U1', kind: 'weekly', period: '2027-W09' };
    await store.plan([msg('claimed'), msg('sending', { ledger })], T);
    const rows = await claim('A');
    const sending = rows.find((r) => r.dedupeKey === 'sending')!;
    await store.markSending(sending.id, 'A', T + 1000, T);
    expect(await store.recoverExpired(T + 500)).toEqual({ released: 0, uncertain: 0 });
    expect(await store.recoverExpired(T + 2000)).toEqual({ released: 1, uncertain: 1 });
    expect(status('claimed')).toMatchObject({ status: 'planned' });
    expect(status('sending')).toMatchObject({ status: 'uncertain', reason: 'interrupted' });
    expect(env.db.prepare("SELECT status FROM nudges WHERE kind = 'weekly'").get()).toEqual({ status: 'uncertain' });
    await store.settle(sending.id, 'A', { status: 'sent', channel: 'D1', ts: '2.2' }, T + 3000);
    expect(status('sending')).toMatchObject({ status: 'sent' });
    expect(env.db.prepare("SELECT status, message_ts FROM nudges WHERE kind = 'weekly'").get()).toEqual({ status: 'sent', message_ts: '2.2' });
    await store.settle(sending.id, 'B', { status: 'failed', reason: 'late' }, T + 4000);
    expect(status('sending')).toMatchObject({ status: 'sent' }); // only the owner settles
  });

  it('a release refunds the attempt of a 429; a failed row is retried once by an admin; a file keeps no content after a try', async () => {
    await store.plan([msg('limited'), msg('broken'), msg('file', { kind: 'file', payload: { content: 'secret,csv' } })], T);
    const rows = await claim('A');
    const byKey = (k: string) => rows.find((r) => r.dedupeKey === k)!;
    await store.release(byKey('limited').id, 'A', T + 3000, 'ratelimited', true, T);
    expect(status('limited')).toMatchObject({ status: 'planned', attempts: 0, reason: 'ratelimited' });
    await store.settle(byKey('broken').id, 'A', { status: 'failed', reason: 'not_in_channel' }, T);
    await store.settle(byKey('file').id, 'A', { status: 'failed', reason: 'http_500' }, T);
    expect(status('file')).toMatchObject({ status: 'failed', payload: '{}' });
    expect(await store.stats(T)).toEqual({ depth: 1, oldestDueAt: T, failed: 2, uncertain: 0 });
    expect((await store.recentFailures(5)).map((r) => r.dedupeKey).sort()).toEqual(['broken', 'file']);
    expect(await store.retry(byKey('file').id, T)).toBe(false);
    expect(await store.retry(byKey('broken').id, T)).toBe(true);
    expect(await store.retry(byKey('broken').id, T)).toBe(false);
    expect(status('broken')).toMatchObject({ status: 'planned', attempts: 0 });
    // Settled rows go after a while; waiting ones never do.
    expect(await store.prune(T + 1)).toBe(1); // the file row
    expect(await store.stats(T)).toMatchObject({ depth: 2, failed: 0 });
  });
});
