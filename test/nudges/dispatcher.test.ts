import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';
import { createFixedClock } from '../../src/clock';
import type { FakeNotifier } from './fixtures';
import { fakeNotifier, MIN, nudgeWorld, rows, seed, slackError, team, type NudgeWorld } from './fixtures';

const MONDAY_9 = Date.UTC(2027, 2, 1, 9, 0); // Monday 1 March 2027, 09:00 UTC

async function world(managers: number): Promise<NudgeWorld & { cleanup: () => void }> {
  const env = freshDb();
  const w = nudgeWorld(env.db, createFixedClock(MONDAY_9));
  await seed(w.people, Array.from({ length: managers }, (_, i) => team(String(i).padStart(3, '0'), 'UTC', 2)).flat());
  expect((await w.planner.plan(MONDAY_9)).queued).toBe(managers);
  return { ...w, cleanup: env.cleanup };
}

describe('dispatching the queue', () => {
  let w: Awaited<ReturnType<typeof world>>;
  afterEach(() => w.cleanup());

  it('sends every planned nudge once, records channel, ts and a summary, and keeps to the workspace rate after a short burst', async () => {
    w = await world(12);
    const stats = await w.dispatcher({ ratePerMinute: 60 }).drain();
    expect(stats).toMatchObject({ sent: 12, failed: 0, skipped: 0 });
    expect(new Set(w.notifier.sent.map((s) => s.personId)).size).toBe(12);
    // Slack tolerates bursts: a sixth of a minute's budget (10 at 60 a minute, plus the slot itself) goes at once, then one a second.
    const at = w.notifier.sent.map((s) => s.at - MONDAY_9);
    expect(at.slice(0, 11)).toEqual(Array(11).fill(0));
    expect(at.slice(11)).toEqual([1000]);
    for (const r of rows(w.db)) {
      expect(r).toMatchObject({ status: 'sent', attempts: 1 });
      expect(r.message_ts).toMatch(/^\d+\.\d{6}$/);
    }
    const sent = w.notifier.sent[0]!;
    expect(sent.digest.nudgeId).toBe(rows(w.db).find((r) => r.person_id === sent.personId)!.id);
    const payload = JSON.parse((w.db.prepare('SELECT payload FROM nudges WHERE id = ?').get(sent.digest.nudgeId) as { payload: string }).payload);
    expect(payload).toMatchObject({ type: 'weekly', teamSize: 2, overdue: 2, unrecognised: 2 });
    expect(await w.dispatcher().drain()).toMatchObject({ sent: 0 }); // nothing left: a second run sends nothing
  });

  it('skips (and never sends) when the workspace is uninstalled or revoked', async () => {
    w = await world(2);
    await w.workspaces.stopSending('T1', 'uninstalled');
    expect(await w.dispatcher().drain()).toMatchObject({ sent: 0, skipped: 2 });
    expect(w.notifier.calls).toEqual([]);
    expect(rows(w.db).map((r) => [r.status, r.reason])).toEqual([['skipped', 'workspace_inactive'], ['skipped', 'workspace_inactive']]);
    expect(w.sleeps).toEqual([]); // skips take no send slot, so a backlog of them costs no time
  });

  it('stop() lets the send in flight finish and record, then sends nothing more', async () => {
    w = await world(3);
    const d = w.dispatcher({ ratePerMinute: 0 });
    w.notifier.afterSend = () => d.stop(); // shutdown arrives while the first nudge is on its way
    expect(await d.drain()).toMatchObject({ sent: 1 });
    expect(await d.drain()).toMatchObject({ sent: 0 });
    expect(rows(w.db).map((r) => r.status)).toEqual(['sent', 'planned', 'planned']);
  });

  it('skips a person who paused after planning, and a nudge that went stale', async () => {
    w = await world(2);
    await w.service.pause('UM000');
    w.clock.set(MONDAY_9 + 25 * 60 * MIN);
    await w.dispatcher().drain();
    expect(rows(w.db).map((r) => r.reason)).toEqual(['paused', 'expired']);
    expect(w.notifier.calls).toEqual([]);
  });

  it('re-checks at send time: snoozed or away since planning is skipped with the reason', async () => {
    w = await world(3);
    await w.service.snooze('UM000');
    await w.people.upsertProfile({ id: 'UM001', teamId: 'T1', name: 'um001', realName: '', tz: 'UTC', isBot: false, deleted: false, statusText: 'Out sick', statusEmoji: '' }, MONDAY_9);
    await w.dispatcher().drain();
    expect(rows(w.db).map((r) => [r.person_id, r.status, r.reason])).toEqual([
      ['UM000', 'skipped', 'snoozed'],
      ['UM001', 'skipped', 'away'],
      ['UM002', 'sent', null],
    ]);
  });

  it('a digest that cannot be built is failed with the reason and nothing is sent', async () => {
    w = await world(1);
    const broken = { build: async () => { throw new Error('no such table: kudos'); }, worthSending: async () => true };
    const stats = await w.dispatcher({ digests: broken }).drain();
    expect(stats).toMatchObject({ failed: 1, sent: 0, uncertain: 0 });
    expect(w.notifier.calls).toEqual([]);
    expect(rows(w.db)[0]).toMatchObject({ status: 'failed', reason: 'prepare_error' });
  });

  it('someone who says they manage but has no team gets the onboarding nudge three weeks, then no more until a team appears', async () => {
    w = await world(0);
    await seed(w.people, [{ id: 'UNEW', tz: 'UTC', settings: { levelOverride: 'frontline', levelSource: 'self' } }]);
    for (let week = 0; week < 5; week += 1) {
      w.clock.set(MONDAY_9 + week * 7 * 24 * 60 * MIN);
      await w.planner.plan(w.clock.now());
      await w.dispatcher().drain();
    }
    expect(w.notifier.sent.map((s) => s.digest.type)).toEqual(['onboarding', 'onboarding', 'onboarding']);
    expect(rows(w.db).map((r) => r.reason ?? r.status)).toEqual(['sent', 'sent', 'sent', 'onboarding_done', 'onboarding_done']);
    await seed(w.people, [{ id: 'UREPORT', tz: 'UTC', managerId: 'UNEW' }]);
    w.clock.set(MONDAY_9 + 5 * 7 * 24 * 60 * MIN);
    await w.planner.plan(w.clock.now());
    await w.dispatcher().drain();
    expect(w.notifier.sent.map((s) => s.digest.type)).toEqual(['onboarding', 'onboarding', 'onboarding', 'weekly']);
  });

  it('someone whose whole team has left (and who never set a level) is not nudged', async () => {
    w = await world(1);
    await w.people.setManager('UR0001', null, MONDAY_9);
    await w.people.setManager('UR0002', null, MONDAY_9);
    w.clock.set(MONDAY_9 + 7 * 24 * 60 * MIN);
    expect((await w.planner.plan(w.clock.now())).due).toBe(0);
  });

  it.each(['user_not_found', 'account_inactive', 'cannot_dm_bot', 'invalid_blocks'])('never retries a permanent error (%s): failed with the reason', async (code) => {
    w = await world(1);
    w.notifier.failures.push(slackError(code));
    await w.dispatcher().drain();
    w.clock.advance(24 * 60 * MIN);
    await w.dispatcher().drain();
    expect(w.notifier.calls).toHaveLength(1);
    expect(rows(w.db)[0]).toMatchObject({ status: 'failed', reason: code });
  });

  it('retries 5xx and network failures with growing backoff, then sends once', async () => {
    w = await world(1);
    w.notifier.failures.push(slackError('http_503'), slackError('ECONNREFUSED'));
    const d = w.dispatcher();
    expect(await d.drain()).toMatchObject({ retried: 1, sent: 0 });
    expect(await d.drain()).toMatchObject({ retried: 0, sent: 0 }); // not due yet: nothing is hammered
    w.clock.advance(MIN);
    expect(await d.drain()).toMatchObject({ retried: 1 });
    w.clock.advance(MIN);
    expect(await d.drain()).toMatchObject({ sent: 0 }); // the second backoff is two minutes
    w.clock.advance(MIN);
    expect(await d.drain()).toMatchObject({ sent: 1 });
    expect(w.notifier.calls.map((c) => c.at - MONDAY_9)).toEqual([0, MIN, 3 * MIN]);
    expect(rows(w.db)[0]).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('gives up on a transient error after the last attempt, with the reason', async () => {
    w = await world(1);
    for (let i = 0; i < 10; i += 1) w.notifier.failures.push(slackError('http_503'));
    const d = w.dispatcher();
    for (let i = 0; i < 14; i += 1) {
      await d.drain();
      w.clock.advance(60 * MIN);
    }
    expect(w.notifier.calls).toHaveLength(10);
    expect(rows(w.db)[0]).toMatchObject({ status: 'failed', reason: 'http_503', attempts: 10 });
  });

  // The attack in issue 18: an answer lost after Slack had posted (reset, 502, a slow answer) must not post twice.
  it.each([
    ['a timeout', slackError('timeout')],
    ['a reset connection', slackError('ECONNRESET')],
    ['a 502', slackError('http_502')],
    ["Slack's internal_error", slackError('internal_error')],
    ['an unexpected exception', new Error('socket hang up')],
  ])('after %s (Slack may have posted) records uncertain and never resends', async (_label, error) => {
    w = await world(1);
    w.notifier.failures.push(error);
    await w.dispatcher().drain();
    w.clock.advance(60 * MIN);
    await w.dispatcher().drain();
    expect(w.notifier.calls).toHaveLength(1);
    expect(rows(w.db)[0]!.status).toBe('uncertain');
  });
});

describe('a 429 storm', () => {
  let w: Awaited<ReturnType<typeof world>>;
  afterEach(() => w.cleanup());

  it('honours every Retry-After: no call before it ends, nothing lost, nothing doubled, no attempt used up', async () => {
    w = await world(5);
    for (let i = 0; i < 8; i += 1) w.notifier.failures.push(slackError('ratelimited', 7000));
    const stats = await w.dispatcher({ ratePerMinute: 600 }).drain();
    expect(stats).toMatchObject({ sent: 5, rateLimited: 8, failed: 0 });
    const calls = w.notifier.calls;
    // Each 429 is followed by a pause of at least its Retry-After before the next call of any nudge.
    for (let i = 0; i < 8; i += 1) expect(calls[i + 1]!.at - calls[i]!.at).toBeGreaterThanOrEqual(7000);
    expect(new Set(w.notifier.sent.map((s) => s.personId)).size).toBe(5);
    expect(rows(w.db).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('a long Retry-After ends the run instead of sleeping through it; the next run after it resumes', async () => {
    w = await world(3);
    w.notifier.failures.push(slackError('ratelimited', 120_000));
    const d = w.dispatcher({ maxWaitMs: 15_000 });
    const first = await d.drain();
    expect(first).toMatchObject({ sent: 0, failed: 0 });
    expect(first.rateLimited).toBeGreaterThanOrEqual(1);
    expect(w.sleeps.filter((ms) => ms > 15_000)).toEqual([]);
    w.clock.advance(60_000);
    expect(await d.drain()).toMatchObject({ sent: 0 }); // still held: no call at all
    expect(w.notifier.calls).toHaveLength(1);
    w.clock.advance(60_000);
    expect(await d.drain()).toMatchObject({ sent: 3 });
  });
});

describe('crash safety and two dispatchers', () => {
  it('restart mid-dispatch: a nudge sent but not marked is not sent again, and is recorded as uncertain', async () => {
    const env = freshDb();
    const a = nudgeWorld(env.db, createFixedClock(MONDAY_9));
    await seed(a.people, [...team('A', 'UTC', 1), ...team('B', 'UTC', 1)]);
    await a.planner.plan(MONDAY_9);
    const slack: string[] = [];
    // Process A: Slack takes the first message, then the process dies before recording it.
    const dying = fakeNotifier(a.clock);
    dying.send = async (row, _model, hooks) => {
      await hooks.committing();
      slack.push(row.recipient);
      return new Promise<never>(() => undefined);
    };
    void a.dispatcher({ notifier: dying }).drain();
    // Until Slack has the first message (SQLite work yields a turn now and then, so not always within one turn).
    for (let turn = 0; turn < 10_000 && slack.length === 0; turn += 1) await new Promise((r) => setImmediate(r));
    expect(slack).toEqual(['UMA']);
    expect(rows(env.db).map((r) => r.status)).toEqual(['sending', 'planned']);

    const { openDatabase } = await import('../../src/storage/database');
    const db2 = openDatabase(env.file); // process B, same database file
    try {
      const clock = createFixedClock(MONDAY_9 + 10_000);
      const b = nudgeWorld(db2, clock);
      const bNotifier: FakeNotifier = fakeNotifier(clock);
      bNotifier.afterSend = () => slack.push(bNotifier.sent.at(-1)!.personId);
      // Started ten seconds later: A's claims (UMB's too: claims come in batches) are younger than the lease, so B
      // neither resends nor judges them yet.
      await b.dispatcher({ notifier: bNotifier }).drain();
      expect(slack).toEqual(['UMA']);
      expect(rows(db2).map((r) => r.status)).toEqual(['sending', 'planned']);
      clock.advance(5 * MIN);
      const stats = await b.dispatcher({ notifier: bNotifier }).drain();
      // The lease ran out: UMA was being sent (uncertain, never resent), UMB was only claimed (sent now, once).
      expect(stats.recovered).toBe(1);
      expect(slack).toEqual(['UMA', 'UMB']);
      expect(rows(db2).map((r) => r.status)).toEqual(['uncertain', 'sent']);
      expect(rows(db2)[0]!.reason).toMatch(/interrupted/);
    } finally {
      db2.close();
      env.cleanup();
    }
  });

  it('a row left in sending is found at start-up and marked uncertain without a send', async () => {
    const env = freshDb();
    try {
      const w = nudgeWorld(env.db, createFixedClock(MONDAY_9));
      await seed(w.people, team('A', 'UTC', 1));
      await w.planner.plan(MONDAY_9);
      env.db.prepare("UPDATE outbox SET status = 'sending', attempts = 1, claimed_by = 'a process that died', lease_until = ?").run(MONDAY_9 + MIN);
      w.clock.set(MONDAY_9 + 3 * MIN);
      expect(await w.dispatcher().recover()).toEqual({ released: 0, uncertain: 1 });
      await w.dispatcher().drain();
      expect(w.notifier.calls).toEqual([]);
      expect(rows(env.db)[0]!.status).toBe('uncertain');
    } finally {
      env.cleanup();
    }
  });

  // On SQLite an instance is a process; two connections in one process would wait on each other's busy handler,
  // so both dispatchers share the connection here (the claim across instances is proven on PostgreSQL in
  // test/storage/contract/outbox.pg.test.ts and across processes by the chaos run).
  it('two dispatchers on one database send each nudge exactly once', async () => {
    const env = freshDb();
    try {
      const clock = createFixedClock(MONDAY_9);
      const a = nudgeWorld(env.db, clock);
      await seed(a.people, Array.from({ length: 30 }, (_, i) => team(`X${i}`, 'UTC', 1)).flat());
      expect((await a.planner.plan(MONDAY_9)).queued).toBe(30);
      const b = nudgeWorld(env.db, clock);
      const tick = () => new Promise<void>((r) => setImmediate(r));
      const na = fakeNotifier(clock, { delay: tick });
      const nb = fakeNotifier(clock, { delay: tick });
      const [sa, sb] = await Promise.all([
        a.dispatcher({ notifier: na, ratePerMinute: 0 }).drain(),
        b.dispatcher({ notifier: nb, ratePerMinute: 0 }).drain(),
      ]);
      const all = [...na.sent, ...nb.sent].map((s) => s.personId);
      expect(all).toHaveLength(30);
      expect(new Set(all).size).toBe(30);
      expect(sa.sent + sb.sent).toBe(30);
      expect(Math.min(sa.sent, sb.sent)).toBeGreaterThan(0); // both really worked the queue
      expect(rows(env.db).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    } finally {
      env.cleanup();
    }
  });

  it('two instances share one workspace rate and one Retry-After hold', async () => {
    const env = freshDb();
    const { openDatabase } = await import('../../src/storage/database');
    const db2 = openDatabase(env.file);
    try {
      const { createOutboxStore } = await import('../../src/storage/outbox-repository');
      const g1 = createOutboxStore(sqliteKysely(env.db));
      const g2 = createOutboxStore(sqliteKysely(db2));
      expect(await g1.reserveSlot('chat.postMessage', MONDAY_9, 1000, 0)).toBe(0);
      expect(await g2.reserveSlot('chat.postMessage', MONDAY_9 + 200, 1000, 0)).toBe(800);
      expect(await g2.reserveSlot('tier3', MONDAY_9 + 200, 1200, 0)).toBe(0); // another tier has its own budget
      expect(await g2.reserveSlot('chat.postMessage', MONDAY_9 + 1000, 1000, 0)).toBe(0);
      await g1.holdTier('chat.postMessage', MONDAY_9 + 30_000, MONDAY_9 + 1000);
      expect(await g2.reserveSlot('chat.postMessage', MONDAY_9 + 5000, 1000, 0)).toBe(25_000);
      expect(await g2.reserveSlot('chat.postMessage', MONDAY_9 + 5000, 0, 0)).toBe(25_000); // even at an unlimited rate
    } finally {
      db2.close();
      env.cleanup();
    }
  });

  it('a clock that jumps back does not stall the rate or the Retry-After hold', async () => {
    const env = freshDb();
    try {
      const { createOutboxStore } = await import('../../src/storage/outbox-repository');
      const g = createOutboxStore(sqliteKysely(env.db));
      expect(await g.reserveSlot('t', MONDAY_9, 1000, 0)).toBe(0);
      expect(await g.reserveSlot('t', MONDAY_9 - 60 * MIN, 1000, 0)).toBe(0); // an hour back: the old slot is ignored
      await g.holdTier('t', MONDAY_9 + 10_000, MONDAY_9);
      expect(await g.reserveSlot('t', MONDAY_9 - 59 * MIN, 1000, 0)).toBe(0); // a hold an hour ahead is not a real Retry-After
      expect(await g.reserveSlot('t', MONDAY_9 + 5000, 1000, 0)).toBe(5000); // and honoured again once the clock is back
    } finally {
      env.cleanup();
    }
  });

  it('leaves other kinds in the nudges table (goal reminders) alone', async () => {
    const env = freshDb();
    try {
      const w = nudgeWorld(env.db, createFixedClock(MONDAY_9));
      await seed(w.people, team('A', 'UTC', 1));
      const insert = env.db.prepare("INSERT INTO nudges (person_id, kind, period, status, due_at, next_attempt_at, created_at, updated_at) VALUES ('UMA', 'goal-reminder', ?, ?, 0, 0, 0, 0)");
      insert.run('2027-03', 'planned');
      insert.run('2027-02', 'sending');
      w.clock.advance(10 * MIN);
      await w.dispatcher().drain();
      expect(w.notifier.calls).toEqual([]);
      expect(env.db.prepare("SELECT status FROM nudges WHERE kind = 'goal-reminder' ORDER BY period").all()).toEqual([{ status: 'sending' }, { status: 'planned' }]);
    } finally {
      env.cleanup();
    }
  });
});
