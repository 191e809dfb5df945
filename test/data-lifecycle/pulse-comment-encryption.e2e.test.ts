import { setTeam, startHarness, type Harness } from '../helpers/harness';
import { runKeysRotateCli } from '../../src/cli/keys-rotate';
import { latestClosedPeriod } from '../../src/domain/pulse';
import { createLogger } from '../../src/logger';
import { startLeadwell, type Leadwell } from '../../src/main';
import { createPulseCommentCrypto, PULSE_COMMENTS_COLUMN } from '../../src/storage/pulse-comment-crypto';
import { sealedCensus } from '../../src/storage/sealed-columns';
import { createTextSealer, keyIdOf } from '../../src/storage/sealed-text';
import { OTHER_DATA_KEY, TEST_DATA_KEY } from '../helpers/data-key';
import { rawBytes, rawContains } from './raw-scan';
import { cliDatabase } from '../helpers/cli-database';
import { sameDatabase } from '../helpers/same-database';
import type { Executor } from '../../src/storage/engine';

/**
 * Pulse comments at rest, beside 1:1 notes (issue 19): answers already released (plaintext from before
 * encryption, or sealed under an older key) are sealed at start-up and by keys:rotate, and a wrong or
 * missing key stops start-up in one line. (Sealing at release: test/pulse/comment-sealing.test.ts and the
 * pulse in test/reports/report-e2e.test.ts.)
 */
const base64 = (k: string) => Buffer.from(k, 'base64');
const COMMENTS = ['PULSE-LEGACY-0a1 more context please', 'PULSE-LEGACY-0b2 great at unblocking', 'PULSE-LEGACY-0c3 too many meetings', '', 'PULSE-LEGACY-0d4 thanks'];
const texts = COMMENTS.filter((c) => c !== '');
const census = async (h: { store: Executor }) => (await sealedCensus(h.store, [PULSE_COMMENTS_COLUMN]))[0]!;

describe('encryption at rest of pulse comments', () => {
  let h: Harness | undefined;
  let restoreCli = () => undefined as void;
  afterEach(async () => {
    restoreCli();
    restoreCli = () => undefined;
    if (h) {
      expect(h.emulator.violations()).toEqual([]);
      // A test that restarted the app put the running one in h.leadwell: the harness stops it and closes the database.
      await h.stop();
    }
    h = undefined;
  });

  /** The app again on the same database, as after a restart, in place of the harness's (stopped) one. */
  async function restart(x: Harness): Promise<Leadwell> {
    const storage = sameDatabase(x);
    await x.leadwell.stop();
    x.leadwell = await startLeadwell({ config: x.config, logger: createLogger({ level: 'silent' }), clock: x.clock, schedulerEnabled: false, storage });
    return x.leadwell;
  }

  /** A released month about Maria's team of five, written as `store` says (plaintext: as before encryption). */
  async function releasedAnswers(x: Harness, store: (comment: string) => string): Promise<string> {
    const team = [x.people.alice, x.people.bob, ...['dan', 'eve', 'fay'].map((name) => x.emulator.addUser({ name, realName: `${name} X`, tz: 'UTC' }).id)];
    await setTeam(x, x.people.manager, team);
    const period = latestClosedPeriod(x.clock.now());
    for (const [i, c] of COMMENTS.entries()) {
      await x.query('INSERT INTO pulse_responses (id, period, manager_id, rating, comment) VALUES (?, ?, ?, ?, ?)', `legacy-${i}`, period, x.people.manager, 1 + i, store(c));
    }
    return period;
  }

  const managerSees = async (deps: Leadwell['slack']['deps'], x: Harness) => [...(await deps.reports.team(x.people.manager)).comments].sort();

  it('comments from before encryption are sealed at start-up, and still in the manager\'s report (only theirs)', async () => {
    h = await startHarness();
    await releasedAnswers(h, (c) => c);
    expect((await census(h)).plaintext).toBe(4);
    const restarted = await restart(h);
    for (let i = 0; i < 100 && (await census(restarted)).plaintext !== 0; i += 1) await new Promise((r) => setTimeout(r, 50));
    expect([...(await census(restarted)).byKey.entries()]).toEqual([[keyIdOf(base64(TEST_DATA_KEY)), 4]]);
    expect(await managerSees(restarted.slack.deps, h)).toEqual([...texts].sort());
    expect((await restarted.slack.deps.reports.team(h.people.admin, h.people.manager)).comments).toEqual([]); // only the manager, as before
  });

  it('sealed at start-up, the comments are gone from the raw SQLite file and its WAL', async () => {
    // About the file itself, so SQLite on every run.
    h = await startHarness({ engine: 'sqlite' });
    await releasedAnswers(h, (c) => c);
    const restarted = await restart(h);
    for (let i = 0; i < 100 && (await census(restarted)).plaintext !== 0; i += 1) await new Promise((r) => setTimeout(r, 50));
    expect((await census(restarted)).plaintext).toBe(0);
    // secure_delete zeroed the old cells; the sealing ends with a checkpoint, so the old frames leave the WAL.
    await h.emulator.waitFor(() => texts.every((t) => !rawContains(rawBytes(h!.config.databasePath), t)) || undefined, { timeoutMs: 5000 });
  });

  it('keys:rotate re-encrypts comments under the new key (and seals any left in clear); the report still reads them', async () => {
    h = await startHarness({ env: { LEADWELL_DATA_KEY: OTHER_DATA_KEY, LEADWELL_DATA_KEY_PREVIOUS: TEST_DATA_KEY } });
    const old = createPulseCommentCrypto(createTextSealer({ current: base64(TEST_DATA_KEY) }));
    await releasedAnswers(h, (c) => (c === COMMENTS[4] ? c : old.seal(c)));
    expect(await census(h)).toMatchObject({ plaintext: 1, byKey: new Map([[keyIdOf(base64(TEST_DATA_KEY)), 3]]) });
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    const cli = cliDatabase(h);
    restoreCli = cli.restore;
    expect(await runKeysRotateCli(['--batch', '2'], { ...cli.env, LEADWELL_DATA_KEY: OTHER_DATA_KEY, LEADWELL_DATA_KEY_PREVIOUS: TEST_DATA_KEY }, io, h.clock)).toBe(0);
    expect(out.join('\n')).toContain(`pulse comments: 4 re-encrypted under ${keyIdOf(base64(OTHER_DATA_KEY))}`);
    expect(await census(h)).toMatchObject({ plaintext: 0, byKey: new Map([[keyIdOf(base64(OTHER_DATA_KEY)), 4]]) });
    expect(await managerSees(h.leadwell.slack.deps, h)).toEqual([...texts].sort());
    // The old key alone no longer opens anything.
    const withOldKey = createPulseCommentCrypto(createTextSealer({ current: base64(TEST_DATA_KEY) }));
    const stored = (await h.query<{ comment: string }>("SELECT comment FROM pulse_responses WHERE comment <> ''")).map((r) => withOldKey.open(r.comment));
    expect(stored).toEqual(['', '', '', '']);
  });

  it('start-up with a wrong or missing key stops with one clear line naming the pulse comments', async () => {
    h = await startHarness();
    const sealed = createPulseCommentCrypto(createTextSealer({ current: base64(TEST_DATA_KEY) }));
    await releasedAnswers(h, (c) => sealed.seal(c));
    const storage = sameDatabase(h);
    await h.leadwell.stop();
    const start = (key?: string) =>
      startLeadwell({ config: { ...h!.config, dataKeys: { current: key ? base64(key) : undefined } }, logger: createLogger({ level: 'silent' }), schedulerEnabled: false, storage });
    await expect(start(OTHER_DATA_KEY)).rejects.toThrow(/^LEADWELL_DATA_KEY: does not match this database: 4 pulse comments are encrypted under key id k[0-9a-f]{8}, and the keys given are k[0-9a-f]{8}; set LEADWELL_DATA_KEY to the key they were written with/);
    await expect(start(undefined)).rejects.toThrow(/^LEADWELL_DATA_KEY: missing; this database holds 4 pulse comments, which Leadwell keeps encrypted/);
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    const cli = cliDatabase(h);
    restoreCli = cli.restore;
    expect(await runKeysRotateCli([], { ...cli.env, LEADWELL_DATA_KEY: OTHER_DATA_KEY }, io, h.clock)).toBe(1);
    expect(out.at(-1)).toMatch(/^Not done: 4 pulse comments under k[0-9a-f]{8}\. Give that key as LEADWELL_DATA_KEY_PREVIOUS/);
    // The right key starts it (the harness stops this one and closes the database).
    h.leadwell = await start(TEST_DATA_KEY);
  });
});
