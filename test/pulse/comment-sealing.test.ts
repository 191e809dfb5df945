import { MAX_COMMENT } from '../../src/domain/pulse';
import { sealedLengthFor } from '../../src/storage/pulse-comment-crypto';
import { createTextSealer, keyIdOf } from '../../src/storage/sealed-text';
import { TEST_DATA_KEY } from '../helpers/data-key';
import { rawBytes, rawContains } from '../data-lifecycle/raw-scan';
import { OCT_1_NOON, pulseEnv, seedPeople, type PulseEnv } from './fixtures';

/** Pulse comments at rest (issue 19): sealed when their batch is released, opened for the manager's report. */
const TEAM = ['UP1', 'UP2', 'UP3', 'UP4', 'UP5'];
const AFTER_CLOSE = Date.UTC(2026, 10, 3, 9, 0, 0);
let env: PulseEnv;

async function start(options: Parameters<typeof pulseEnv>[0] = {}): Promise<PulseEnv> {
  env = pulseEnv({ minResponses: 5, ...options });
  seedPeople(env.db, [{ id: 'UBOSS' }, ...TEAM.map((id) => ({ id, managerId: 'UBOSS' }))], OCT_1_NOON);
  await env.run();
  return env;
}
afterEach(() => env.cleanup());

describe('pulse comments at rest', () => {
  it('the database holds the comment sealed, never its text (file and WAL); the manager reads it back', async () => {
    await start();
    const longest = '語'.repeat(MAX_COMMENT); // 3 UTF-8 bytes each: sealed, far longer than 1000 characters
    const comments = ['PULSE-COMMENT-91ac she never listens', longest, '', 'PULSE-COMMENT-22bd more 1:1s please', ''];
    for (const [i, id] of TEAM.entries()) await env.pulse.answer(id, '2026-10', 3, comments[i]!);
    env.clock.set(AFTER_CLOSE);
    await env.pulse.releaseClosed();
    const stored = (env.db.prepare("SELECT comment FROM pulse_responses WHERE comment <> ''").all() as Array<{ comment: string }>).map((r) => r.comment);
    expect(stored).toHaveLength(3);
    for (const s of stored) expect(s.startsWith(`lw1:${keyIdOf(Buffer.from(TEST_DATA_KEY, 'base64'))}:`)).toBe(true);
    expect(Math.max(...stored.map((s) => s.length))).toBeGreaterThan(MAX_COMMENT);
    expect(Math.max(...stored.map((s) => s.length))).toBeLessThanOrEqual(sealedLengthFor(MAX_COMMENT));
    const raw = rawBytes(env.file);
    for (const needle of ['PULSE-COMMENT-91ac', 'never listens', 'PULSE-COMMENT-22bd', '語語語']) expect([needle, rawContains(raw, needle)]).toEqual([needle, false]);
    expect([...(await env.reports.team('UBOSS')).comments].sort()).toEqual([comments[0], comments[3], longest].sort());
  });

  it('the 1000-character limit is on what the person writes, checked where the answer is accepted', async () => {
    await start();
    await expect(env.pulse.answer(TEAM[0]!, '2026-10', 4, 'x'.repeat(MAX_COMMENT + 1))).rejects.toThrow(`Keep the comment under ${MAX_COMMENT} characters.`);
    expect(await env.pulse.answer(TEAM[0]!, '2026-10', 4, 'x'.repeat(MAX_COMMENT))).toBe('recorded');
  });

  it('without LEADWELL_DATA_KEY a comment is refused in words and never stored; a rating alone is recorded', async () => {
    await start({ sealer: createTextSealer({}) });
    await expect(env.pulse.answer(TEAM[0]!, '2026-10', 4, 'PULSE-COMMENT-no-key')).rejects.toThrow(/Comments are switched off on this Leadwell until its operator sets LEADWELL_DATA_KEY/);
    // Refused before the receipt: the person may answer again without the comment.
    expect((await env.pulse.answerable(TEAM[0]!, '2026-10')).state).toBe('open');
    for (const id of TEAM) await env.pulse.answer(id, '2026-10', 4, '  ');
    env.clock.set(AFTER_CLOSE);
    await env.pulse.releaseClosed();
    expect(env.db.prepare("SELECT COUNT(*) AS n FROM pulse_responses WHERE comment = ''").get()).toEqual({ n: 5 });
    expect(rawContains(rawBytes(env.file), 'PULSE-COMMENT-no-key')).toBe(false);
  });
});
