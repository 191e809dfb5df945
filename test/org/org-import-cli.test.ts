import { sqliteKysely } from '../../src/storage/sqlite-kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshDb } from '../helpers/db';
import { main, patientDirectory, runOrgImport } from '../../src/cli/org-import';
import { createPeopleRepository } from '../../src/storage/people-repository';
import { clockAt, fakeDirectory, profile } from './fixtures';

const slack = [profile('UCEO', { name: 'carol' }), profile('UANN', { name: 'ann' })];

describe('org:import CLI', () => {
  let ctx: ReturnType<typeof freshDb>;
  beforeEach(() => (ctx = freshDb()));
  afterEach(() => ctx.cleanup());

  it('prints a dry run, writes only with --apply, and reports bad rows by line', async () => {
    const csv = 'person,manager\nann@example.com,carol@example.com\nzed@example.com,carol@example.com\n';
    const dry = await runOrgImport({ csv, apply: false, db: sqliteKysely(ctx.db), directory: fakeDirectory(slack), clock: clockAt() });
    expect(dry.lines).toEqual(expect.arrayContaining([
      'Would change:',
      '  line 2: ann <ann@example.com>: manager (none) → carol <carol@example.com>',
      '  line 3 (zed@example.com): no Slack user with the email zed@example.com',
      'Dry run: nothing was written. Run again with --apply to write these changes.',
    ]));
    expect(await createPeopleRepository(sqliteKysely(ctx.db)).count()).toBe(0);
    const applied = await runOrgImport({ csv, apply: true, db: sqliteKysely(ctx.db), directory: fakeDirectory(slack), clock: clockAt() });
    expect(applied.lines).toContain('Applied.');
    expect((await createPeopleRepository(sqliteKysely(ctx.db)).get('UANN'))?.managerId).toBe('UCEO');
  });

  it('reads semicolon-separated files with a BOM, as spreadsheets save them', async () => {
    const csv = '\uFEFFPerson;Manager\nann@example.com;carol@example.com\n';
    const { plan } = await runOrgImport({ csv, apply: true, db: sqliteKysely(ctx.db), directory: fakeDirectory(slack), clock: clockAt() });
    expect(plan.unmatched).toEqual([]);
    expect((await createPeopleRepository(sqliteKysely(ctx.db)).get('UANN'))?.managerId).toBe('UCEO');
  });

  it('waits as long as Slack asks on a 429, then retries', async () => {
    const waits: number[] = [];
    let calls = 0;
    const flaky = fakeDirectory(slack);
    const directory = patientDirectory(
      {
        ...flaky,
        lookupByEmail: async (email) => {
          calls += 1;
          if (calls === 1) throw Object.assign(new Error('rate limited'), { retryAfter: 3 });
          return flaky.lookupByEmail(email);
        },
      },
      async (ms) => void waits.push(ms),
    );
    expect((await directory.lookupByEmail('ann@example.com'))?.id).toBe('UANN');
    expect(waits).toEqual([3000]);
  });

  it('without a file prints usage and fails; with missing config names the variable', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await main([], {})).toBe(2);
    expect(String(log.mock.calls[0]?.[0])).toContain('Usage: npm run org:import');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'org-cli-'));
    const file = path.join(dir, 'people.csv');
    fs.writeFileSync(file, 'person,manager\n');
    const err = (console.error as jest.Mock).mockImplementation(() => undefined);
    expect(await main([file], {})).toBe(1);
    expect(String(err.mock.calls[0]?.[0])).toContain('SLACK_BOT_TOKEN');
    err.mockClear();
    // A misspelt --apply must not quietly become a dry run (or anything else).
    expect(await main([file, '--aply'], {})).toBe(2);
    expect(String(err.mock.calls[0]?.[0])).toContain("Unknown option '--aply'");
    expect(String(err.mock.calls[0]?.[0])).toContain('Usage: npm run org:import');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
