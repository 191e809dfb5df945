import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { configProblems } from '../helpers/config-problems';
import { createLogger } from '../../src/logger';
import { startLeadwell } from '../../src/main';

const socket = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A-1-abc', LEADWELL_SECRET: 'database-url-test-leadwell-secret-0123' };
const SECRET_URL = 'postgres://leadwell:hunter2-secret@db.internal:5432/leadwell';

const problems = configProblems;

describe('DATABASE_URL', () => {
  it('is absent by default: SQLite at DATABASE_PATH', () => {
    const c = loadConfig(socket);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.databasePath).toBe('./data/leadwell.db');
  });

  it('accepts postgres:// and postgresql:// URLs, with a socket folder too', () => {
    for (const url of [SECRET_URL, 'postgresql://u@localhost/leadwell?sslmode=require', 'postgres:///leadwell?host=/var/run/postgresql']) {
      expect(loadConfig({ ...socket, DATABASE_URL: url }).databaseUrl).toBe(url);
    }
  });

  it('stops on a malformed URL with one line naming the variable and never echoing the password', () => {
    for (const bad of ['db.internal:5432/leadwell', 'mysql://u:hunter2-secret@h/leadwell', 'postgres://u:hunter2-secret@h:5432/', 'postgres://u:hunter2-secret@h:99999/x', 'postgres://']) {
      const lines = problems({ ...socket, DATABASE_URL: bad });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^DATABASE_URL: expected a PostgreSQL URL such as postgres:\/\//);
      expect(lines[0]).not.toContain('hunter2');
    }
  });

  it('DATABASE_PREPARED_STATEMENTS: on unless set to off; anything else stops start-up with a line that says what to write', () => {
    expect(loadConfig(socket).databasePreparedStatements).toBe(true);
    expect(loadConfig({ ...socket, DATABASE_URL: SECRET_URL, DATABASE_PREPARED_STATEMENTS: 'on' }).databasePreparedStatements).toBe(true);
    expect(loadConfig({ ...socket, DATABASE_URL: SECRET_URL, DATABASE_PREPARED_STATEMENTS: 'off' }).databasePreparedStatements).toBe(false);
    for (const bad of ['false', 'OFF', '0', 'no']) {
      const lines = problems({ ...socket, DATABASE_PREPARED_STATEMENTS: bad });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^DATABASE_PREPARED_STATEMENTS: expected on \(the default\) or off: .*PgBouncer/);
    }
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ ...socket, DATABASE_URL: '  ' }).databaseUrl).toBeUndefined();
  });

  it('stops with a clear line when PostgreSQL cannot be reached, and opens no SQLite file instead', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadwell-dburl-'));
    const config = loadConfig({ ...socket, DATABASE_URL: SECRET_URL, DATABASE_PATH: path.join(dir, 'leadwell.db') });
    const starting = startLeadwell({ config, logger: createLogger({ level: 'silent' }), schedulerEnabled: false });
    await expect(starting).rejects.toThrow(/^DATABASE_URL: cannot use PostgreSQL at postgres:\/\/leadwell:\*\*\*@db\.internal/);
    await expect(starting).rejects.not.toThrow(/hunter2/);
    expect(fs.readdirSync(dir)).toEqual([]); // no SQLite file was created behind the operator's back
  });

  it('npm start prints one clear line and exits non-zero', () => {
    const tsx = require.resolve('tsx/cli');
    const run = spawnSync(process.execPath, [tsx, path.join(__dirname, '../../src/main.ts')], {
      env: { PATH: process.env.PATH, ...socket, DATABASE_URL: SECRET_URL, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^Leadwell cannot start: DATABASE_URL: cannot use PostgreSQL at postgres:\/\/leadwell:\*\*\*@db\.internal[^\n]*$/);
    expect(run.stdout + run.stderr).not.toContain('hunter2');
  });
});
