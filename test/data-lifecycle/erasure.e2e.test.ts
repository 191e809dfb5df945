import { startHarness, type Harness } from '../helpers/harness';
import { runPrivacyCli } from '../../src/cli/privacy';
import { reportCsv } from '../../src/slack/report-export';
import { TEST_DATA_KEY, testSealer } from '../helpers/data-key';
import { createPulseCommentCrypto } from '../../src/storage/pulse-comment-crypto';
import { kudos, logOneOnOne, seedPrivacyWorld, TEXT } from './seed';
import { everyValue, rawBytes, rawContains } from './raw-scan';
import { cliDatabase } from '../helpers/cli-database';

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
  const traces = async (needles: string[]) => (await everyValue(h)).filter((v) => needles.some((n) => v.toLowerCase().includes(n.toLowerCase())));
  const needles = () => [h.people.alice, 'alice', 'Alice Doe', 'alice@example.com', TEXT.goalOfAlice, TEXT.notesAboutAlice, TEXT.notesByAlice, TEXT.itemForAlice];
  const comments = createPulseCommentCrypto(testSealer());

  /** The privacy world, a kudos naming Alice, a sealed pulse comment naming her, and Alice gone from Slack. */
  async function aliceWorld(): Promise<void> {
    await seedPrivacyWorld(h);
    await kudos(h, h.people.manager, [h.people.alice, h.people.bob], `Alice and Bob: thanks <@${h.people.alice}>`);
    // A pulse comment about Maria that names Alice: stored sealed, so it is scrubbed opened, not as ciphertext.
    await h.query("INSERT INTO pulse_responses (id, period, manager_id, rating, comment) VALUES ('p1', '2026-10', ?, 4, ?)", h.people.manager, comments.seal('PULSE-NAMES-ALICE: Alice Doe carries the team'));
    await aliceLeaves();
  }

  /** `npm run privacy -- erase` on the app's database (either engine). */
  async function erase(...args: string[]): Promise<number> {
    const cli = cliDatabase(h);
    try {
      return await runPrivacyCli(['erase', ...args], { ...cli.env, LEADWELL_DATA_KEY: TEST_DATA_KEY }, io, h.clock);
    } finally {
      cli.restore();
    }
  }

  it('a dry run lists what would change and changes nothing; --apply leaves no trace of her name, id or text in any table, and totals hold', async () => {
    h = await startHarness();
    await aliceWorld();
    const before = await everyValue(h);
    const csvBefore = await orgCsv();

    expect(await erase(h.people.alice)).toBe(0);
    expect(out.join('\n')).toContain('Dry run: nothing was written');
    expect(out.join('\n')).toMatch(/goals: 1 row deleted/);
    expect(await everyValue(h)).toEqual(before);

    out.length = 0;
    expect(await erase(h.people.alice, '--apply')).toBe(0);
    expect(out.join('\n')).toContain('Erased.');
    expect(await traces(needles())).toEqual([]);
    const [pulse] = await h.query<{ comment: string }>("SELECT comment FROM pulse_responses WHERE id = 'p1'");
    expect(comments.open(pulse!.comment)).toBe('PULSE-NAMES-someone: someone carries the team');

    // Kudos she gave keep the recipient's side under an anonymous giver; report totals do not move.
    const kept = await h.query<{ giver_id: string; message: string }>('SELECT k.giver_id, k.message, r.recipient_id FROM kudos k JOIN kudos_recipients r ON r.kudos_id = k.id WHERE r.recipient_id = ?', h.people.bob);
    expect(kept.some((k) => k.giver_id.startsWith('erased-') && k.message === 'KUDOS-FROM-someone-c3c3 thanks for the late-night fix')).toBe(true);
    expect(await orgCsv()).toEqual(csvBefore);
    // The audit row names the stand-in, never her.
    const audit = await h.query<{ actor_id: string; subject_id: string }>("SELECT actor_id, subject_id FROM events WHERE kind = 'privacy.erased'");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe('cli');
    expect(audit[0]!.subject_id).toMatch(/^erased-[0-9a-f]{12}$/);
    expect(await erase(h.people.alice, '--apply')).toBe(1);
  });

  it('after --apply the SQLite file and its WAL hold no trace of her either', async () => {
    // About the file itself, so SQLite on every run.
    h = await startHarness({ engine: 'sqlite' });
    await aliceWorld();
    expect(await erase(h.people.alice, '--apply')).toBe(0);
    const raw = rawBytes(h.config.databasePath);
    for (const n of needles()) expect([n, rawContains(raw, n)]).toEqual([n, false]);
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
    expect(await traces([h.people.alice, 'Alice Doe', TEXT.goalOfAlice])).toEqual([]);
    expect(await h.leadwell.slack.deps.people.repository.get(h.people.bob)).toMatchObject({ realName: 'Bob Roe', deleted: false });
    expect(await traces(['bob stays'])).toHaveLength(1);
    expect(await h.query("SELECT COUNT(*) AS n FROM events WHERE kind = 'privacy.leaver_anonymised' AND actor_id = 'scheduler'")).toEqual([{ n: 1 }]);
  });
});
