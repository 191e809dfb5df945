import { startHarness, type Harness } from '../helpers/harness';
import { runPrivacyCli } from '../../src/cli/privacy';
import { reportCsv } from '../../src/slack/report-export';
import { TEST_DATA_KEY, testSealer } from '../helpers/data-key';
import { createPulseCommentCrypto } from '../../src/storage/pulse-comment-crypto';
import { kudos, logOneOnOne, seedPrivacyWorld, TEXT } from './seed';
import { everyValue, rawBytes, rawContains } from './raw-scan';

const DAY = 24 * 60 * 60 * 1000;

describe('erasure: npm run privacy -- erase, and leavers after RETENTION_LEAVERS_DAYS', () => {
  let h: Harness;
  const out: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
  afterEach(async () => {
    expect(h.emulator.violations()).toEqual([]);
    await h.stop();
    out.length = 0;
  });

  /** Alice leaves Slack: deactivated, so she is out of the reports already; what she shared stays counted. */
  async function aliceLeaves(): Promise<void> {
    const { people } = h.leadwell.slack.deps;
    const alice = (await people.repository.get(h.people.alice))!;
    await people.applyProfile({ id: alice.id, teamId: alice.teamId, name: alice.name, realName: alice.realName, email: alice.email, tz: alice.tz, isBot: false, deleted: true, statusText: '', statusEmoji: '' });
  }

  const orgCsv = async () => reportCsv((await h.leadwell.slack.deps.reports.exportRows(h.people.admin)).managers);
  const traces = (needles: string[]) => everyValue(h.db).filter((v) => needles.some((n) => v.toLowerCase().includes(n.toLowerCase())));

  it('a dry run lists what would change and changes nothing; --apply leaves no trace of her name, id or text in any table or the raw file, and totals hold', async () => {
    h = await startHarness();
    await seedPrivacyWorld(h);
    kudos(h, h.people.manager, [h.people.alice, h.people.bob], `Alice and Bob: thanks <@${h.people.alice}>`);
    // A pulse comment about Maria that names Alice: stored sealed, so it is scrubbed opened, not as ciphertext.
    const comments = createPulseCommentCrypto(testSealer());
    h.db.prepare("INSERT INTO pulse_responses (id, period, manager_id, rating, comment) VALUES ('p1', '2026-10', ?, 4, ?)").run(h.people.manager, comments.seal('PULSE-NAMES-ALICE: Alice Doe carries the team'));
    await aliceLeaves();
    const env = { DATABASE_PATH: h.config.databasePath, LEADWELL_DATA_KEY: TEST_DATA_KEY };
    const before = everyValue(h.db);
    const csvBefore = await orgCsv();

    expect(await runPrivacyCli(['erase', h.people.alice], env, io, h.clock)).toBe(0);
    expect(out.join('\n')).toContain('Dry run: nothing was written');
    expect(out.join('\n')).toMatch(/goals: 1 row deleted/);
    expect(everyValue(h.db)).toEqual(before);

    out.length = 0;
    expect(await runPrivacyCli(['erase', h.people.alice, '--apply'], env, io, h.clock)).toBe(0);
    expect(out.join('\n')).toContain('Erased.');
    const needles = [h.people.alice, 'alice', 'Alice Doe', 'alice@example.com', TEXT.goalOfAlice, TEXT.notesAboutAlice, TEXT.notesByAlice, TEXT.itemForAlice];
    expect(traces(needles)).toEqual([]);
    expect(comments.open((h.db.prepare("SELECT comment FROM pulse_responses WHERE id = 'p1'").get() as { comment: string }).comment)).toBe('PULSE-NAMES-someone: someone carries the team');
    const raw = rawBytes(h.config.databasePath);
    for (const n of needles) expect([n, rawContains(raw, n)]).toEqual([n, false]);

    // Kudos she gave keep the recipient's side under an anonymous giver; report totals do not move.
    const kept = h.db.prepare('SELECT k.giver_id, k.message, r.recipient_id FROM kudos k JOIN kudos_recipients r ON r.kudos_id = k.id WHERE r.recipient_id = ?').all(h.people.bob) as Array<{ giver_id: string; message: string }>;
    expect(kept.some((k) => k.giver_id.startsWith('erased-') && k.message === 'KUDOS-FROM-someone-c3c3 thanks for the late-night fix')).toBe(true);
    expect(await orgCsv()).toEqual(csvBefore);
    // The audit row names the stand-in, never her.
    const audit = h.db.prepare("SELECT actor_id, subject_id FROM events WHERE kind = 'privacy.erased'").get() as { actor_id: string; subject_id: string };
    expect(audit.actor_id).toBe('cli');
    expect(audit.subject_id).toMatch(/^erased-[0-9a-f]{12}$/);
    expect(await runPrivacyCli(['erase', h.people.alice, '--apply'], env, io, h.clock)).toBe(1);
  });

  it('the daily retention job anonymises leavers after RETENTION_LEAVERS_DAYS, and nobody else', async () => {
    h = await startHarness({ env: { RETENTION_LEAVERS_DAYS: '30' } });
    await seedPrivacyWorld(h);
    await logOneOnOne(h, h.people.manager, h.people.bob, 'bob stays');
    await aliceLeaves();
    h.clock.advance(29 * DAY);
    await h.leadwell.scheduler.runNow('retention');
    expect(await h.leadwell.slack.deps.people.repository.get(h.people.alice)).toBeDefined();
    h.clock.advance(2 * DAY);
    await h.leadwell.scheduler.runNow('retention');
    expect(await h.leadwell.slack.deps.people.repository.get(h.people.alice)).toBeUndefined();
    expect(traces([h.people.alice, 'Alice Doe', TEXT.goalOfAlice])).toEqual([]);
    expect(await h.leadwell.slack.deps.people.repository.get(h.people.bob)).toMatchObject({ realName: 'Bob Roe', deleted: false });
    expect(traces(['bob stays'])).toHaveLength(1);
    expect(h.db.prepare("SELECT COUNT(*) AS n FROM events WHERE kind = 'privacy.leaver_anonymised' AND actor_id = 'scheduler'").get()).toEqual({ n: 1 });
  });
});
