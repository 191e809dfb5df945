import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import fs from 'node:fs';
import { distributionRevealsNoOne, pulseResult } from '../../src/domain/pulse';
import { createPulseService } from '../../src/domain/pulse-service';
import { createPulseClaims } from '../../src/storage/pulse-claims';
import { createPulsePendingPool } from '../../src/storage/pulse-pending';
import { createPulseRepository, createPulseSettings } from '../../src/storage/pulse-repository';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { pulseLine } from '../../src/slack/ui/report-format';
import { OCT_1_NOON, SECRET, pulseEnv, seedPeople, type PulseEnv } from './fixtures';
import { testSealer } from '../helpers/data-key';

const TEAM = Array.from({ length: 11 }, (_, i) => `UT${String(i).padStart(2, '0')}`);
let env: PulseEnv;
beforeEach(async () => {
  env = pulseEnv({ minResponses: 5 });
  seedPeople(env.db, [{ id: 'UBOSS' }, ...TEAM.map((id) => ({ id, managerId: 'UBOSS' }))], OCT_1_NOON);
  await env.run();
});
afterEach(() => env.cleanup());

const count = (sql: string) => (env.db.prepare(sql).get() as { n: number }).n;

describe('the pending pool', () => {
  it('writes nothing below 2k waiting, then a batch of exactly k, keeping k back for the close', async () => {
    for (const id of TEAM.slice(0, 9)) await env.pulse.answer(id, '2026-10', 4, '');
    expect(count('SELECT COUNT(*) AS n FROM pulse_responses')).toBe(0);
    await env.pulse.answer(TEAM[9]!, '2026-10', 2, '');
    expect(count('SELECT COUNT(*) AS n FROM pulse_responses')).toBe(5);
    expect(count('SELECT COUNT(*) AS n FROM pulse_receipts WHERE released = 1')).toBe(5);
    expect(await env.pulse.pending()).toBe(5);
    await env.pulse.answer(TEAM[10]!, '2026-10', 3, '');
    env.clock.set(Date.UTC(2026, 10, 3));
    await env.pulse.releaseClosed();
    expect(count('SELECT COUNT(*) AS n FROM pulse_responses')).toBe(11);
    expect(await env.pulse.pending()).toBe(0);
  });

  it('a restart loses the waiting answers, never links them: the receipts go (zeroed), those people are asked again and may answer', async () => {
    for (const id of TEAM.slice(0, 3)) await env.pulse.answer(id, '2026-10', 5, '');
    const receipts = (env.db.prepare('SELECT respondent_hash AS h FROM pulse_receipts').all() as Array<{ h: string }>).map((r) => r.h);
    expect(receipts).toHaveLength(3);
    // The next process on the same file.
    const repo = createPulseRepository(sqliteKysely(env.db), { secret: SECRET, sealer: testSealer() });
    const next = createPulseService({
      repo, claims: createPulseClaims(sqliteKysely(env.db)), settings: createPulseSettings(sqliteKysely(env.db)), people: createPeopleRepository(sqliteKysely(env.db)),
      outbox: env.outbox.store, clock: env.clock, minResponses: 5, pool: createPulsePendingPool(sqliteKysely(env.db), { sealer: testSealer(), soleInstance: true }),
    });
    expect(await next.recoverLostAnswers()).toBe(3);
    expect(count('SELECT COUNT(*) AS n FROM pulse_receipts')).toBe(0);
    env.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.readFileSync(env.file).toString('latin1');
    for (const h of receipts) expect(bytes).not.toContain(h); // secure_delete
    // One of them answers again on their own before the next run: only the other two are asked again.
    expect(await next.answer(TEAM[0]!, '2026-10', 1, '')).toBe('recorded');
    const before = env.sent.length;
    await next.run();
    await env.outbox.drain();
    expect(env.sent.slice(before).map((s) => [s.personId, s.prompt.again])).toEqual(TEAM.slice(1, 3).map((id) => [id, true]));
    expect(await next.answer(TEAM[1]!, '2026-10', 2, '')).toBe('recorded');
  });
});

describe('an answer caught by a renewal of the pool key', () => {
  it('is refused with "send it again" (nothing kept), and the resent answer counts', async () => {
    const db = sqliteKysely(env.db);
    const real = createPulsePendingPool(db, { sealer: testSealer(), soleInstance: true });
    // Between this answer's receipt and its sealed answer, another process takes over the pool (a restart elsewhere).
    let renewBeforeAdd = true;
    const pool = { ...real, addPending: async (period: string, answer: Parameters<typeof real.addPending>[1]) => {
      if (renewBeforeAdd) await createPulsePendingPool(db, { sealer: testSealer(), soleInstance: true }).join(env.clock.now());
      renewBeforeAdd = false;
      return real.addPending(period, answer);
    } };
    const service = createPulseService({
      repo: createPulseRepository(db, { secret: SECRET, sealer: testSealer() }), claims: createPulseClaims(db), settings: createPulseSettings(db),
      people: createPeopleRepository(db), outbox: env.outbox.store, clock: env.clock, minResponses: 5, pool,
    });
    await service.recoverLostAnswers();
    await expect(service.answer(TEAM[0]!, '2026-10', 3, '')).rejects.toThrow(/send it again/);
    expect(count('SELECT COUNT(*) AS n FROM pulse_receipts')).toBe(0);
    expect(await service.answer(TEAM[0]!, '2026-10', 3, '')).toBe('recorded');
    expect(await service.pending()).toBe(1);
  });
});

describe('distributions that would reveal individuals', () => {
  it('are withheld when one value holds n − 1 or more of n answers, at any size', () => {
    expect(distributionRevealsNoOne([0, 5, 0, 0, 0])).toBe(false); // unanimous: "2:5"
    expect(distributionRevealsNoOne([0, 1, 4, 0, 0])).toBe(false); // 4 of 5
    expect(distributionRevealsNoOne([0, 0, 0, 1, 39])).toBe(false); // 39 of 40
    expect(distributionRevealsNoOne([0, 2, 3, 0, 0])).toBe(true);
    expect(distributionRevealsNoOne([1, 1, 1, 1, 1])).toBe(true);
    const closed = Date.UTC(2026, 10, 3);
    const unanimous = pulseResult('2026-10', [0, 5, 0, 0, 0], 5, closed);
    expect(unanimous).toEqual({ state: 'shown', period: '2026-10', responses: 5, average: 2 });
    expect(pulseLine(unanimous, { distribution: true })).not.toMatch(/2:5/);
    expect(pulseLine(pulseResult('2026-10', [0, 2, 3, 0, 0], 5, closed), { distribution: true })).toContain('2:2 3:3');
  });
});
