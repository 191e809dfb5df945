import { DomainError } from '../../src/domain/errors';
import { OCT_1_NOON, pulseEnv, seedPeople, type PulseEnv } from './fixtures';
import { slackFailure } from '../helpers/outbox';

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
    await env.run();
    expect(env.sent.map((s) => s.personId).sort()).toEqual(['UA', 'UB']);
    expect(env.sent[0]!.prompt).toMatchObject({ period: '2026-10', managerName: 'name-UM' });
    // The manager has no manager: never asked.
    expect(rows().map((r) => r.person_id)).toEqual(['UA', 'UB']);
  });

  it('a rerun (same hour, next day, after a restart) sends no second pulse for the period', async () => {
    await env.run();
    await env.run();
    env.clock.advance(DAY);
    await env.run();
    const count = env.sent.filter((s) => s.personId === 'UA' || s.personId === 'UB').length;
    expect(count).toBe(2);
    expect(rows().filter((r) => r.person_id === 'UA')).toEqual([{ person_id: 'UA', status: 'sent', period: '2026-10', attempts: 1 }]);
  });

  it('someone away today gets it on a later working day once back; Tokyo gets it in Tokyo working hours', async () => {
    await env.run();
    env.db.prepare("UPDATE people SET status_text = '', status_emoji = '' WHERE id = 'UAWAY'").run();
    env.clock.set(Date.UTC(2026, 9, 2, 3, 0, 0)); // Friday 12:00 in Tokyo, 03:00 UTC
    await env.run();
    expect(env.sent.map((s) => s.personId).sort()).toEqual(['UA', 'UB', 'UTOKYO']);
    env.clock.set(Date.UTC(2026, 9, 2, 11, 0, 0));
    await env.run();
    expect(env.sent.map((s) => s.personId).sort()).toEqual(['UA', 'UAWAY', 'UB', 'UTOKYO']); // still snoozed
    env.clock.set(Date.UTC(2026, 9, 5, 11, 0, 0)); // Monday, the snooze is over
    await env.run();
    expect(env.sent.map((s) => s.personId).sort()).toEqual(['UA', 'UAWAY', 'UB', 'USNOOZE', 'UTOKYO']);
  });

  it('nothing goes out at weekends, outside working hours, or late in the month', async () => {
    for (const at of [Date.UTC(2026, 9, 3, 12), Date.UTC(2026, 9, 1, 8, 59), Date.UTC(2026, 9, 1, 16, 0), Date.UTC(2026, 9, 27, 12)]) {
      env.clock.set(at);
      await env.run();
    }
    expect(env.sent).toEqual([]);
  });

  it('a transient error is retried with the outbox backoff; a permanent one is not; one that may have posted is never resent', async () => {
    env.transport.fail = (row) => (row.recipient === 'UA' ? slackFailure('http_503') : row.recipient === 'UB' ? slackFailure('user_not_found') : undefined);
    expect(await env.run()).toMatchObject({ sent: 0, failed: 1, retried: 1 });
    expect(rows().map((r) => [r.person_id, r.status])).toEqual([['UA', 'planned'], ['UB', 'failed']]);
    env.transport.fail = undefined;
    env.clock.advance(30_000);
    await env.run();
    expect(env.sent).toEqual([]); // the first backoff is a minute
    env.clock.advance(31_000);
    await env.run();
    await env.run();
    env.clock.advance(3 * HOUR);
    await env.run();
    expect(env.sent.map((s) => s.personId)).toEqual(['UA']);
    expect(rows().find((r) => r.person_id === 'UA')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('an answer lost after Slack may have posted (a 502) leaves the pulse uncertain, never sent twice', async () => {
    env.transport.fail = (row) => (row.recipient === 'UA' ? slackFailure('http_502') : undefined);
    await env.run();
    env.transport.fail = undefined;
    env.clock.advance(DAY);
    await env.run();
    expect(env.transport.calls.filter((c) => c.recipient === 'UA')).toHaveLength(1);
    expect(rows().find((r) => r.person_id === 'UA')).toMatchObject({ status: 'uncertain' });
  });

  it('a 429 uses up no attempt; the person is sent after Retry-After, once', async () => {
    let calls = 0;
    env.transport.fail = () => (calls++ === 0 ? slackFailure('ratelimited', 30_000) : undefined);
    expect(await env.run()).toMatchObject({ rateLimited: 1 });
    const limited = rows().find((r) => !env.sent.some((s) => s.personId === r.person_id))!;
    env.clock.advance(10_000);
    await env.run(); // the limited one waits for its 30 s
    expect(env.sent.map((s) => s.personId)).not.toContain(limited.person_id);
    env.clock.advance(25_000);
    await env.run();
    expect(env.sent.map((s) => s.personId).sort()).toEqual(['UA', 'UB']);
    expect(rows().every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('runs every N months as configured, or not at all when off', async () => {
    await env.pulse.setEveryMonths(3);
    await env.run(); // October: (10 - 1) % 3 = 0 → a pulse month
    expect(env.sent).toHaveLength(2);
    env.clock.set(Date.UTC(2026, 10, 2, 12)); // November: not a pulse month
    await env.run();
    expect(env.sent).toHaveLength(2);
    await env.pulse.setEveryMonths(0);
    env.clock.set(Date.UTC(2027, 0, 4, 12)); // January would be, but it is off
    await env.run();
    expect(env.sent).toHaveLength(2);
    await expect(env.pulse.setEveryMonths(5)).rejects.toThrow(DomainError);
  });
});
