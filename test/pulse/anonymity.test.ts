import { DomainError } from '../../src/domain/errors';
import { csvRecords } from '../../src/domain/report-csv';
import { teamReportMessage } from '../../src/slack/ui/report-message';
import { OCT_1_NOON, pulseEnv, seedPeople, type PulseEnv } from './fixtures';

/**
 * Org: UMID manages two frontline managers. UFA has 4 people, UFB has 5 (threshold 5), UFC has 6.
 * Everyone answers October's pulse; results are read in November once the month has closed.
 */
const A = ['UA1', 'UA2', 'UA3', 'UA4'];
const B = ['UB1', 'UB2', 'UB3', 'UB4', 'UB5'];
const C = ['UC1', 'UC2', 'UC3', 'UC4', 'UC5', 'UC6'];
const RATINGS_B = [5, 4, 4, 2, 5];
const RATINGS_C = [1, 3, 3, 4, 5, 2];
const AFTER_CLOSE = Date.UTC(2026, 10, 3, 9, 0, 0);
let env: PulseEnv;

beforeEach(async () => {
  env = pulseEnv({ admins: ['UADMIN'], random: () => 0.3 });
  seedPeople(env.db, [
    { id: 'UMID' }, { id: 'UADMIN' },
    { id: 'UFA', managerId: 'UMID' }, { id: 'UFB', managerId: 'UMID' }, { id: 'UFC', managerId: 'UMID' },
    ...A.map((id) => ({ id, managerId: 'UFA' })), ...B.map((id) => ({ id, managerId: 'UFB' })), ...C.map((id) => ({ id, managerId: 'UFC' })),
  ], OCT_1_NOON);
  await env.run();
});
afterEach(() => env.cleanup());

async function answerAll(): Promise<void> {
  for (const [i, id] of A.entries()) await env.pulse.answer(id, '2026-10', 3 + (i % 2), `comment from A #${i}`);
  for (const [i, id] of B.entries()) await env.pulse.answer(id, '2026-10', RATINGS_B[i]!, i < 3 ? `comment from B #${i}` : '');
  for (const [i, id] of C.entries()) await env.pulse.answer(id, '2026-10', RATINGS_C[i]!, '');
}

describe('pulse anonymity', () => {
  it('4 answers show nothing (no count, no average, no comments); 5 answers show the result', async () => {
    await answerAll();
    env.clock.set(AFTER_CLOSE);
    const a = await env.reports.team('UFA');
    expect(a.manager.pulse).toEqual({ state: 'not-enough', period: '2026-10' });
    expect(a.comments).toEqual([]);
    const text = JSON.stringify(teamReportMessage(a));
    expect(text).toContain('not enough responses yet');
    expect(text).not.toMatch(/comment from A/);
    expect(text).not.toMatch(/from 4 people|\b4 responses|\/ 5 from/);

    const b = await env.reports.team('UFB');
    const mean = RATINGS_B.reduce((x, y) => x + y, 0) / RATINGS_B.length;
    expect(b.manager.pulse).toEqual({ state: 'shown', period: '2026-10', responses: 5, average: mean, distribution: [0, 1, 0, 2, 2] });
    expect([...b.comments].sort()).toEqual(['comment from B #0', 'comment from B #1', 'comment from B #2']);
    expect(JSON.stringify(teamReportMessage(b))).toContain(`*${mean.toFixed(1)}* / 5 from 5 people`);
  });

  it('while the month is open nothing is shown, even above the threshold', async () => {
    await answerAll();
    env.clock.set(Date.UTC(2026, 9, 31, 23, 0, 0));
    // The report shows the last closed month (September, nobody asked then), never the open one.
    const open = await env.reports.team('UFB');
    expect(open.manager.pulse).toEqual({ state: 'not-enough', period: '2026-09' });
    expect(open.comments).toEqual([]);
    expect(JSON.stringify(teamReportMessage(open))).not.toMatch(/from 5 people|comment from B/);
    expect(open.openPulse).toEqual({ period: '2026-10', closesAt: Date.UTC(2026, 10, 2) });
    expect(JSON.stringify(teamReportMessage(open))).toContain("October's pulse takes answers until 1 November");
    env.clock.set(AFTER_CLOSE);
    expect((await env.reports.team('UFB')).manager.pulse.state).toBe('shown');
  });

  it('the skip-level sees each manager above the threshold, no comments, and a rollup without the small team', async () => {
    await answerAll();
    env.clock.set(AFTER_CLOSE);
    const mid = await env.reports.team('UMID');
    const byId = Object.fromEntries(mid.below!.managers.map((m) => [m.id, m.pulse.state]));
    expect(byId).toEqual({ UFA: 'not-enough', UFB: 'shown', UFC: 'shown' });
    // The rollup is B + C only: subtracting a shown manager from it never isolates A's four answers.
    const all = [...RATINGS_B, ...RATINGS_C];
    expect(mid.below!.pulse).toMatchObject({ state: 'shown', responses: 11, average: all.reduce((x, y) => x + y, 0) / all.length });
    expect((await env.reports.team('UMID', 'UFB')).comments).toEqual([]); // looking at someone else's report: no comments
    const org = await env.reports.org('UADMIN');
    expect(org.levels.find((l) => l.level === 'frontline')!.pulse).toMatchObject({ state: 'shown', responses: 11 });
    expect(org.pulseTrend.map((t) => t.period)).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(org.pulseTrend.slice(0, 5).every((t) => t.average === undefined)).toBe(true);
    expect(org.pulseTrend[5]!.average).toBeCloseTo(all.reduce((x, y) => x + y, 0) / all.length, 9);
  });

  it('the export carries pulse figures only above the threshold and never a comment', async () => {
    await answerAll();
    env.clock.set(AFTER_CLOSE);
    const rows = csvRecords((await env.reports.exportRows('UADMIN')).managers);
    const byId = Object.fromEntries(rows.map((r) => [r.manager_id, r]));
    expect(byId.UFA).toMatchObject({ pulse_responses: '', pulse_average: '' });
    expect(byId.UFB).toMatchObject({ pulse_responses: 5, pulse_average: 4 });
    expect(JSON.stringify(rows)).not.toMatch(/comment from/);
  });

  it('stores no respondent id and no time; answers reach the file only in shuffled batches, small groups never', async () => {
    const eventsBefore = env.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number };
    await answerAll();
    // While October is open every answer waits in memory: the file holds receipts only, none released.
    expect(env.db.prepare('SELECT COUNT(*) AS n FROM pulse_responses').get()).toEqual({ n: 0 });
    expect(env.db.prepare('SELECT released, COUNT(*) AS n FROM pulse_receipts GROUP BY released').all()).toEqual([{ released: 0, n: 15 }]);
    expect(await env.pulse.pending()).toBe(15);
    env.clock.set(AFTER_CLOSE);
    await env.pulse.releaseClosed();
    const responses = env.db.prepare('SELECT * FROM pulse_responses').all() as Array<Record<string, unknown>>;
    // UFA's 4 answers (below the threshold of 5, never to be shown) were discarded unread.
    expect(responses).toHaveLength(11);
    expect(new Set(responses.map((r) => r.manager_id))).toEqual(new Set(['UFB', 'UFC']));
    expect(Object.keys(responses[0]!).sort()).toEqual(['comment', 'id', 'manager_id', 'period', 'rating']);
    expect(env.db.prepare('SELECT released, COUNT(*) AS n FROM pulse_receipts GROUP BY released').all()).toEqual([{ released: 1, n: 15 }]);
    const everyone = [...A, ...B, ...C];
    const dump = JSON.stringify([responses, env.db.prepare('SELECT * FROM pulse_receipts').all()]);
    // An id as a value or a word, never as three letters inside a sealed comment's random base64url (a plain
    // substring check failed once on "…t1UC5LoS…": about one run in a hundred).
    for (const id of everyone) expect(dump).not.toMatch(new RegExp(`(?<![A-Za-z0-9_-])${id}(?![A-Za-z0-9_-])`));
    expect(dump).not.toMatch(/comment from A/);
    // Answering writes nothing to the event log.
    expect(env.db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual(eventsBefore);
    // The nudges row of the DM is not touched by the answer (its updated_at would date the answer).
    const nudge = env.db.prepare("SELECT updated_at FROM nudges WHERE person_id = 'UB1' AND kind = 'pulse'").get() as { updated_at: number };
    expect(nudge.updated_at).toBe(OCT_1_NOON);
  });

  it('one answer per person and period; closed and unasked periods are refused', async () => {
    expect(await env.pulse.answer('UB1', '2026-10', 4, '')).toBe('recorded');
    expect(await env.pulse.answer('UB1', '2026-10', 1, 'again')).toBe('duplicate');
    expect((await env.pulse.answerable('UB1', '2026-10')).state).toBe('answered');
    expect(env.db.prepare('SELECT COUNT(*) AS n FROM pulse_receipts').get()).toEqual({ n: 1 });
    expect(await env.pulse.pending()).toBe(1);
    await expect(env.pulse.answer('UB2', '2026-09', 4, '')).rejects.toThrow(expect.objectContaining({ code: 'pulse_not_asked' }));
    await expect(env.pulse.answer('UMID', '2026-10', 4, '')).rejects.toThrow(expect.objectContaining({ code: 'pulse_not_asked' }));
    await expect(env.pulse.answer('UB2', '2026-10', 6, '')).rejects.toThrow(DomainError);
    env.clock.set(AFTER_CLOSE);
    await expect(env.pulse.answer('UB2', '2026-10', 4, '')).rejects.toThrow(expect.objectContaining({ code: 'pulse_closed' }));
  });
});
