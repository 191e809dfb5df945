import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBackupCli } from '../../src/cli/backup';
import { runKeysRotateCli } from '../../src/cli/keys-rotate';
import { runPrivacyCli } from '../../src/cli/privacy';
import { runReportCli } from '../../src/cli/report';
import { runRestoreCli } from '../../src/cli/restore';
import { TEST_DATA_KEY } from '../helpers/data-key';
import { freePort } from '../helpers/free-port';

/**
 * The operator CLIs follow DATABASE_URL as the app does. They used to pass only DATABASE_PATH to their config,
 * so on a PostgreSQL deployment `npm run privacy -- erase` erased nobody, `keys:rotate` reported "Everything is
 * under <new key>" and the report CSV came out empty, each from a fresh SQLite file it created at the default path.
 * Here DATABASE_URL names a loopback port nobody listens on: a CLI that follows it says so in one line (exit 1, no
 * stack trace), and the SQLite file at DATABASE_PATH is never created. (The working path on a real server: the e2e suites in
 * test/e2e-on-postgres.js under TEST_DATABASE_URL, which run these CLIs against the app's database.)
 */
describe('operator CLIs on a PostgreSQL deployment (DATABASE_URL)', () => {
  let dir: string;
  let env: Record<string, string>;
  const out: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
  const sqliteFile = () => env.DATABASE_PATH!;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-cli-url-'));
    env = {
      DATABASE_PATH: path.join(dir, 'leadwell.db'),
      DATABASE_URL: `postgres://leadwell:cli-test-secret@127.0.0.1:${await freePort()}/leadwell`,
      LEADWELL_DATA_KEY: TEST_DATA_KEY,
    };
    out.length = 0;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const unreachable = /^DATABASE_URL: cannot use PostgreSQL at postgres:\/\/leadwell:\*\*\*@127\.0\.0\.1:\d+\/leadwell/;

  it.each([
    ['privacy export', () => runPrivacyCli(['export', 'UALICE001'], env, io)],
    ['privacy erase', () => runPrivacyCli(['erase', 'UALICE001', '--apply'], env, io)],
    ['keys:rotate', () => runKeysRotateCli([], env, io)],
    ['report --csv', () => runReportCli(['--csv'], env, io)],
  ])('%s opens PostgreSQL, not a SQLite file at DATABASE_PATH, and says in one line that it cannot reach it', async (_name, run) => {
    expect(await run()).toBe(1);
    expect(out).toEqual([expect.stringMatching(unreachable)]);
    expect(fs.existsSync(sqliteFile())).toBe(false);
    expect(out.join('\n')).not.toContain('cli-test-secret');
  });

  it.each([
    ['backup', () => runBackupCli([path.join(dir, 'backups')], env, io), 'backup'],
    ['restore', () => runRestoreCli([path.join(dir, 'old.db')], env, io), 'restore'],
  ])('%s refuses in one line: it copies the SQLite file, which this deployment does not use', async (_name, run, what) => {
    expect(await run()).toBe(2);
    expect(out).toEqual([expect.stringMatching(new RegExp(`^npm run ${what} copies the SQLite file, and this Leadwell runs on PostgreSQL \\(DATABASE_URL\\): use pg_dump`))]);
    expect(fs.existsSync(sqliteFile())).toBe(false);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });
});
