import { DomainError } from '../../src/domain/errors';
import { OCT_1_NOON, pulseEnv, seedPeople, type PulseEnv } from './fixtures';
import { testSealer } from '../helpers/data-key';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
let env: PulseEnv;

function rows(): Array<{ person_id: string; status: string; period: string; attempts: number }> {
  return env.db.prepare("SELECT person_id, status, period, attempts FROM nudges WHERE kind = 'pulse' ORDER BY person_id").all() as never;
}

beforeEach(() => {
  env = pulseEnv();
  seedPeople(env.db, [
    { id: 'UM' },
    { id: 'UA', managerId: 'UM' },
    { id: 'UB', managerId: 'UM', tz: 'Europe/London' },
    { id: 'UTOKYO', managerId: 'UM', tz: 'Asia/Tokyo' }, // 21:00 there
    { id: 'UPAUSED', managerId: 'UM', paused: true },
    { id: 'UAWAY', managerId: 'UM', statusText: 'On vacation until Monday', statusEmoji: ':palm_tree:' },
    { id: 'USNOOZE', managerId: 'UM', snoozedUntil: OCT_1_NOON + 2 * DAY },
    { id: 'UGONE', managerId: 'UM', deleted: true },
  ], OCT_1_NOON);
});
afterEach(() => env.cleanup());

describe('monthly pulse job', () => {
  it('DMs people with a manager at their local working hours, skipping paused, away, snoozed and deactivated people', async () => {
    const report = await env.pulse.run();
    expect(env.sent.map((s) => s.personId).sort()).toEqual(['UA', 'UB']);
    expect(report).toEqual({ sent: 2, failed: 0, deferred: 0 });
    expect(env.sent[0]!.prompt).toMatchObject({ period: '2026-10', managerName: 'name-UM' });
    // The manager has no manager: never asked.
    expect(rows().map((r) => r.person_id)).toEqual(['UA', 'UB']);
  });

  it('a rerun (same hour, next day, after a restart) sends no second pulse for the period', async () => {
    await env.pulse.run();
    await env.pulse.run();
    env.clock.advance(DAY);
    await env.pulse.run();
    const count = env.sent.filter((s) => s.personId === 'UA' || s.personId === 'UB').length;
    expect(count).toBe(2);
    expect(rows().filter((r) => r.person_id === 'UA')).toEqual([{ person_id: 'UA', status: 'sent', period: '2026-10', attempts: 1 }]);
  });

  it('someone away today gets it on a later working day once back; Tokyo gets it in Tokyo working hours', async () => {
    await env.pulse.run();
    env.db.prepare("UPDATE people SET status_text = '', status_emoji = '' WHERE id = 'UAWAY'").run();
    env.clock.set(Date.UTC(2026, 9, 2, 3, 0, 0)); // Friday 12:00 in Tokyo, 03:00 UTC
    await env.pulse.run();
    expect(env.sent.map((s) => s.personId).sort()).toEqual(['UA', 'UB', 'UTOKYO']);
    env.clock.set(Date.UTC(2026, 9, 2, 11, 0, 0));
    await env.pulse.run();
    expect(env.sent.map((s) => s.personId).sort()).toEqual(['UA', 'UAWAY', 'UB', 'UTOKYO']); // still snoozed
    env.clock.set(Date.UTC(2026, 9, 5, 11, 0, 0)); // Monday, the snooze is over
    await env.pulse.run();
    expect(env.sent.map((s) => s.personId).sort()).toEqual(['UA', 'UAWAY', 'UB', 'USNOOZE', 'UTOKYO']);
  });

  it('nothing goes out at weekends, outside working hours, or late in the month', async () => {
    for (const at of [Date.UTC(2026, 9, 3, 12), Date.UTC(2026, 9, 1, 8, 59), Date.UTC(2026, 9, 1, 16, 0), Date.UTC(2026, 9, 27, 12)]) {
      env.clock.set(at);
      await env.pulse.run();
    }
    expect(env.sent).toEqual([]);
  });

  it('a transient error is retried after an hour, once; a permanent error is not retried', async () => {
    env.notifier.fail = (id) => (id === 'UA' ? Object.assign(new Error('x'), { data: { error: 'internal_error' } }) : id === 'UB' ? Object.assign(new Error('x'), { data: { error: 'user_not_found' } }) : undefined);
    expect(await env.pulse.run()).toEqual({ sent: 0, failed: 2, deferred: 0 });
    expect(rows().map((r) => [r.person_id, r.status])).toEqual([['UA', 'failed'], ['UB', 'failed']]);
    env.notifier.fail = undefined;
    env.clock.advance(30 * 60_000);
    await env.pulse.run();
    expect(env.sent).toEqual([]);
    env.clock.advance(31 * 60_000);
    await env.pulse.run();
    await env.pulse.run();
    env.clock.advance(3 * HOUR);
    await env.pulse.run();
    expect(env.sent.map((s) => s.personId)).toEqual(['UA']);
  });

  it('a 429 stops the run without using up an attempt; the person is sent after Retry-After, once', async () => {
    let calls = 0;
    env.notifier.fail = () => (calls++ === 0 ? Object.assign(new Error('ratelimited'), { code: 'slack_webapi_rate_limited_error', retryAfter: 30 }) : undefined);
    expect(await env.pulse.run()).toEqual({ sent: 0, failed: 0, deferred: 1 });
    expect(calls).toBe(1); // nobody else was tried in that run
    const [limited] = rows();
    expect(limited).toMatchObject({ status: 'failed', attempts: 0 });
    env.clock.advance(10_000);
    await env.pulse.run(); // the others go out; the limited one waits for its 30 s
    expect(env.sent.map((s) => s.personId)).not.toContain(limited!.person_id);
    env.clock.advance(25_000);
    await env.pulse.run();
    await env.pulse.run();
    expect(env.sent.map((s) => s.personId).sort()).toEqual(['UA', 'UB']);
    expect(rows().every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('paces DMs and stops sending on shutdown', async () => {
    const pauses: number[] = [];
    const { createPulseService } = await import('../../src/domain/pulse-service');
    const { createPulseRepository, createPulseSettings } = await import('../../src/storage/pulse-repository');
    const { createPulseClaims } = await import('../../src/storage/pulse-claims');
    const { createPeopleRepository } = await import('../../src/storage/people-repository');
    const paced: ReturnType<typeof createPulseService> = createPulseService({
      repo: createPulseRepository(env.db, { secret: 's', sealer: testSealer() }), claims: createPulseClaims(env.db), settings: createPulseSettings(env.db),
      people: createPeopleRepository(env.db), notifier: env.notifier, clock: env.clock, minResponses: 5,
      pace: { intervalMs: 1000, sleep: async (ms) => { pauses.push(ms); paced.stop(); } },
    });
    expect(await paced.run()).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(pauses).toEqual([1000]);
    expect(await paced.run()).toEqual({ sent: 0, failed: 0, deferred: 0 }); // stopped for good
  });

  it('runs every N months as configured, or not at all when off', async () => {
    env.pulse.setEveryMonths(3);
    await env.pulse.run(); // October: (10 - 1) % 3 = 0 → a pulse month
    expect(env.sent).toHaveLength(2);
    env.clock.set(Date.UTC(2026, 10, 2, 12)); // November: not a pulse month
    await env.pulse.run();
    expect(env.sent).toHaveLength(2);
    env.pulse.setEveryMonths(0);
    env.clock.set(Date.UTC(2027, 0, 4, 12)); // January would be, but it is off
    await env.pulse.run();
    expect(env.sent).toHaveLength(2);
    expect(() => env.pulse.setEveryMonths(5)).toThrow(DomainError);
  });
});
