import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { runDbCopyCli } from '../../src/cli/db-copy';
import { createLogger } from '../../src/logger';
import { startLeadwell, type Leadwell } from '../../src/main';
import { startPlayground, type Playground } from '../../tools/emulator/playground';
import type { Driver } from '../../tools/emulator';
import { freePort } from '../helpers/free-port';
import { freshPostgres, type TestPostgres } from '../helpers/postgres';

/**
 * Moving a real installation to PostgreSQL, end to end: the playground's demo database (seeded as `npm run dev`
 * seeds it: the org chart, half a year of 1:1s, kudos), copied by the db:copy CLI's own code, and the app
 * started on the copy shows every person the same App Home as the app on the SQLite original. On PGlite the
 * CLI is handed the in-process database; with TEST_DATABASE_URL it opens the server from --to itself.
 */
describe('db:copy of the playground database, then the app on PostgreSQL', () => {
  let dir: string;
  let play: Playground;
  let pg: TestPostgres;
  let copy: Leadwell | undefined;
  let onCopy: Driver;
  const logs: string[] = [];
  const logger = createLogger({ level: 'warn', destination: new Writable({ write: (c, _e, cb) => (logs.push(String(c)), cb()) }) });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-copy-play-'));
    play = await startPlayground({ port: 0, databasePath: path.join(dir, 'dev.db'), logger });
    pg = await freshPostgres({ migrate: false });
  }, 60_000);
  afterAll(async () => {
    await copy?.stop();
    await play?.stop();
    await pg?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What the app last sent to views.publish for `userId` (the app's own blocks, before the emulator stores them). */
  function published(userId: string): { count: number; view?: unknown } {
    const calls = play.emulator.calls.filter((c) => c.method === 'views.publish' && c.ok && (c.args as { user_id?: string }).user_id === userId);
    const last = calls.at(-1)?.args as { view?: unknown } | undefined;
    const view = typeof last?.view === 'string' ? JSON.parse(last.view) : last?.view;
    return { count: calls.length, view };
  }
  async function openHome(driver: Driver, userId: string): Promise<unknown> {
    const before = published(userId).count;
    expect((await driver.openHome(userId)).status).toBe(200);
    await play.emulator.waitFor(() => published(userId).count > before, { timeoutMs: 10_000 });
    return published(userId).view;
  }

  it('copies through the CLI with --apply, and the app starts on the copy', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const argv = ['--from', `sqlite:${play.config.databasePath}`, '--to', pg.url ?? 'postgres://test@pglite/leadwell', '--apply'];
    const code = await runDbCopyCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, pg.url ? {} : { openTarget: () => pg.connect() });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out.join('\n')).toContain("every table's row count matches the source");
    const oneOnOnes = Number((await pg.db.selectFrom('one_on_ones').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(oneOnOnes).toBe((play.leadwell.db!.prepare('SELECT COUNT(*) AS n FROM one_on_ones').get() as { n: number }).n);
    expect(oneOnOnes).toBeGreaterThan(20);

    // The same app (same secrets, the same data key for the sealed notes, the same clock and Slack) on the copy.
    const port = await freePort();
    const storage = pg.url ? undefined : { engine: 'postgres' as const, db: pg.db, where: 'pglite', close: async () => undefined };
    copy = await startLeadwell({ config: { ...play.config, port, databaseUrl: pg.url }, logger, clock: play.clock, schedulerEnabled: false, storage });
    expect(copy.engine).toBe('postgres');
    onCopy = play.emulator.driver({ kind: 'http', url: `http://127.0.0.1:${port}/slack/events` });
  }, 60_000);

  it('publishes the same App Home for every person of the demo org on the copy as on the SQLite original', async () => {
    expect(copy).toBeDefined();
    const onOriginal = play.emulator.driver({ kind: 'http', url: new URL('/slack/events', play.dashboardUrl).toString() });
    for (const person of play.org.people) {
      const original = await openHome(onOriginal, person.id);
      const copied = await openHome(onCopy, person.id);
      expect(JSON.stringify(original)).toContain('"type":"home"');
      // Named in the comparison, so a failure says whose home differs and shows the diff.
      expect({ person: person.name, view: copied }).toEqual({ person: person.name, view: original });
    }
    // The managers' homes carry the seeded history (a sign the comparison is not between two empty homes).
    const tom = play.org.people.find((p) => p.name === 'tom')!;
    expect(JSON.stringify(published(tom.id).view)).toContain('Zoe');
    expect(play.emulator.violations()).toEqual([]);
    expect(logs.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
  }, 120_000);
});
