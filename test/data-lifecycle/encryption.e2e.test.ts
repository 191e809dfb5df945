import { startHarness, type Harness } from '../helpers/harness';
import { loadConfig } from '../../src/config';
import { runKeysRotateCli } from '../../src/cli/keys-rotate';
import { OTHER_DATA_KEY, TEST_DATA_KEY } from '../helpers/data-key';
import { keyIdOf } from '../../src/storage/sealed-text';
import { sealedCensus } from '../../src/storage/sealed-columns';
import { logOneOnOne } from './seed';
import { rawBytes, rawContains } from './raw-scan';
import { cliDatabase } from '../helpers/cli-database';
import { reopenDatabase, sameDatabase } from '../helpers/same-database';

const SECRET_NOTE = 'SECRET-NOTE-5a5a she is interviewing elsewhere';
const base64 = (k: string) => Buffer.from(k, 'base64');

describe('encryption at rest of 1:1 notes', () => {
  let h: Harness | undefined;
  let restoreCli = () => undefined as void;
  afterEach(async () => {
    restoreCli();
    restoreCli = () => undefined;
    if (h) {
      expect(h.emulator.violations()).toEqual([]);
      await h.stop();
    }
    h = undefined;
  });

  async function team(x: Harness) {
    await x.leadwell.slack.deps.people.ensure(x.people.manager);
    await x.leadwell.slack.deps.people.ensure(x.people.alice);
  }

  it('the note is stored sealed, the value names its key, and only the writer reads it back', async () => {
    h = await startHarness();
    await team(h);
    await logOneOnOne(h, h.people.manager, h.people.alice, SECRET_NOTE);
    const stored = (await h.query<{ notes: string }>('SELECT notes FROM one_on_ones'))[0]!.notes;
    expect(stored.startsWith(`lw1:${keyIdOf(base64(TEST_DATA_KEY))}:`)).toBe(true);
    expect(stored).not.toContain('SECRET-NOTE-5a5a');
    expect(stored).not.toContain('interviewing');
    expect((await h.leadwell.slack.deps.oneOnOnes.history(h.people.manager, h.people.alice))[0]?.notes).toBe(SECRET_NOTE);
    expect(await h.leadwell.slack.deps.oneOnOnes.history(h.people.bob, h.people.alice)).toEqual([]);
  });

  it('the note is not in the raw SQLite file or its WAL', async () => {
    // About the file itself, so SQLite on every run.
    h = await startHarness({ engine: 'sqlite' });
    await team(h);
    await logOneOnOne(h, h.people.manager, h.people.alice, SECRET_NOTE);
    expect(rawContains(rawBytes(h.config.databasePath), 'SECRET-NOTE-5a5a')).toBe(false);
    expect(rawContains(rawBytes(h.config.databasePath), 'interviewing')).toBe(false);
  });

  it('start-up: a wrong key, a missing key once notes exist and a malformed key each stop it with one clear line', async () => {
    h = await startHarness();
    await team(h);
    await logOneOnOne(h, h.people.manager, h.people.alice, SECRET_NOTE);
    await h.leadwell.stop();
    const { startLeadwell } = await import('../../src/main');
    const { createLogger } = await import('../../src/logger');
    const start = (key?: string) =>
      startLeadwell({ config: { ...h!.config, dataKeys: { current: key ? base64(key) : undefined } }, logger: createLogger({ level: 'silent' }), schedulerEnabled: false, storage: sameDatabase(h!) });
    await expect(start(OTHER_DATA_KEY)).rejects.toThrow(/^LEADWELL_DATA_KEY: does not match this database: 1 private 1:1 notes are encrypted under key id k[0-9a-f]{8}/);
    await expect(start(undefined)).rejects.toThrow(/^LEADWELL_DATA_KEY: missing; this database holds 1 private 1:1 notes/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', LEADWELL_DATA_KEY: 'not-a-key' })).toThrow(/LEADWELL_DATA_KEY: expected 32 random bytes as base64/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', LEADWELL_DATA_KEY: 'not-a-key' })).not.toThrow(/not-a-key/);
    // The right key passes the same check.
    const { checkDataKey } = await import('../../src/storage/data-key-check');
    const { createTextSealer } = await import('../../src/storage/sealed-text');
    const storage = await reopenDatabase(h);
    expect(await checkDataKey(storage.db, createTextSealer({ current: base64(TEST_DATA_KEY) }))).toEqual({ plaintextWaiting: 0 });
    await storage.close();
    // And the app starts with it (the harness stops this one and closes the database).
    h.leadwell = await start(TEST_DATA_KEY);
  });

  it('without a key and without notes it starts, and a note is refused in words, never stored in clear', async () => {
    h = await startHarness({ env: { LEADWELL_DATA_KEY: '' } });
    await team(h);
    await expect(logOneOnOne(h!, h!.people.manager, h!.people.alice, SECRET_NOTE)).rejects.toThrow(/switched off on this Leadwell until its operator sets LEADWELL_DATA_KEY/);
    await logOneOnOne(h, h.people.manager, h.people.alice, '');
    expect(await h.query("SELECT COUNT(*) AS n FROM one_on_ones WHERE notes <> ''")).toEqual([{ n: 0 }]);
  });

  it('keys:rotate re-encrypts in batches while the app runs with both keys and keeps writing', async () => {
    h = await startHarness({ env: { LEADWELL_DATA_KEY: OTHER_DATA_KEY, LEADWELL_DATA_KEY_PREVIOUS: TEST_DATA_KEY } });
    await team(h);
    // Notes written under the old key (what the database held before the operator rotated).
    const { createTextSealer } = await import('../../src/storage/sealed-text');
    const oldSealer = createTextSealer({ current: base64(TEST_DATA_KEY) });
    const rows = Array.from({ length: 250 }, (_, i) => [h!.people.manager, h!.people.alice, oldSealer.seal(`old note ${i}`, 'one_on_ones.notes'), `old-${i}`]);
    await h.query(`INSERT INTO one_on_ones (manager_id, report_id, held_on, held_at, notes, idempotency_key, created_at) VALUES ${rows.map(() => "(?, ?, '2026-10-01', 0, ?, ?, 0)").join(', ')}`, ...rows.flat());
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    const cli = cliDatabase(h);
    restoreCli = cli.restore;
    const rotating = runKeysRotateCli(['--batch', '20'], { ...cli.env, LEADWELL_DATA_KEY: OTHER_DATA_KEY, LEADWELL_DATA_KEY_PREVIOUS: TEST_DATA_KEY }, io, h.clock);
    // The app keeps writing and reading while the rotation runs.
    for (let i = 0; i < 10; i += 1) {
      await logOneOnOne(h, h.people.manager, h.people.alice, `during rotation ${i}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await rotating).toBe(0);
    expect(out.join('\n')).toContain('250 re-encrypted');
    const census = (await sealedCensus(h.store))[0]!;
    expect([...census.byKey.keys()]).toEqual([keyIdOf(base64(OTHER_DATA_KEY))]);
    expect(census.plaintext).toBe(0);
    const history = (await h.leadwell.slack.deps.oneOnOnes.history(h.people.manager, h.people.alice)).map((e) => e.notes);
    expect(history).toContain('during rotation 9');
    expect(await h.query("SELECT data FROM events WHERE kind = 'keys.rotated'")).toEqual([{
      data: JSON.stringify({ to: keyIdOf(base64(OTHER_DATA_KEY)), from: [keyIdOf(base64(TEST_DATA_KEY))], resealed: 250, left: 0 }),
    }]);
    // Without the old key, what is still under it is reported, not silently skipped.
    expect(await runKeysRotateCli([], { ...cli.env, LEADWELL_DATA_KEY: TEST_DATA_KEY }, io, h.clock)).toBe(1);
    expect(out.at(-1)).toMatch(/Not done: 260 private 1:1 notes under k[0-9a-f]{8}/);
    expect(await runKeysRotateCli(['--previous-key', 'x'], {}, io, h.clock)).toBe(2);
  });
});
