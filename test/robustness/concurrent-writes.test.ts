import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import { freshDb } from '../helpers/db';
import { outboxWorld } from '../helpers/outbox';
import { baseInput, kudosWorld } from '../kudos/fixtures';
import { logInput, world as oneOnOneWorld } from '../one-on-ones/fixtures';
import { goalInput, goalsWorld, key, ORG } from '../goals/fixtures';
import { addPeople, homeServices } from '../home/seed';
import { OCT_1_NOON, pulseEnv, seedPeople } from '../pulse/fixtures';
import { MAX_ACTIVE_GOALS } from '../../src/domain/goal';
import { createWelcomeService } from '../../src/domain/welcome';
import { createWelcomeRepository } from '../../src/storage/welcome-repository';

/**
 * The ports are async: between two awaits another request may run. Every read-then-write below must sit in one
 * unit of work (or be one conditional statement), so two calls fired together leave exactly one row.
 */
const settled = <T>(ps: Array<Promise<T>>) => Promise.allSettled(ps);
const fulfilled = <T>(rs: Array<PromiseSettledResult<T>>) => rs.filter((r) => r.status === 'fulfilled').length;

describe('two calls at once leave one row', () => {
  it('kudos daily cap: two gives that each fit but together pass the cap store one kudos', async () => {
    const w = kudosWorld({ cap: 3 });
    try {
      const results = await settled([
        w.service.give({ ...baseInput, recipientIds: ['UA', 'UB'], message: 'Shipped the release notes on time.', requestKey: 'a' }),
        w.service.give({ ...baseInput, recipientIds: ['UC', 'UD'], message: 'Fixed the flaky search test for us.', requestKey: 'b' }),
      ]);
      expect(fulfilled(results)).toBe(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.objectContaining({ code: 'kudos_daily_cap' }) });
      expect(w.db.prepare('SELECT COUNT(*) AS n FROM kudos').get()).toEqual({ n: 1 });
    } finally {
      w.cleanup();
    }
  });

  it('kudos twin: the same kudos sent twice at once (two submissions) is stored once', async () => {
    const w = kudosWorld();
    try {
      const [a, b] = await Promise.all([w.service.give({ ...baseInput, requestKey: 'one' }), w.service.give({ ...baseInput, requestKey: 'two' })]);
      expect([a.status, b.status].sort()).toEqual(['duplicate', 'given']);
      expect(a.kudos.id).toBe(b.kudos.id);
      expect(w.db.prepare('SELECT COUNT(*) AS n FROM kudos').get()).toEqual({ n: 1 });
      expect(w.db.prepare("SELECT COUNT(*) AS n FROM events WHERE kind = 'kudos.given'").get()).toEqual({ n: 1 });
    } finally {
      w.cleanup();
    }
  });

  it('1:1 log: the same submission twice at once stores one 1:1, its items once and one event', async () => {
    const { db, cleanup } = freshDb();
    try {
      const w = await oneOnOneWorld(db);
      const input = logInput('UALICE', { items: [{ row: 0, text: 'Draft the plan' }] });
      const [a, b] = await Promise.all([w.service.submitLog('UMGR', input, 'k1'), w.service.submitLog('UMGR', input, 'k1')]);
      expect(a.ok && b.ok).toBe(true);
      expect(db.prepare('SELECT COUNT(*) AS n FROM one_on_ones').get()).toEqual({ n: 1 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM action_items').get()).toEqual({ n: 1 });
      expect(db.prepare("SELECT COUNT(*) AS n FROM events WHERE kind = 'one_on_one.logged'").get()).toEqual({ n: 1 });
    } finally {
      cleanup();
    }
  });

  it('goal cap: two creates at once with one open slot store one goal', async () => {
    const { db, cleanup } = freshDb();
    try {
      const w = await goalsWorld(db);
      for (let i = 1; i < MAX_ACTIVE_GOALS; i += 1) await w.goals.create({ actorId: ORG.owner, raw: goalInput({ title: `goal ${i}` }), requestKey: key() });
      const results = await settled([
        w.goals.create({ actorId: ORG.owner, raw: goalInput({ title: 'last a' }), requestKey: key() }),
        w.goals.create({ actorId: ORG.owner, raw: goalInput({ title: 'last b' }), requestKey: key() }),
      ]);
      expect(fulfilled(results)).toBe(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.objectContaining({ code: 'goal_too_many' }) });
      expect(await w.goals.mine(ORG.owner)).toHaveLength(MAX_ACTIVE_GOALS);
    } finally {
      cleanup();
    }
  });

  it('reporting line: confirmed by the person and an admin at once changes the line once, with one audit row', async () => {
    const { db, cleanup } = freshDb();
    try {
      const s = homeServices(db, { admins: ['UADMIN'] });
      await addPeople(db, ['UNEW', 'UP', 'UADMIN'], s.clock.now());
      const asked = await s.lines.requestReportingLine({ requesterId: 'UNEW', personId: 'UP', managerId: 'UNEW', via: 'app_home' });
      if (asked.outcome !== 'requested') throw new Error(`not requested: ${asked.outcome}`);
      const [a, b] = await Promise.all([s.lines.decide(asked.requestId, 'UP', 'confirm'), s.lines.decide(asked.requestId, 'UADMIN', 'confirm')]);
      expect([a.outcome, b.outcome].sort()).toEqual(['confirmed', 'refused']);
      expect(db.prepare("SELECT COUNT(*) AS n FROM events WHERE kind = 'org.manager_set'").get()).toEqual({ n: 1 });
      expect((await s.people.get('UP'))?.managerId).toBe('UNEW');
    } finally {
      cleanup();
    }
  });

  it('reporting line: two asks at once for the same person store one request and ask once', async () => {
    const { db, cleanup } = freshDb();
    try {
      const s = homeServices(db);
      await addPeople(db, ['UNEW', 'UP'], s.clock.now());
      const ask = () => s.lines.requestReportingLine({ requesterId: 'UNEW', personId: 'UP', managerId: 'UNEW', via: 'app_home' });
      const results = await Promise.all([ask(), ask()]);
      expect(results.map((r) => r.outcome)).toEqual(['requested', 'requested']);
      expect(db.prepare('SELECT COUNT(*) AS n FROM reporting_line_requests').get()).toEqual({ n: 1 });
      expect(s.asked).toHaveLength(1);
    } finally {
      cleanup();
    }
  });

  it('outbox claim: two dispatchers claiming at once never take the same row', async () => {
    const { db, cleanup } = freshDb();
    try {
      const clock = { now: () => 1_000 };
      const { store } = outboxWorld(db, clock, {});
      await store.plan(Array.from({ length: 10 }, (_, i) => ({ kind: 'test', recipient: `U${i}`, dedupeKey: `k${i}`, dueAt: 0, payload: {} })), 1_000);
      const claim = (owner: string) => store.claim({ now: 1_000, leaseUntil: 61_000, owner, limit: 10 });
      const [a, b] = await Promise.all([claim('one'), claim('two')]);
      const ids = [...a, ...b].map((r) => r.id);
      expect(ids).toHaveLength(10);
      expect(new Set(ids).size).toBe(10);
    } finally {
      cleanup();
    }
  });

  it('welcome: two admins opening Home at once, only one gets the installer welcome', async () => {
    const { db, cleanup } = freshDb();
    try {
      await addPeople(db, ['UADMIN1', 'UADMIN2'], 1_000);
      const welcome = createWelcomeService({ welcome: createWelcomeRepository(sqliteKysely(db)), clock: { now: () => 1_000 } });
      const facts = { isAdmin: true, manages: false };
      await Promise.all(['UADMIN1', 'UADMIN2'].map(async (id) => welcome.opened(id, facts, await welcome.stateOf(id))));
      const roles = await Promise.all(['UADMIN1', 'UADMIN2'].map(async (id) => welcome.roleToShow(id, facts, await welcome.stateOf(id))));
      expect(roles.sort()).toEqual(['admin', 'installer']);
    } finally {
      cleanup();
    }
  });

  it('pulse: the same person answering twice at once is recorded once', async () => {
    const env = pulseEnv();
    try {
      seedPeople(env.db, [{ id: 'UM' }, ...['U1', 'U2', 'U3'].map((id) => ({ id, managerId: 'UM' }))], OCT_1_NOON);
      await env.run();
      const outcomes = await Promise.all([env.pulse.answer('U1', '2026-10', 4, ''), env.pulse.answer('U1', '2026-10', 2, '')]);
      expect(outcomes.sort()).toEqual(['duplicate', 'recorded']);
      expect(env.db.prepare('SELECT COUNT(*) AS n FROM pulse_receipts').get()).toEqual({ n: 1 });
      expect(await env.pulse.pending()).toBe(1);
    } finally {
      env.cleanup();
    }
  });
});
